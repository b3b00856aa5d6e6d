// The Schools page (issue 16, SPEC §8.5 and §11). A made-up local authority's file of 55
// schools comes from the project's own generator (support/la-file.ts) and is imported. The
// navigation then has Schools, whose table Schools has a row per school (and one for the
// rows with no school given) and aria-rowcount = rows + 1, counted here from the file.
// One school's pupils, mean attendance to one decimal and pupils suspended are worked out
// here from the file's own cells; sorting by Pupils puts the rows in the order worked out
// here, both ways; the chart follows the chosen column; and the school's name opens All
// pupils filtered to it, with its pupils in the grid's aria-rowcount and a School column;
// the filter panel's School choice finds the same pupils.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/harness';
import { bySchool, LaFile, meanAttendance, type LaRow } from './support/la-file';
import { revision, savedSince } from './support/saving';
import { oneDecimal } from './support/termly-files';

const SCREENS = join(__dirname, '..', '..', 'target', 'screens');
const LA = new LaFile('e2e-schools', 16, 55);

/** The table's column headings, as named (the sort arrow is hidden from them). */
async function headings(table: Locator): Promise<string[]> {
  const texts = await table.getByRole('columnheader').allInnerTexts();
  return texts.map((text) => text.replace(/[▲▼]/g, '').trim());
}

/** Every body row's text in the column at `column` (0 is the school's name, a row header). */
async function columnTexts(table: Locator, column: number, columns: number): Promise<string[]> {
  const cells = await table.getByRole('cell').allInnerTexts();
  const out: string[] = [];
  for (let at = column - 1; at < cells.length; at += columns - 1) out.push(cells[at].trim());
  return out;
}

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

test('an LA file lists its schools, sorts them, and opens one school’s pupils', async ({ app, page }) => {
  test.setTimeout(240_000);
  LA.generate();
  const rows = LA.rows();
  const schools = bySchool(rows);
  const named = [...schools.keys()].filter((urn) => urn !== '');
  expect(named.length).toBe(55);
  // A row per school, and one for rows with no school given when there are some.
  const tableRows = schools.size;

  await app.open();
  const nav = app.navigation.getByRole('link', { name: 'Schools', exact: true });
  await expect(nav).toHaveCount(0);
  await app.goTo('Import');
  await importFile(page, LA.path, rows.length, app.fileInput);

  await expect(nav).toBeVisible();
  await nav.click();
  await expect(nav).toHaveAttribute('aria-current', 'page');
  await app.checkAccessibility('Schools');
  const table = page.getByRole('table', { name: 'Schools', exact: true });
  await expect(table).toHaveAttribute('aria-rowcount', String(tableRows + 1));
  await expect(table.getByRole('row')).toHaveCount(tableRows + 1);
  if (schools.has('')) {
    await expect(table.getByRole('rowheader', { name: 'No school given', exact: true })).toBeVisible();
  }

  const names = await headings(table);
  const column = (name: string) => {
    const at = names.indexOf(name);
    expect(at, `a column ${name}`).toBeGreaterThan(0);
    return at;
  };

  // One school: the first in the file with 30 pupils or more and a pupil suspended.
  const [urn, pupils] = [...schools.entries()].find(
    ([key, list]) => key !== '' && list.length >= 30 && list.some((row) => row.suspended),
  ) ?? [named[0], schools.get(named[0]) as LaRow[]];
  const name = pupils[0].school;
  const mean = meanAttendance(pupils);
  const suspended = pupils.filter((row) => row.suspended === true).length;
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await expect(row).toHaveCount(1);
  const cell = (heading: string) => row.getByRole('cell').nth(column(heading) - 1);
  await expect(cell('URN')).toHaveText(urn);
  await expect(cell('Pupils')).toHaveText(String(pupils.length));
  await expect(cell('Mean attendance')).toHaveText(mean === null ? 'Not recorded' : oneDecimal(mean));
  await expect(cell('Pupils suspended')).toHaveText(String(suspended));

  // Sorting by Pupils: most first, then fewest first; the file's own order is neither.
  // As listed: the schools in the file's order, then the rows with no school given.
  const listed = [...named, ...(schools.has('') ? [''] : [])];
  const counts = listed.map((key) => String((schools.get(key) as LaRow[]).length));
  const most = [...counts].sort((a, b) => Number(b) - Number(a));
  const fewest = [...most].reverse();
  expect(counts).not.toEqual(most);
  const pupilsColumn = column('Pupils');
  await expect.poll(() => columnTexts(table, pupilsColumn, names.length)).toEqual(counts);
  const sortBy = table.getByRole('button', { name: 'Pupils', exact: true });
  const heading = table.getByRole('columnheader', { name: 'Pupils', exact: true });
  await expect(heading).toHaveAttribute('aria-sort', 'none');
  await sortBy.click();
  await expect(heading).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => columnTexts(table, pupilsColumn, names.length)).toEqual(most);
  await sortBy.click();
  await expect(heading).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => columnTexts(table, pupilsColumn, names.length)).toEqual(fewest);

  // The chart beside the table shows the chosen column, each bar with its figure.
  await page.getByLabel('Chart column', { exact: true }).selectOption({ label: 'Pupils' });
  const chart = page.getByRole('img', { name: /^Pupils by school/ });
  await expect(chart).toBeVisible();
  await expect(chart.getByText(String(pupils.length), { exact: true }).first()).toBeVisible();
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, 'schools.png'), fullPage: false });

  // The school's name opens All pupils showing only its pupils, with a School column.
  await row.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'All pupils' })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'All pupils', exact: true });
  await expect(grid).toHaveAttribute('aria-rowcount', String(pupils.length + 1));
  await expect(grid.getByRole('columnheader', { name: 'School', exact: true })).toBeVisible();
  const chip = page.getByRole('button', { name: `Remove filter: school ${name}` });
  await expect(chip).toBeVisible();
  await app.checkAccessibility('All pupils of one school');
  await page.screenshot({ path: join(SCREENS, 'schools-all-pupils.png'), fullPage: false });
  await chip.click();
  await expect(grid).toHaveAttribute('aria-rowcount', String(rows.length + 1));

  // The filter panel offers the same school by name.
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await page.getByRole('group', { name: 'School', exact: true }).getByRole('checkbox', { name, exact: true }).check();
  await expect(grid).toHaveAttribute('aria-rowcount', String(pupils.length + 1));
  await expect(chip).toBeVisible();
});
