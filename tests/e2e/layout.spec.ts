// Screens that fit a school laptop (issue 10), on secondary_1200.xlsx at 1366×768:
//   - the Shortlist and All pupils grids show every column, Interventions included, with
//     no sideways scroll (long interventions are clamped to two lines, not widening it);
//   - at 1024 pixels Name and UPN stay in place while the grid scrolls sideways;
//   - All pupils shows pupils in its first screen: the filters sit behind a Filters button
//     (aria-expanded), each active filter is a chip "Remove filter: …", and removing the
//     chips restores the full count;
//   - a marker cell explains itself on keyboard focus (a tooltip the cell names with
//     aria-describedby) and the deprivation cell shows its points beside the score.
// Every assertion that follows an action retries (expect / expect.poll).
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/harness';
import { Importer, fixture } from './support/importer';
import { COLUMN } from './support/planner-grid';
import type { PlannerApp } from './support/planner-app';

test.use({ viewport: { width: 1366, height: 768 } });

/** secondary_1200.csv (the same pupils as the .xlsx), heading → cell text. */
const csvRows: Array<Record<string, string>> = (() => {
  const text = readFileSync(fixture('secondary_1200.csv'), 'utf8').replace(/^\uFEFF/, '');
  if (text.includes('"')) throw new Error('secondary_1200.csv now has quoted cells: use a CSV parser');
  const [head, ...lines] = text.split(/\r?\n/).filter((line) => line.length > 0);
  const headings = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [headings[i], cell])));
})();

const SEN_COLUMN = 7;

async function importSecondary(app: PlannerApp): Promise<void> {
  await app.open();
  await new Importer(app).importFile('secondary_1200.xlsx', 1200);
}

/** Two interventions for everyone on the shortlist, so its Interventions cells hold long text. */
async function addShortlistProvision(app: PlannerApp): Promise<void> {
  const { page } = app;
  await app.goTo('Provision');
  for (const intervention of ['Circle of Friends', 'Lexia reading programme']) {
    await page.getByLabel('Intervention', { exact: true }).selectOption({ label: intervention });
    await page.getByLabel('Everyone on the shortlist').check();
    await page.getByRole('button', { name: 'Add provision', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: `Added ${intervention} for` })).toBeVisible();
  }
}

/** The grid fits its box: nothing to scroll sideways, and its last heading fully on screen. */
async function expectNoSidewaysScroll(page: Page, grid: Locator): Promise<void> {
  // How far the row overflows its scroll container: nothing.
  await expect.poll(() => grid.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  const last = grid.getByRole('columnheader', { name: 'Interventions', exact: true });
  await expect(last).toBeInViewport({ ratio: 1 });
  await expect
    .poll(async () => {
      const box = await last.boundingBox();
      const frame = await grid.boundingBox();
      const width = page.viewportSize()?.width ?? 0;
      return box !== null && frame !== null && box.x >= frame.x && box.x + box.width <= Math.min(frame.x + frame.width, width);
    })
    .toBe(true);
}

test('at 1366×768 the Shortlist and All pupils show every column with no sideways scroll', async ({ app, page }) => {
  await importSecondary(app);
  await addShortlistProvision(app);

  await app.goTo('Shortlist');
  const shortlist = app.grid('Shortlist');
  await shortlist.expectRowCount(24);
  const interventions = shortlist.cell(shortlist.bodyRows.first(), COLUMN.interventions);
  await expect(interventions).toContainText('Circle of Friends');
  await expectNoSidewaysScroll(page, shortlist.grid);
  // The long text is clamped inside its row; the whole of it is the cell's title.
  await expect(interventions).toHaveAttribute('title', /Circle of Friends.*Lexia reading programme/);
  await expect.poll(async () => (await interventions.boundingBox())?.height ?? 0).toBeLessThanOrEqual(40);

  await app.goTo('All pupils');
  const all = app.grid('All pupils');
  await all.expectRowCount(1200);
  await expectNoSidewaysScroll(page, all.grid);
});

test('at 1024 pixels Name and UPN stay in place while the grid scrolls sideways', async ({ app, page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await importSecondary(app);
  await app.goTo('All pupils');
  const all = app.grid('All pupils');
  await all.expectRowCount(1200);
  // Narrower than the row: the grid scrolls sideways.
  await expect.poll(() => all.grid.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  const row = all.bodyRows.first();
  const name = all.cell(row, COLUMN.name);
  const upn = all.cell(row, COLUMN.upn);
  const year = all.cell(row, COLUMN.year);
  const before = { name: (await name.boundingBox())!.x, upn: (await upn.boundingBox())!.x, year: (await year.boundingBox())!.x };
  await all.grid.evaluate((el) => el.scrollTo({ left: 300 }));
  await expect.poll(() => all.grid.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await expect.poll(async () => (await year.boundingBox())!.x).toBeLessThan(before.year);
  await expect.poll(async () => (await name.boundingBox())!.x).toBe(before.name);
  await expect.poll(async () => (await upn.boundingBox())!.x).toBe(before.upn);
  await expect(upn).toBeInViewport({ ratio: 1 });
  await expect(all.columnHeader('UPN')).toBeInViewport({ ratio: 1 });
});

test('All pupils shows pupils first; Filters opens the panel and each filter is a removable chip', async ({ app, page }) => {
  await importSecondary(app);
  await app.goTo('All pupils');
  const all = app.grid('All pupils');
  await all.expectRowCount(1200);
  // A pupil row is on the first screen, without scrolling the page.
  await expect(all.bodyRows.first()).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.getByLabel('Search by name or UPN')).toBeVisible();

  // The Filters button opens and closes the filter panel.
  const filters = page.getByRole('button', { name: 'Filters', exact: true });
  const panel = page.getByRole('group', { name: 'Filter pupils (every choice must match)' });
  await expect(filters).toHaveAttribute('aria-expanded', 'false');
  await expect(panel).toBeHidden();
  await filters.click();
  await expect(filters).toHaveAttribute('aria-expanded', 'true');
  await expect(panel).toBeVisible();
  await filters.click();
  await expect(filters).toHaveAttribute('aria-expanded', 'false');
  await expect(panel).toBeHidden();

  // A filter shows as a chip and narrows the grid.
  await filters.click();
  await page.getByRole('group', { name: 'Year group', exact: true }).getByRole('checkbox', { name: 'Year 9', exact: true }).check();
  const year9 = csvRows.filter((row) => row['Year Group'] === 'Year 9').length;
  expect(year9).toBeGreaterThan(0);
  expect(year9).toBeLessThan(1200);
  const yearChip = page.getByRole('button', { name: 'Remove filter: Year 9', exact: true });
  await expect(yearChip).toBeVisible();
  await all.expectRowCount(year9);
  await page.getByLabel('Attendance at or below (%)').fill('90');
  const lowYear9 = csvRows.filter((row) => row['Year Group'] === 'Year 9' && Number(row['Attendance %']) <= 90).length;
  const attendanceChip = page.getByRole('button', { name: 'Remove filter: attendance at or below 90%', exact: true });
  await expect(attendanceChip).toBeVisible();
  await all.expectRowCount(lowYear9);

  // The chips stay in the bar with the panel closed; removing them restores every pupil.
  await filters.click();
  await expect(panel).toBeHidden();
  await expect(attendanceChip).toBeVisible();
  await attendanceChip.click();
  await expect(attendanceChip).toHaveCount(0);
  await all.expectRowCount(year9);
  // Focus moves to the chip now in its place, so the keyboard can carry on removing.
  await expect(yearChip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(yearChip).toHaveCount(0);
  await all.expectRowCount(1200);
  await expect(filters).toBeFocused();
  // The panel's choices followed the chips.
  await filters.click();
  await expect(page.getByRole('group', { name: 'Year group', exact: true }).getByRole('checkbox', { name: 'Year 9', exact: true })).not.toBeChecked();
  await expect(page.getByLabel('Attendance at or below (%)')).toHaveValue('');
  await app.checkAccessibility('All pupils, filter panel open');
});

test('a marker cell explains itself on keyboard focus, and deprivation shows its points', async ({ app, page }) => {
  await importSecondary(app);
  await app.goTo('Shortlist');
  const shortlist = app.grid('Shortlist');
  await shortlist.expectRowCount(24);
  const row = shortlist.bodyRows.first();

  // Onto the SEN marker of the first pupil with the keyboard.
  await shortlist.cell(row, COLUMN.upn).click();
  await expect(shortlist.cell(row, COLUMN.upn)).toBeFocused();
  for (let col = COLUMN.upn; col < SEN_COLUMN; col += 1) await page.keyboard.press('ArrowRight');
  const sen = shortlist.cell(row, SEN_COLUMN);
  await expect(sen).toBeFocused();
  await expect(sen).toHaveText(/^● \d/);
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(/^SEN marker coloured: .+, \d+(\.\d+)? points? towards the overall indicator\.$/);
  await expect(sen).toHaveAccessibleDescription(/^SEN marker coloured: /);
  const tipId = await tip.getAttribute('id');
  await expect(sen).toHaveAttribute('aria-describedby', tipId!);
  // Hover shows the same explanation (the cell's title).
  await expect(sen).toHaveAttribute('title', (await tip.textContent())!);

  // The overall indicator says how it was made.
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  for (let col = 1; col < COLUMN.overall; col += 1) await page.keyboard.press('ArrowRight');
  await expect(shortlist.cell(row, COLUMN.overall)).toBeFocused();
  await expect(tip).toHaveText(/^Overall indicator red: .+ = \d+\.\d\. Green below 2, amber from 2, red from 4\.$/);
  await expect(sen).not.toHaveAttribute('aria-describedby', /./);

  // Deprivation: the score and the points it adds, explained.
  await page.keyboard.press('ArrowRight');
  const deprivation = shortlist.cell(row, COLUMN.deprivation);
  await expect(deprivation).toBeFocused();
  await expect(deprivation).toHaveText(/^(● )?\d\.\d{3} · \d\.\d pts$/);
  await expect(tip).toHaveText(/^Deprivation marker (not )?coloured: IDACI \d\.\d{3} gives [\d.]+ points? \(4 × the score, at most 2 points\) towards the overall indicator\. Coloured from 1 point\.$/);
  for (const text of await shortlist.columnTexts(COLUMN.deprivation)) {
    expect(text).toMatch(/^(● )?(\d\.\d{3}|band [A-G]|decile \d+) · \d\.\d pts$|^\?$/);
  }

  // Leaving the grid hides the explanation.
  await page.getByRole('link', { name: 'What do the columns mean?' }).focus();
  await expect(tip).toBeHidden();
  await app.checkAccessibility('Shortlist, marker explained');
});
