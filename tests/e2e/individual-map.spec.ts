// Text typed into the individual provision map is saved as it is typed (issue 12 §3): it
// used to be kept only when the field was left, while the header said "Saved", so a
// reload lost it. Each field here is typed into and the page reloaded at once — no leaving
// the field, no waiting for "Saved" — and the text must be there after the reload. A review
// typed but not yet added makes leaving the page ask first.
import { test, expect } from './support/harness';
import type { Page } from '@playwright/test';
import { Importer } from './support/importer';
import { opened, revision, savedSince } from './support/saving';
import { openWithoutApp, storedRecords } from './support/indexeddb';

/** The first pupil of primary_210.csv, by pupil key (the UPN). */
const PUPIL = 'W373210125361';
const INTERVENTION = 'Daily report';

/** Imports primary_210.csv, gives the first pupil a provision, and opens their profile. */
async function pupilWithProvision(app: import('./support/planner-app').PlannerApp, page: Page): Promise<void> {
  await app.open();
  await opened(page);
  await new Importer(app).importFile('primary_210.csv', 210);
  await app.goTo('Provision');
  await page.getByLabel('Intervention', { exact: true }).selectOption({ label: INTERVENTION });
  await page.getByLabel('One pupil').check();
  await page.getByLabel("Pupil's UPN or name").fill(PUPIL);
  const before = await revision(page);
  await page.getByRole('button', { name: 'Add provision', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added ${INTERVENTION} for` })).toBeVisible();
  await savedSince(page, before);
  await page.goto(`./#pupil/${PUPIL}`);
  await expect(page.getByRole('region', { name: 'Individual provision map' })).toContainText(INTERVENTION);
}

/** Every text field of the individual map, with text that reads back as typed. */
const FIELDS: Array<{ label: string; text: string }> = [
  { label: 'Assessed needs', text: 'Reading: slow decoding in every lesson\nWorking memory: loses track of instructions' },
  { label: 'Quality-first strategies', text: 'Instructions written on the board\nPre-teach key words' },
  { label: `Expected outcome for ${INTERVENTION}`, text: 'Attendance above 95% by Easter' },
  { label: "Pupil's views", text: 'I like the daily check-in.' },
  { label: 'Parent or carer\'s views', text: 'Mum says mornings are calmer.' },
];

test.beforeEach(async ({ page }) => {
  // Leaving with typed text still held back asks first: the user here always leaves.
  page.on('dialog', (dialog) => void dialog.accept());
});

test('each individual map field typed into and reloaded at once keeps its text', async ({ app, page }) => {
  test.setTimeout(120_000);
  await pupilWithProvision(app, page);
  for (const { label, text } of FIELDS) {
    const field = page.getByLabel(label, { exact: true });
    await field.fill(text);
    // Straight away: the field is not left, and "Saved" is not waited for.
    await page.reload();
    await opened(page);
    await expect(page.getByLabel(label, { exact: true })).toHaveValue(text, { timeout: 15_000 });
  }
  // And all of them together, in the map as it prints.
  const map = page.getByRole('region', { name: 'Individual provision map' });
  await expect(map).toContainText('Reading — slow decoding in every lesson');
  await expect(map).toContainText('Pre-teach key words');
  await expect(map.getByRole('table', { name: 'Targeted provision' })).toContainText('Attendance above 95% by Easter');
  await expect(map).toContainText('I like the daily check-in.');
  await expect(map).toContainText('Mum says mornings are calmer.');
});

test('typing key by key says "Saving…" then "Saved", and a reload straight after keeps every key', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000);
  await pupilWithProvision(app, page);
  const banner = page.getByRole('banner');
  const needs = page.getByLabel('Assessed needs', { exact: true });
  const before = await revision(page);
  // The header says "Saving…" while the keys are still being typed…
  const typing = needs.pressSequentially('Spelling: needs a word bank', { delay: 60 });
  await expect(banner.getByText('Saving…')).toBeVisible();
  await typing;
  // …and "Saved" once what was typed is stored, with the field never left.
  await savedSince(page, before);
  await expect(needs).toBeFocused();
  await expect(banner.getByText('Saving…')).toBeHidden();

  // Keys typed and the page reloaded at once: the last keys are kept too.
  const views = page.getByLabel("Pupil's views", { exact: true });
  await views.pressSequentially('Likes maths');
  await page.reload();
  await opened(page);
  await expect(page.getByLabel("Pupil's views", { exact: true })).toHaveValue('Likes maths', { timeout: 15_000 });
  await expect(page.getByLabel('Assessed needs', { exact: true })).toHaveValue('Spelling: needs a word bank');
});

test('the pupil notes save as they are typed and survive a reload at once', async ({ app, page }) => {
  test.setTimeout(120_000);
  await pupilWithProvision(app, page);
  await page.getByLabel('Notes about this pupil').pressSequentially('Sits near the front.');
  await page.reload();
  await opened(page);
  await expect(page.getByLabel('Notes about this pupil')).toHaveValue('Sits near the front.', { timeout: 15_000 });
});

test('a review typed but not added makes leaving the page ask first', async ({ app, page }) => {
  test.setTimeout(120_000);
  await pupilWithProvision(app, page);
  const summary = page.getByLabel('What was found');
  await summary.click();
  await summary.fill('Attendance up from 88% to 93%.');
  // A page that asks before it is left cancels `beforeunload`.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      }),
    )
    .toBe(true);
  // And the browser asks the user: leaving (accepted here) reloads the page.
  const asked = page.waitForEvent('dialog');
  const reloaded = page.reload();
  expect((await asked).type()).toBe('beforeunload');
  await reloaded;
  await opened(page);

  // Once the review is added there is nothing left to ask about.
  await page.getByLabel('Date of review').fill('2026-03-13');
  await page.getByLabel('What was found').fill('Attendance up from 88% to 93%.');
  await page.getByRole('button', { name: 'Add review' }).click();
  await expect(page.getByRole('table', { name: 'Reviews' })).toContainText('Attendance up from 88% to 93%.');
  expect(
    await page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    }),
  ).toBe(false);
});

test('text noted as unsaved when the page went away is brought back at start-up, saved, and the note forgotten', async ({ app, page }) => {
  // A reload can end the page before its last IndexedDB write finishes, so on leaving the
  // planner notes what is unsaved in web storage (written at once). This writes such a note
  // with the raw APIs, as a page that went away mid-save leaves it, and opens the app.
  test.setTimeout(120_000);
  await app.open();
  await opened(page);
  await new Importer(app).importFile('primary_210.csv', 210);
  const stored = await storedRecords(page);
  const [id, base] = stored!.workspaces[0] as [string, string];
  const ours = JSON.parse(base);
  ours.notes = { ...ours.notes, [PUPIL]: 'Typed just before the page went away.' };
  const before = await revision(page);
  // Written from a page of the app's origin that does not run the app, so no planner tab
  // is open to save (and forget) it first.
  await openWithoutApp(page);
  await page.evaluate(
    ([key, text]) => localStorage.setItem(key, text),
    [`planner-unsaved:${id}`, JSON.stringify({ base, ours: JSON.stringify(ours) })],
  );
  await page.goto(`./#pupil/${PUPIL}`);
  await expect(page.getByLabel('Notes about this pupil')).toHaveValue('Typed just before the page went away.');
  // Written to IndexedDB, and the note is forgotten once it is.
  await savedSince(page, before);
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `planner-unsaved:${id}`)).toBeNull();
  await expect
    .poll(async () => String((await storedRecords(page))!.workspaces[0][1]))
    .toContain('Typed just before the page went away.');
  // A later reload reads it from IndexedDB alone.
  await page.reload();
  await opened(page);
  await expect(page.getByLabel('Notes about this pupil')).toHaveValue('Typed just before the page went away.');
});
