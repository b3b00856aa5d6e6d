// Compare schools on Cohorts (issue 16, SPEC §8.5). A made-up local authority's file of 12
// schools comes from the project's own generator (support/la-file.ts) and is imported.
// Cohorts then has the section Compare schools: with nothing chosen it says so; the search
// box Find a school narrows the checkboxes of the fieldset Schools to compare without
// unticking anything; two schools and "No school given" are ticked, and the table Compare
// schools has a column for each (A to Z, No school given last) and All schools. Pupils,
// mean attendance and pupils suspended, each with its difference from all schools, are
// worked out here from the file's own cells. Unticking a school takes its column away.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/harness';
import { bySchool, LaFile, meanAttendance, type LaRow } from './support/la-file';
import { revision, savedSince } from './support/saving';
import { oneDecimal } from './support/termly-files';

const SCREENS = join(__dirname, '..', '..', 'target', 'screens');
const LA = new LaFile('e2e-school-compare', 29, 12);

async function importFile(page: Page, path: string, pupils: number, fileInput: Locator): Promise<void> {
  await fileInput.setInputFiles(path);
  const confirm = page.getByRole('button', { name: 'Confirm import' });
  await expect(confirm).toBeVisible({ timeout: 60_000 });
  const before = await revision(page);
  await confirm.click();
  await expect(page.getByRole('status').filter({ hasText: `${pupils} pupils imported` })).toBeVisible({
    timeout: 60_000,
  });
  await savedSince(page, before);
}

/** `count ÷ of` in hundredths of a percent, half up (as the planner works out a share). */
function share(count: number, of: number): number {
  return Math.floor((count * 20_000 + of) / (2 * of));
}

/** A whole number as the planner writes it: "11,491". */
function whole(n: number): string {
  return n.toLocaleString('en-GB');
}

/** The difference of two figures as shown (one decimal): "2.1 points above all schools". */
function difference(school: number | null, all: number | null): string {
  if (school === null || all === null) return 'Not compared';
  const tenths = (h: number) => Math.floor((h + 5) / 10);
  const d = tenths(school) - tenths(all);
  const size = Math.abs(d);
  const points = `${Math.floor(size / 10)}.${size % 10} points`;
  return d > 0 ? `${points} above all schools` : d < 0 ? `${points} below all schools` : 'Same as all schools';
}

/** What the table says of one group of rows: [Pupils, Mean attendance, Pupils suspended]. */
function figures(rows: LaRow[], all: LaRow[] | null): string[] {
  const mean = meanAttendance(rows);
  const recorded = rows.filter((row) => row.suspended !== null);
  const suspended = recorded.filter((row) => row.suspended === true).length;
  const suspendedShare = recorded.length > 0 ? share(suspended, recorded.length) : null;
  const pupils = whole(rows.length);
  const meanText = mean === null ? 'Not recorded' : oneDecimal(mean);
  const suspendedText =
    suspendedShare === null ? 'Not recorded' : `${oneDecimal(suspendedShare)} (${whole(suspended)} of ${whole(recorded.length)})`;
  if (all === null) return [pupils, meanText, suspendedText];
  const allRecorded = all.filter((row) => row.suspended !== null);
  const allSuspended = allRecorded.length > 0
    ? share(allRecorded.filter((row) => row.suspended === true).length, allRecorded.length)
    : null;
  return [
    `${pupils} ${oneDecimal(share(rows.length, all.length))} of all pupils`,
    `${meanText} ${difference(mean, meanAttendance(all))}`,
    `${suspendedText} ${difference(suspendedShare, allSuspended)}`,
  ];
}

test('two schools and the rows with no school given compared with all schools', async ({ app, page }) => {
  test.setTimeout(180_000);
  LA.generate();
  const rows = LA.rows();
  const schools = bySchool(rows);
  const named = [...schools.keys()].filter((urn) => urn !== '');
  expect(named.length).toBe(12);
  expect(schools.has(''), 'the generator leaves some rows with no school').toBe(true);
  const none = schools.get('') as LaRow[];

  // Two schools with a pupil suspended, the second with a name later in A to Z.
  const [first, second] = named
    .map((urn) => schools.get(urn) as LaRow[])
    .filter((list) => list.some((row) => row.suspended === true))
    .slice(0, 2)
    .sort((a, b) => (a[0].school.toLowerCase() < b[0].school.toLowerCase() ? -1 : 1));
  expect(second, 'two schools with a pupil suspended').toBeDefined();

  await app.open();
  await app.goTo('Import');
  await importFile(page, LA.path, rows.length, app.fileInput);
  await app.goTo('Cohorts');

  const section = page.getByRole('region', { name: 'Compare schools', exact: true });
  await expect(section.getByRole('heading', { level: 2, name: 'Compare schools' })).toBeVisible();
  await expect(section.getByText(/^No schools chosen yet\./)).toBeVisible();
  const table = page.getByRole('table', { name: 'Compare schools', exact: true });
  await expect(table).toHaveCount(0);
  const choices = section.getByRole('group', { name: 'Schools to compare', exact: true });
  await expect(choices.getByRole('checkbox')).toHaveCount(schools.size);
  const box = (name: string) => choices.getByRole('checkbox', { name, exact: true });

  // The search narrows the list; a ticked school stays ticked when hidden.
  const search = section.getByRole('searchbox', { name: 'Find a school', exact: true });
  await search.fill(first[0].urn);
  await expect(box(first[0].school)).toBeVisible();
  await expect(box(second[0].school)).toBeHidden();
  await box(first[0].school).check();
  await search.fill(second[0].school.toUpperCase());
  await expect(box(first[0].school)).toBeHidden();
  await box(second[0].school).check();
  await search.fill('');
  await expect(box(first[0].school)).toBeChecked();
  await box('No school given').check();

  // Columns: the two schools A to Z, No school given, All schools.
  await expect(table.getByRole('columnheader')).toHaveText([
    'Indicator',
    first[0].school,
    second[0].school,
    'No school given',
    'All schools',
  ]);
  await expect(section.getByText(/^3 schools chosen:/)).toBeVisible();
  await app.checkAccessibility('Cohorts, comparing schools');

  const expected = [
    figures(first, rows),
    figures(second, rows),
    figures(none, rows),
    figures(rows, null),
  ];
  const indicators = ['Pupils', 'Mean attendance', 'Pupils suspended'];
  for (const [at, indicator] of indicators.entries()) {
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: indicator, exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell'), indicator).toHaveText(expected.map((column) => column[at]));
  }

  // The chart beside the table follows the chosen indicator.
  await section.getByLabel('Chart indicator', { exact: true }).selectOption({ label: 'Pupils' });
  const chart = section.getByRole('img', { name: /^Pupils: chosen schools and all schools/ });
  await expect(chart.getByText(whole(first.length), { exact: true }).first()).toBeVisible();
  await expect(chart.getByText(whole(rows.length), { exact: true })).toBeVisible();
  mkdirSync(SCREENS, { recursive: true });
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENS, 'school-compare.png'), fullPage: false });

  // Unticking a school takes its column away.
  await box(first[0].school).uncheck();
  await expect(table.getByRole('columnheader')).toHaveText([
    'Indicator',
    second[0].school,
    'No school given',
    'All schools',
  ]);
});
