// Saved cohorts that hold across terms (issue 13), on secondary_1200.xlsx:
//   - the filter bar takes several values in a field: Year 7 or Year 8 finds exactly the
//     pupils of both years, counted from the CSV by hand;
//   - the group is saved as a filter and as a fixed list of its pupils; a name already
//     used is refused with a message next to the field, never overwritten;
//   - on the Cohorts page each saved cohort gets the year groups' factor and marker
//     counts, can be renamed (a taken name refused again) and deleted after confirming;
//   - after a reload the surviving cohorts are there, as they were left.
// Keyboard first: the checkboxes, the rename and the dialog are worked by keys where a
// user would. Every assertion that follows an action retries (expect / expect.poll).
import { readFileSync } from 'node:fs';
import { test, expect } from './support/harness';
import { Importer, fixture } from './support/importer';
import { COLUMN } from './support/planner-grid';
import { opened, revision, savedSince } from './support/saving';

/** secondary_1200.csv (the same pupils as the .xlsx), heading → cell text. */
const csvRows: Array<Record<string, string>> = (() => {
  const text = readFileSync(fixture('secondary_1200.csv'), 'utf8').replace(/^\uFEFF/, '');
  if (text.includes('"')) throw new Error('secondary_1200.csv now has quoted cells: use a CSV parser');
  const [head, ...lines] = text.split(/\r?\n/).filter((line) => line.length > 0);
  const headings = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [headings[i], cell])));
})();

const PUPILS = 1200;

test('cohorts are saved as a filter or a fixed list, renamed, refused a taken name, deleted, and kept', async ({ app, page }) => {
  test.setTimeout(180_000);
  await app.open();
  await new Importer(app).importFile('secondary_1200.xlsx', PUPILS);

  // Year 7 OR Year 8: exactly the pupils of both years in the file.
  const lower = csvRows.filter((row) => row['Year Group'] === 'Year 7' || row['Year Group'] === 'Year 8');
  const year7 = csvRows.filter((row) => row['Year Group'] === 'Year 7');
  expect(year7.length).toBeGreaterThan(0);
  expect(lower.length).toBeGreaterThan(year7.length);
  expect(lower.length).toBeLessThan(PUPILS);

  await app.goTo('All pupils');
  const all = app.grid('All pupils');
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  const yearGroup = page.getByRole('group', { name: 'Year group', exact: true });
  const year7Box = yearGroup.getByRole('checkbox', { name: 'Year 7', exact: true });
  await year7Box.focus();
  await page.keyboard.press('Space');
  await expect(year7Box).toBeChecked();
  await all.expectRowCount(year7.length);
  await yearGroup.getByRole('checkbox', { name: 'Year 8', exact: true }).check();
  await all.expectRowCount(lower.length);
  await expect(page.getByRole('button', { name: 'Remove filter: Year 7 or Year 8', exact: true })).toBeVisible();
  expect(new Set(await all.allColumnTexts(COLUMN.year))).toEqual(new Set(['Y7', 'Y8']));
  expect(new Set(await all.allColumnTexts(COLUMN.upn))).toEqual(new Set(lower.map((row) => row.UPN)));
  await app.checkAccessibility('All pupils, Year 7 or Year 8');

  const name = page.getByLabel('Cohort name');
  const save = page.getByRole('button', { name: 'Save as cohort', exact: true });
  const saved = (text: string) => page.getByRole('status').filter({ hasText: text });

  // As a filter (the choice it starts on).
  await expect(page.getByRole('radio', { name: 'Keep as a filter' })).toBeChecked();
  await name.fill('Lower school');
  let before = await revision(page);
  await save.click();
  await expect(saved(`Saved the cohort “Lower school” as a filter, ${lower.length} pupils now.`)).toBeVisible();
  await savedSince(page, before);

  // As a fixed list: the same name (in another case, with a space) is refused first.
  await page.getByRole('radio', { name: `Fix these ${lower.length} pupils` }).check();
  await name.fill('lower school ');
  await save.click();
  const taken = page.getByRole('alert').filter({ hasText: 'There is already a cohort called “Lower school”: choose a different name' });
  await expect(taken).toBeVisible();
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await name.fill('Autumn lower school');
  before = await revision(page);
  await name.press('Enter');
  await expect(saved(`Saved the cohort “Autumn lower school” as a fixed list of ${lower.length} pupils.`)).toBeVisible();
  await expect(taken).toHaveCount(0);
  await savedSince(page, before);

  // A third, Year 7 only, to delete later.
  await yearGroup.getByRole('checkbox', { name: 'Year 8', exact: true }).uncheck();
  await all.expectRowCount(year7.length);
  await page.getByRole('radio', { name: 'Keep as a filter' }).check();
  await name.fill('Year 7 only');
  before = await revision(page);
  await save.click();
  await expect(saved('Saved the cohort “Year 7 only” as a filter')).toBeVisible();
  await savedSince(page, before);

  // The Cohorts page: each cohort with the year groups' counts, and the list to manage.
  await app.goTo('Cohorts');
  const byCohort = page.getByRole('table', { name: /^Factors and markers by saved cohort/ });
  const pupilsIn = (cohort: string) => byCohort.getByRole('row', { name: new RegExp(`^${cohort} `) }).getByRole('cell').first();
  await expect(pupilsIn('Lower school')).toHaveText(String(lower.length));
  await expect(pupilsIn('Autumn lower school')).toHaveText(String(lower.length));
  await expect(pupilsIn('Year 7 only')).toHaveText(String(year7.length));
  const list = page.getByRole('table', { name: 'Saved cohorts', exact: true });
  await expect(list.getByRole('row')).toHaveCount(4);
  await expect(list.getByRole('row', { name: /^Autumn lower school / })).toContainText('Fixed list');
  await expect(list.getByRole('row', { name: /^Lower school / })).toContainText('Filter');

  // Rename, by keyboard: a taken name is refused, then a new one is kept.
  await page.getByRole('button', { name: 'Rename “Lower school”', exact: true }).click();
  const newName = page.getByLabel('New name for “Lower school”');
  await expect(newName).toBeFocused();
  await newName.fill('Year 7 ONLY');
  await newName.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'There is already a cohort called “Year 7 only”' })).toBeVisible();
  await expect(newName).toBeFocused();
  await newName.fill('Years 7 and 8');
  before = await revision(page);
  await newName.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Renamed the cohort “Years 7 and 8”.' })).toBeVisible();
  await savedSince(page, before);
  await expect(list.getByRole('rowheader', { name: 'Years 7 and 8', exact: true })).toBeVisible();
  await expect(list.getByRole('rowheader', { name: 'Lower school', exact: true })).toHaveCount(0);

  // Delete, only after confirming: "No, keep it" keeps it.
  const deleteYear7 = page.getByRole('button', { name: 'Delete “Year 7 only”', exact: true });
  const dialog = page.getByRole('alertdialog', { name: 'Delete the cohort “Year 7 only”?' });
  await deleteYear7.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'No, keep it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(list.getByRole('rowheader', { name: 'Year 7 only', exact: true })).toBeVisible();
  await deleteYear7.click();
  await expect(dialog).toBeVisible();
  before = await revision(page);
  await dialog.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted the cohort “Year 7 only”.' })).toBeVisible();
  await savedSince(page, before);
  await expect(list.getByRole('row')).toHaveCount(3);
  await app.checkAccessibility('Cohorts, after deleting one');

  // After a reload the survivors are there as they were left.
  await page.reload();
  await opened(page);
  await app.goTo('Cohorts');
  await expect(list.getByRole('row')).toHaveCount(3);
  await expect(list.getByRole('row', { name: /^Years 7 and 8 / })).toContainText('Filter');
  await expect(list.getByRole('row', { name: /^Autumn lower school / })).toContainText(`a fixed list of ${lower.length} pupils`);
  await expect(list.getByRole('rowheader', { name: 'Year 7 only', exact: true })).toHaveCount(0);
  await expect(pupilsIn('Years 7 and 8')).toHaveText(String(lower.length));
  await expect(pupilsIn('Autumn lower school')).toHaveText(String(lower.length));
});
