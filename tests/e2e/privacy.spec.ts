// Privacy display mode (SPEC §6, issue 10): safe to project in a staff meeting. After
// importing secondary_1200.xlsx and giving one shortlisted pupil a provision (so Provision
// and Costs name a pupil), privacy mode is turned on; then on Shortlist, All pupils, that
// pupil's profile, Cohorts, Provision and Costs the page's text holds no imported pupil's
// full UPN, date of birth, class (registration group) or full name, while the masked UPN
// ("…8919", read out as "UPN ending 8919") and initials do appear. Virtualised grids only
// render the rows in view: what is rendered is what is checked. Exports keep the full
// data, and their buttons say so.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './support/harness';
import { Importer, fixture } from './support/importer';
import { COLUMN } from './support/planner-grid';

type Expected = { pupils: number; shortlist: string[] };
const expected: Expected = JSON.parse(readFileSync(fixture('expected/secondary_1200.json'), 'utf8'));

/** secondary_1200.csv read by hand: heading → cell text (the file has no quoted cells). */
const csvRows: Array<Record<string, string>> = (() => {
  const text = readFileSync(fixture('secondary_1200.csv'), 'utf8').replace(/^\uFEFF/, '');
  if (text.includes('"')) throw new Error('secondary_1200.csv now has quoted cells: use a CSV parser');
  const [head, ...lines] = text.split(/\r?\n/).filter((line) => line.length > 0);
  const headings = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [headings[i], cell])));
})();

const forenameOf = (row: Record<string, string>): string => row['Preferred Forename'] || row['Legal Forename'];
/** "S.K.": the first letters of the name staff use, as the planner makes them. */
const initialsOf = (row: Record<string, string>): string =>
  [forenameOf(row), row['Legal Surname']]
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => `${[...part][0].toUpperCase()}.`)
    .join('');
const maskedUpnOf = (row: Record<string, string>): string => `…${row.UPN.slice(-4)}`;

// What must never be on screen in privacy mode, for any imported pupil.
const upns = csvRows.map((row) => row.UPN);
const birthDates = new Set(csvRows.map((row) => row['Date of Birth']));
const classes = [...new Set(csvRows.map((row) => row['Reg Group']).filter((c) => c.length > 0))];
const fullNames = [
  ...new Set(
    csvRows.flatMap((row) => [
      `${row['Legal Forename']} ${row['Legal Surname']}`,
      `${forenameOf(row)} ${row['Legal Surname']}`,
    ]),
  ),
];
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A class as a word of its own ("7A", not the "7A" inside "17A9"). */
const classPatterns = classes.map(
  (c) => [c, new RegExp(`(^|[^\\p{L}\\p{N}])${escape(c)}($|[^\\p{L}\\p{N}])`, 'u')] as const,
);

/** Everything identifying that the text shows; empty when privacy mode holds. */
function leaks(text: string): string[] {
  const found: string[] = [];
  for (const upn of upns) if (text.includes(upn)) found.push(`UPN ${upn}`);
  for (const date of text.match(/\b\d{2}\/\d{2}\/\d{4}\b/g) ?? []) {
    if (birthDates.has(date)) found.push(`date of birth ${date}`);
  }
  for (const [name, pattern] of classPatterns) if (pattern.test(text)) found.push(`class ${name}`);
  for (const name of fullNames) if (text.includes(name)) found.push(`name ${name}`);
  return found;
}

/** Waits until the page shows every `wanted` text and nothing identifying. */
async function expectSafeToProject(page: Page, where: string, wanted: string[]): Promise<void> {
  const body = page.locator('body');
  for (const text of wanted) await expect(body, `${where} shows ${text}`).toContainText(text);
  await expect.poll(async () => leaks(await body.innerText()), { message: `${where}: nothing identifying` }).toEqual([]);
}

// The pupil who gets a provision: the top of the shortlist, so the Shortlist's first row.
const single = csvRows.find((row) => row.UPN === expected.shortlist[0])!;
const DAILY = { name: 'Daily report', staff: 'Teacher (£45.00 an hour)', sessions: 5, minutes: 10, weeks: 6 };

test('privacy display mode shows no full UPN, date of birth, class or name on any page', async ({ app, page }) => {
  test.setTimeout(180_000);
  // The fixture's own promises, so a changed fixture cannot silently weaken the test.
  expect(single).toBeDefined();
  expect(single['Reg Group']).not.toBe('');
  expect(single['Date of Birth']).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  expect(classes.length).toBeGreaterThan(10);
  // An EHC plan and looked after: the details a projected screen must not spell out.
  expect([single['SEN Status'], single['Looked After']]).toEqual(['E', 'Yes']);

  await app.open();
  await new Importer(app).importFile('secondary_1200.xlsx', expected.pupils);

  // Without privacy mode the same check finds the pupil's UPN, date of birth, class and
  // name on their profile: the check itself works.
  await app.goTo('Shortlist');
  const shortlist = app.grid('Shortlist');
  await shortlist.cell(shortlist.bodyRows.first(), COLUMN.name).getByRole('link').click();
  await expect(app.heading).toHaveText(`${forenameOf(single)} ${single['Legal Surname']}`);
  await expect
    .poll(async () => leaks(await page.locator('body').innerText()))
    .toEqual(
      expect.arrayContaining([
        `UPN ${single.UPN}`,
        `date of birth ${single['Date of Birth']}`,
        `class ${single['Reg Group']}`,
        `name ${single['Legal Forename']} ${single['Legal Surname']}`,
      ]),
    );

  // One provision for one pupil, so Provision and Costs name them.
  await app.goTo('Provision');
  await page.getByLabel('Intervention', { exact: true }).selectOption({ label: DAILY.name });
  await page.getByLabel('One pupil').check();
  await page.getByLabel("Pupil's UPN or name").fill(single.UPN);
  await page.getByLabel('Staff', { exact: true }).selectOption({ label: DAILY.staff });
  await page.getByLabel('Sessions a week').fill(String(DAILY.sessions));
  await page.getByLabel('Minutes a session').fill(String(DAILY.minutes));
  await page.getByLabel('Weeks', { exact: true }).fill(String(DAILY.weeks));
  await page.getByRole('button', { name: 'Add provision', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added ${DAILY.name} for` })).toBeVisible();

  // Privacy mode on, from the Shortlist's toggle.
  await app.goTo('Shortlist');
  const toggle = page.getByRole('button', { name: 'Privacy display mode' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  // Shortlist: initials and the last 4 characters of the UPN, read out in words.
  const first = shortlist.bodyRows.first();
  await expect(shortlist.cell(first, COLUMN.name)).toHaveText(initialsOf(single));
  await expect(shortlist.cell(first, COLUMN.upn)).toContainText(maskedUpnOf(single));
  await expect(shortlist.cell(first, COLUMN.upn)).toHaveAccessibleName(`UPN ending ${single.UPN.slice(-4)}`);
  await expect(shortlist.cell(first, COLUMN.class)).toHaveText(/Class hidden/);
  await expectSafeToProject(page, 'Shortlist', [initialsOf(single), maskedUpnOf(single)]);
  // Exports still hold everything, and the buttons say so.
  await expect(page.getByRole('button', { name: 'Export to Excel' })).toHaveAccessibleDescription(
    /full names, UPNs.*even in privacy display mode/,
  );
  await expect(page.getByRole('button', { name: 'Download as CSV' })).toHaveAccessibleDescription(
    /even in privacy display mode/,
  );
  await app.checkAccessibility('Shortlist in privacy mode');

  // All pupils, in file order: the first pupil of the file is the first row. No class
  // filter offers the classes' names.
  await app.goTo('All pupils');
  const all = app.grid('All pupils');
  await all.expectRowCount(expected.pupils);
  await expect(all.cell(all.bodyRows.first(), COLUMN.name)).toHaveText(initialsOf(csvRows[0]));
  await expect(page.getByLabel('Class', { exact: true })).toHaveCount(0);
  await expectSafeToProject(page, 'All pupils', [initialsOf(csvRows[0]), maskedUpnOf(csvRows[0])]);

  // The pupil's profile: year group instead of the date of birth; markers, not statuses.
  await app.goTo('Shortlist');
  await shortlist.cell(shortlist.bodyRows.first(), COLUMN.name).getByRole('link').click();
  await expect(app.heading).toHaveText(initialsOf(single));
  await expect(page.getByRole('region', { name: 'Individual provision map' })).toContainText(DAILY.name);
  // The SEN and LAC markers show, coloured with their label; the words do not.
  const factors = page.getByRole('table', { name: 'Resilience factors and why each marker is coloured' });
  await expect(factors.getByRole('row', { name: /^SEN/ })).toContainText('● 3');
  await expect(factors.getByRole('row', { name: /^LAC/ })).toContainText('Hidden in privacy display mode');
  await expect(factors).not.toContainText('EHC plan');
  await expect(factors).not.toContainText('Looked after by the local authority');
  // The overall indicator's sum names the factors by their labels.
  await expect(page.getByText('Birthday (1) + SEN (3) + LAC (3)')).toBeVisible();
  await expectSafeToProject(page, 'pupil profile', [
    initialsOf(single),
    maskedUpnOf(single),
    `${single['Year Group']} (date hidden)`,
  ]);
  await app.checkAccessibility('pupil profile in privacy mode');

  // Cohorts: open every SEN register list.
  await app.goTo('Cohorts');
  const lists = page.getByText(/^Show the \d+ pupils$/);
  await expect(lists.first()).toBeVisible();
  for (const summary of await lists.all()) await summary.click();
  await expect(page.locator('details[open]')).toHaveCount(await lists.count());
  await expect(page.locator('details[open] li').first()).toContainText(/…[0-9A-Z]{4}/);
  await expectSafeToProject(page, 'Cohorts', []);

  // Provision: the map and the list of provision name the pupil by initials only.
  await app.goTo('Provision');
  const map = page.getByRole('table', { name: 'Whole-school provision map' });
  await expect(map).toContainText(initialsOf(single));
  await expect(page.getByRole('table', { name: 'Provision recorded' })).toContainText(initialsOf(single));
  await expectSafeToProject(page, 'Provision', [initialsOf(single)]);

  // Costs: the by-pupil table.
  await app.goTo('Costs');
  const byPupil = page.getByRole('table', { name: 'Cost by pupil' });
  await expect(byPupil.getByRole('row').filter({ hasText: initialsOf(single) })).toContainText(maskedUpnOf(single));
  await expect(byPupil.getByRole('cell', { name: `UPN ending ${single.UPN.slice(-4)}` })).toBeVisible();
  await expectSafeToProject(page, 'Costs', [initialsOf(single), maskedUpnOf(single)]);
  await app.checkAccessibility('Costs in privacy mode');

  // Turning it off shows everything again.
  await app.goTo('Settings');
  await expect(page.getByLabel('Privacy display mode', { exact: true })).toBeChecked();
  await page.getByLabel('Privacy display mode', { exact: true }).uncheck();
  await app.goTo('Costs');
  await expect(byPupil).toContainText(single.UPN);
});
