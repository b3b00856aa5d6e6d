// Choosing pupils where you see them (issue 14), on secondary_1200.xlsx: the Shortlist and
// All pupils grids have a tick box per row first, named for the pupil as the row shows
// them; Space on a row ticks it; "Select all N shown" ticks every pupil the search shows
// (not only the rows rendered); the bar above the grid says how many are selected and
// **Add provision for N selected** opens the Add provision form with them chosen. A pupil's
// profile has **Add provision for this pupil**. aria-rowcount stays pupils + 1.
// Every assertion that follows an action retries (expect / expect.poll).
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/harness';
import { Importer, fixture } from './support/importer';
import { COLUMN, type PlannerGrid } from './support/planner-grid';
import type { PlannerApp } from './support/planner-app';

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

/** Whether the search box finds a pupil for `query`: any way round of the name, or the UPN. */
const searchFinds = (row: Record<string, string>, query: string): boolean => {
  const forename = row['Legal Forename'];
  const surname = row['Legal Surname'];
  const names = [
    `${row['Preferred Forename'] || forename} ${surname}`,
    `${forename} ${surname}`,
    `${surname} ${forename}`,
    `${surname}, ${forename}`,
  ];
  return names.some((name) => name.toLowerCase().includes(query)) || row.UPN.toLowerCase().includes(query);
};

const selectedStatus = (page: Page): Locator => page.getByRole('status').filter({ hasText: /selected$/ });
const addForSelected = (page: Page): Locator => page.getByRole('button', { name: /^Add provision for \d+ selected$/ });

async function importSecondary(app: PlannerApp): Promise<void> {
  await app.open();
  await new Importer(app).importFile('secondary_1200.xlsx', expected.pupils);
}

/** The grid keeps its row count with the new column, which is counted in aria-colcount. */
async function expectShape(grid: PlannerGrid, pupils: number): Promise<void> {
  await grid.expectRowCount(pupils);
  await expect(grid.grid).toHaveAttribute('aria-colcount', String(COLUMN.interventions));
  await expect(grid.grid.getByRole('columnheader').first()).toHaveAttribute('aria-colindex', String(COLUMN.select));
}

/** The name a row shows, read from the grid. */
async function nameIn(grid: PlannerGrid, row: Locator): Promise<string> {
  const name = (await grid.cell(row, COLUMN.name).innerText()).trim();
  expect(name).not.toBe('');
  return name;
}

test('three pupils ticked on All pupils get provision together, and the selection is then cleared', async ({ app, page }) => {
  test.setTimeout(120_000);
  await importSecondary(app);
  await app.goTo('All pupils');
  const all = app.grid('All pupils');
  await expectShape(all, expected.pupils);
  await expect(selectedStatus(page)).toHaveCount(0);

  const rows = [all.bodyRows.nth(0), all.bodyRows.nth(2), all.bodyRows.nth(4)];
  const names = [await nameIn(all, rows[0]), await nameIn(all, rows[1]), await nameIn(all, rows[2])];
  expect(new Set(names).size).toBe(3);
  const tickBox = (row: Locator, name: string): Locator => row.getByRole('checkbox', { name: `Select ${name}`, exact: true });

  // One with the mouse.
  await tickBox(rows[0], names[0]).check();
  await expect(rows[0]).toHaveAttribute('aria-selected', 'true');
  await expect(selectedStatus(page)).toHaveText('1 pupil selected');
  // One by focusing its row and pressing Space.
  const upn = all.cell(rows[1], COLUMN.upn);
  await upn.click();
  await expect(upn).toBeFocused();
  await page.keyboard.press('Space');
  await expect(tickBox(rows[1], names[1])).toBeChecked();
  await expect(rows[1]).toHaveAttribute('aria-selected', 'true');
  await expect(selectedStatus(page)).toHaveText('2 pupils selected');
  // Space again unticks it, and once more ticks it back.
  await page.keyboard.press('Space');
  await expect(tickBox(rows[1], names[1])).not.toBeChecked();
  await expect(selectedStatus(page)).toHaveText('1 pupil selected');
  await page.keyboard.press('Space');
  await expect(tickBox(rows[1], names[1])).toBeChecked();
  // One more, clicking its box.
  await tickBox(rows[2], names[2]).click();
  await expect(tickBox(rows[2], names[2])).toBeChecked();
  await expect(selectedStatus(page)).toHaveText('3 pupils selected');
  await expect(all.bodyRows.nth(1)).toHaveAttribute('aria-selected', 'false');
  await all.expectRowCount(expected.pupils);
  await app.checkAccessibility('All pupils, three pupils selected');

  // The form opens with them chosen, its heading focused.
  await expect(addForSelected(page)).toHaveText('Add provision for 3 selected');
  await addForSelected(page).click();
  const heading = page.getByRole('heading', { name: 'Add provision', exact: true });
  await expect(heading).toBeFocused();
  await expect(app.navigation.getByRole('link', { name: 'Provision', exact: true })).toHaveAttribute('aria-current', 'page');
  const selected = page.getByRole('radio', { name: 'Selected pupils (3)', exact: true });
  await expect(selected).toBeChecked();
  const sorted = [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  await expect(selected).toHaveAccessibleDescription(`For ${sorted[0]}, ${sorted[1]} and ${sorted[2]}.`);
  await app.checkAccessibility('Add provision for the pupils selected');

  await page.getByLabel('Intervention', { exact: true }).selectOption({ label: 'Circle of Friends' });
  await page.getByRole('button', { name: 'Add provision', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added Circle of Friends for 3 pupils' })).toBeVisible();
  // The provision lists exactly those three pupils.
  const recorded = page.getByRole('table', { name: 'Provision recorded' });
  const row = recorded.getByRole('row').filter({ hasText: 'Circle of Friends' });
  await expect(row).toHaveCount(1);
  const pupilsCell = row.getByRole('cell').filter({ hasText: '(3)' });
  await expect(pupilsCell).toHaveCount(1);
  for (const name of names) await expect(pupilsCell).toContainText(name);
  expect((await pupilsCell.innerText()).trim()).toMatch(/^[^,]+, [^,]+, [^,]+ \(3\)$/);
  // The selection is cleared.
  await expect(page.getByRole('radio', { name: 'Selected pupils (0)', exact: true })).toBeChecked();

  await app.goTo('All pupils');
  await all.expectRowCount(expected.pupils);
  await expect(addForSelected(page)).toHaveCount(0);
  await expect(selectedStatus(page)).toHaveCount(0);
  for (const [i, name] of names.entries()) await expect(tickBox(rows[i], name)).not.toBeChecked();
});

test('Select all ticks every pupil the search shows; the Shortlist has the same column and shares the selection', async ({ app, page }) => {
  test.setTimeout(120_000);
  await importSecondary(app);
  await app.goTo('All pupils');
  const all = app.grid('All pupils');
  await expectShape(all, expected.pupils);

  const query = 'son';
  const found = csvRows.filter((row) => searchFinds(row, query)).length;
  // More than the rows rendered, and fewer than everyone.
  expect(found).toBeGreaterThan(60);
  expect(found).toBeLessThan(expected.pupils);
  await page.getByLabel('Search by name or UPN').fill(query);
  await all.expectRowCount(found);
  const selectAll = all.grid.getByRole('checkbox', { name: `Select all ${found} shown`, exact: true });
  await selectAll.check();
  await expect(selectedStatus(page)).toHaveText(`${found} pupils selected`);
  await expect(addForSelected(page)).toHaveText(`Add provision for ${found} selected`);
  // Every rendered row is ticked, also the last one, reached with Ctrl+End.
  await all.cell(all.bodyRows.first(), COLUMN.upn).click();
  await page.keyboard.press('Control+End');
  const last = all.grid.locator(`[role="row"][aria-rowindex="${found + 1}"]`);
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last.getByRole('checkbox')).toBeChecked();
  await all.expectRowCount(found);

  // Everyone shown again: the box is neither ticked nor clear.
  await page.getByLabel('Search by name or UPN').fill('');
  await all.expectRowCount(expected.pupils);
  const selectEveryone = all.grid.getByRole('checkbox', { name: `Select all ${expected.pupils} shown`, exact: true });
  await expect(selectEveryone).not.toBeChecked();
  await expect(selectEveryone).toHaveJSProperty('indeterminate', true);
  await expect(selectedStatus(page)).toHaveText(`${found} pupils selected`);

  // The Shortlist shows the same tick boxes, and the same selection.
  await app.goTo('Shortlist');
  const shortlist = app.grid('Shortlist');
  await expectShape(shortlist, expected.shortlist.length);
  await expect(selectedStatus(page)).toHaveText(`${found} pupils selected`);
  const first = shortlist.bodyRows.first();
  const name = await nameIn(shortlist, first);
  const box = first.getByRole('checkbox', { name: `Select ${name}`, exact: true });
  const upn = (await shortlist.cell(first, COLUMN.upn).innerText()).trim();
  const pupil = csvRows.find((row) => row.UPN === upn);
  expect(pupil).toBeDefined();
  const wasTicked = searchFinds(pupil!, query);
  await expect(box).toBeChecked({ checked: wasTicked });
  await shortlist.cell(first, COLUMN.year).click();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked({ checked: !wasTicked });
  await expect(selectedStatus(page)).toHaveText(`${wasTicked ? found - 1 : found + 1} pupils selected`);
  await app.checkAccessibility('Shortlist with pupils selected');

  // Clear selection empties it and leaves focus on the grid's Select all box.
  await page.getByRole('button', { name: 'Clear selection', exact: true }).click();
  await expect(addForSelected(page)).toHaveCount(0);
  await expect(selectedStatus(page)).toHaveCount(0);
  await expect(box).not.toBeChecked();
  await expect(shortlist.grid.getByRole('checkbox', { name: `Select all ${expected.shortlist.length} shown` })).toBeFocused();
});

test("a profile's Add provision for this pupil opens the form with that pupil chosen", async ({ app, page }) => {
  test.setTimeout(120_000);
  await importSecondary(app);
  await app.goTo('All pupils');
  const all = app.grid('All pupils');
  await all.expectRowCount(expected.pupils);
  const row = all.bodyRows.nth(3);
  const name = await nameIn(all, row);

  // In privacy display mode a tick box is named as its row shows the pupil: initials.
  // (Pressed, the toggle's name gains a tick, so it is found by its words.)
  const privacy = page.getByRole('button', { name: 'Privacy display mode' });
  await privacy.click();
  await expect(privacy).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => nameIn(all, row)).not.toBe(name);
  const initials = await nameIn(all, row);
  await expect(row.getByRole('checkbox')).toHaveAccessibleName(`Select ${initials}`);
  await privacy.click();
  await expect(privacy).toHaveAttribute('aria-pressed', 'false');
  await expect(row.getByRole('checkbox')).toHaveAccessibleName(`Select ${name}`);

  // Another pupil ticked in the grid first: the profile's button chooses its own pupil.
  await all.bodyRows.nth(0).getByRole('checkbox').check();
  await expect(selectedStatus(page)).toHaveText('1 pupil selected');
  await all.cell(row, COLUMN.name).getByRole('link').click();
  await expect(app.heading).toHaveText(name);
  await page.getByRole('button', { name: 'Add provision for this pupil', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Add provision', exact: true })).toBeFocused();
  const selected = page.getByRole('radio', { name: 'Selected pupils (1)', exact: true });
  await expect(selected).toBeChecked();
  await expect(selected).toHaveAccessibleDescription(`For ${name}.`);

  await page.getByLabel('Intervention', { exact: true }).selectOption({ label: 'Daily report' });
  await page.getByRole('button', { name: 'Add provision', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added Daily report for ${name}` })).toBeVisible();
  const recorded = page.getByRole('table', { name: 'Provision recorded' });
  await expect(recorded.getByRole('row').filter({ hasText: 'Daily report' }).getByRole('cell').filter({ hasText: '(1)' })).toHaveText(`${name} (1)`);
});
