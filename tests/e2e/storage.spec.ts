// The school's work is kept in this browser's IndexedDB (SPEC §9): a reload loses
// nothing shown as saved, and two tabs never silently overwrite each other.
import { test, expect } from './support/harness';
import { readFileSync, writeFileSync } from 'node:fs';
import { Importer, fixture } from './support/importer';
import { SAVED, opened, revision, savedSince } from './support/saving';
import { COLUMN } from './support/planner-grid';

/** The first pupil of primary_210.csv: a profile is addressed by pupil key (the UPN). */
const FIRST_PUPIL = 'W373210125361';

test('import, notes, focus and profile survive a reload', async ({ app, page }) => {
  await app.open();
  await opened(page);
  let before = await revision(page);
  await new Importer(app).importFile('primary_210.csv', 210);
  await savedSince(page, before);

  // A note and a focus flag on the first pupil, and a profile change.
  await page.goto(`./#pupil/${FIRST_PUPIL}`);
  await page.getByLabel('Focus: flag this pupil for attention').check();
  await page.getByLabel('Notes about this pupil').fill('Check in with parents after half term.');
  await page.getByLabel('Notes about this pupil').press('Tab');
  await app.goTo('Settings');
  before = await revision(page);
  await page.getByLabel('Shortlist (% of pupils)').fill('5');
  await page.getByLabel('Shortlist (% of pupils)').press('Tab');
  await savedSince(page, before);

  await page.reload();
  await opened(page);
  await app.goTo('All pupils');
  await expect(app.grid('All pupils').grid).toHaveAttribute('aria-rowcount', '211');
  await app.goTo('Shortlist');
  await expect(app.grid('Shortlist').grid).toHaveAttribute('aria-rowcount', String(Math.ceil(210 * 0.05) + 1));
  await page.goto(`./#pupil/${FIRST_PUPIL}`);
  await expect(page.getByLabel('Focus: flag this pupil for attention')).toBeChecked();
  await expect(page.getByLabel('Notes about this pupil')).toHaveValue('Check in with parents after half term.');
});

test('an edit followed straight away by a reload is not lost', async ({ app, page }) => {
  await app.open();
  await opened(page);
  const before = await revision(page);
  await page.getByRole('button', { name: 'Try it with a made-up school' }).click();
  await savedSince(page, before);
  // The fourth pupil of the made-up school, through their name in All pupils.
  await app.goTo('All pupils');
  const all = app.grid('All pupils');
  await all.cell(all.bodyRows.nth(3), COLUMN.name).getByRole('link').click();
  await page.getByLabel('Notes about this pupil').fill('Moved seats.');
  await page.getByLabel('Notes about this pupil').press('Tab');
  // Straight away: no waiting for "Saved".
  await page.reload();
  await expect(page.getByLabel('Notes about this pupil')).toHaveValue('Moved seats.', { timeout: 15_000 });
  await expect(page.getByText('these pupils are not real')).toBeVisible();
});

test('a second tab is told when the first saves, and does not overwrite it', async ({ app, page, context }) => {
  await app.open();
  await opened(page);
  const second = await context.newPage();
  await second.goto(page.url());
  await opened(second);

  // The first tab imports; the second is told, and offered a reload.
  const before = await revision(page);
  await new Importer(app).importFile('primary_210.csv', 210);
  await savedSince(page, before);
  const warning = second.getByRole('alert').filter({ hasText: 'changed in another tab' });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('button', { name: 'Reload this tab' })).toBeVisible();

  // An edit in the stale tab is not saved over the first tab's work.
  await second.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await second.getByLabel('Shortlist (% of pupils)').fill('10');
  await second.getByLabel('Shortlist (% of pupils)').press('Tab');
  await expect(second.getByText(/Not saved: this workspace was changed in another tab/)).toBeVisible();

  // Reloading the second tab shows the first tab's pupils, with the 2% shortlist intact.
  await warning.getByRole('button', { name: 'Reload this tab' }).click();
  await opened(second);
  await second.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shortlist' }).click();
  await expect(second.getByRole('grid', { name: 'Shortlist' })).toHaveAttribute('aria-rowcount', String(Math.ceil(210 * 0.02) + 1));
  await second.close();
});

test('a profile is addressed by pupil key: after a re-import in another order it still shows the same pupil', async ({ app, page }, testInfo) => {
  await app.open();
  await opened(page);
  await new Importer(app).importFile('primary_210.csv', 210);
  await page.goto(`./#pupil/${FIRST_PUPIL}`);
  const name = 'Harry Tyler Wright';
  await expect(app.heading).toHaveText(name);
  await page.getByLabel('Notes about this pupil').fill('Seen by the speech therapist.');
  await page.getByLabel('Notes about this pupil').press('Tab');

  // The same file with its rows reversed: the first pupil is now the last row.
  const [head, ...rows] = readFileSync(fixture('primary_210.csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.length > 0);
  expect(rows[0].startsWith(FIRST_PUPIL)).toBe(true);
  const reversed = testInfo.outputPath('primary_210_reversed.csv');
  writeFileSync(reversed, [head, ...rows.reverse()].join('\r\n') + '\r\n');
  await app.goTo('Import');
  await app.fileInput.setInputFiles(reversed);
  await page.getByRole('button', { name: 'Confirm import' }).click();
  await expect(page.getByRole('status').filter({ hasText: '210 pupils imported' })).toBeVisible();

  // The bookmark, and Back, open the same pupil, with their note.
  await page.goto(`./#pupil/${FIRST_PUPIL}`);
  await expect(app.heading).toHaveText(name);
  await expect(page.getByLabel('Notes about this pupil')).toHaveValue('Seen by the speech therapist.');
  // In All pupils that pupil is now the last row, and its link goes to the same key.
  await app.goTo('All pupils');
  await page.getByLabel('Search by name or UPN').fill(FIRST_PUPIL);
  const link = app.grid('All pupils').bodyRows.first().getByRole('link');
  await expect(link).toHaveAttribute('href', `#pupil/${FIRST_PUPIL}`);
});

test('saved work emptied from IndexedDB behind the app is said to be missing at start-up, not shown as a fresh "Saved" workspace', async ({ app, page, context, baseURL }) => {
  await app.open();
  await opened(page);
  const before = await revision(page);
  await new Importer(app).importFile('primary_210.csv', 210);
  await savedSince(page, before);

  // IndexedDB alone is cleared, as a browser does when it throws a damaged database
  // away at start-up; web storage (where the planner notes its last save) stays. The
  // planner is closed first, as the browser would be, so it cannot open the database again
  // while it is being cleared: the tab shows a blank page of the same origin instead (made
  // here, not served), from which the origin's databases can still be listed. It lies
  // outside the planner's folder, so the planner's service worker does not answer for it.
  const blank = new URL('/blank-for-test.html', baseURL).href;
  await page.route(blank, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><title>Closed</title><link rel="icon" href="data:,"></html>',
    }),
  );
  await page.goto(blank);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', {
    origin: new URL(baseURL!).origin,
    storageTypes: 'indexeddb',
  });
  await expect
    .poll(() => page.evaluate(async () => (await indexedDB.databases()).length), { message: 'IndexedDB emptied' })
    .toBe(0);
  await page.goto(baseURL!);

  const missing = page.getByRole('alert').filter({ hasText: 'Your saved work on this computer is missing' });
  await expect(missing).toBeVisible({ timeout: 30_000 });
  const today = new Date();
  const date = `${String(today.getDate()).padStart(2, '0')}/${String(today.getMonth() + 1).padStart(2, '0')}/${today.getFullYear()}`;
  await expect(missing).toContainText(`“My school”, last saved on ${date}`);
  await expect(missing.getByRole('link', { name: 'Restore your latest backup' })).toHaveAttribute('href', '#settings-data');
  // The header does not call the empty workspace saved work.
  const header = page.getByRole('banner');
  await expect(header.getByText('⚠ Your saved work is missing')).toBeVisible();
  await expect(header.getByText(SAVED)).toHaveCount(0);
  await app.checkAccessibility('missing saved work');

  // Still missing after another reload, until the school chooses to carry on without it.
  await page.reload();
  await expect(missing).toBeVisible({ timeout: 30_000 });
  await missing.getByRole('button', { name: 'Carry on without it' }).click();
  await expect(missing).toHaveCount(0);
  await expect(header.getByText(SAVED)).toBeVisible();
  await page.reload();
  await opened(page);
  await expect(missing).toHaveCount(0);
});
