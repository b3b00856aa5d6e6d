// Benchmarks and school figures (issue 16, SPEC §8.5 and §11). Two made-up primary schools
// come from the project's own generator (support/termly-files.ts), each imported in its own
// workspace. The first school, named in Settings' School details, presses Export school
// figures: the JSON holds its figures (pupils and mean attendance worked out here from the
// file's own cells) under its name and URN, and none of the file's UPNs or dates of birth;
// Export school figures (Excel) holds the same whole-school row. The second school loads that
// file and a local authority's figures file written here by hand (whole-school figures worked
// out from both files' cells, persistent absence hidden as "<5", another profile version),
// and the table Comparison with other schools shows this school, the local authority and the
// similar schools' median for mean attendance as worked out here, the hidden figure as
// "<5 (suppressed)", and the profile warning beside the file. A CSV renamed .json is refused
// with a plain message naming it, and nothing loaded changes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Locator, Page } from '@playwright/test';
import { test, expect } from './support/harness';
import { opened, revision, savedSince } from './support/saving';
import { TermlyFiles, type CountedRow as Row } from './support/termly-files';
import { readWorkbook } from './support/workbook';

const SCREENS = join(__dirname, '..', '..', 'target', 'screens');
const ASH = new TermlyFiles('e2e-benchmarks-ash', 31, 2);
const BIRCH = new TermlyFiles('e2e-benchmarks-birch', 32, 2);

/** Pupils with attendance recorded, and their mean in hundredths, rounded half up. */
function attendance(rows: Row[]): { recorded: number; mean: number } {
  const known = rows.map((row) => row.attendance).filter((value): value is number => value !== null);
  const sum = known.reduce((total, value) => total + value, 0);
  return { recorded: known.length, mean: Math.floor((2 * sum + known.length) / (2 * known.length)) };
}

/** Hundredths of a percent as the planner writes them: "94.12%", "94.1%", "94%". */
function percent(h: number): string {
  const whole = Math.floor(h / 100);
  const part = h % 100;
  if (part === 0) return `${whole}%`;
  if (part % 10 === 0) return `${whole}.${part / 10}%`;
  return `${whole}.${String(part).padStart(2, '0')}%`;
}

/**
 * Whether `other` is a similar school to `ours` as SPEC §8.5 states it (both primary here):
 * pupils within 25% either way and a share disadvantaged within 10 points, boundaries in.
 */
function similar(ours: Row[], other: Row[]): boolean {
  const [p1, p2] = [ours.length, other.length];
  const [d1, d2] = [ours, other].map((rows) => rows.filter((row) => row.disadvantaged).length);
  const size = 4 * p2 >= 3 * p1 && 4 * p2 <= 5 * p1;
  const share = 100 * Math.abs(d2 * p1 - d1 * p2) <= 10 * p1 * p2;
  return size && share;
}

async function download(page: Page, button: string): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  return file;
}

/** The cells of the comparison's row for `indicator` (figures, then the chart). */
function comparisonCells(page: Page, indicator: string): Locator {
  return page
    .getByRole('table', { name: 'Comparison with other schools' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: indicator, exact: true }) })
    .getByRole('cell');
}

/** A figure cell starting with exactly `text` (a note may follow it). */
const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9.])`);

async function saveDetails(page: Page, details: Record<string, string>): Promise<void> {
  const section = page.getByRole('region', { name: 'School details' });
  for (const [label, value] of Object.entries(details)) {
    if (label === 'Phase') await section.getByLabel(label, { exact: true }).selectOption({ label: value });
    else await section.getByLabel(label, { exact: true }).fill(value);
  }
  const before = await revision(page);
  await section.getByRole('button', { name: 'Save school details' }).click();
  await expect(section.getByRole('status')).toContainText('School details saved');
  await savedSince(page, before);
}

test('school figures are exported without pupils and compared with loaded figures files', async ({ app, page }) => {
  test.setTimeout(240_000);
  ASH.generate();
  BIRCH.generate();
  const ash = ASH.counted('spring');
  const birch = BIRCH.counted('spring');

  // The first school: imported, named in School details, its figures exported.
  await app.open();
  await ASH.import(app, 'spring', ash.length);
  await app.goTo('Settings');
  await saveDetails(page, { 'School name': 'Ash Primary', URN: '100001', Phase: 'Primary', 'Local authority': 'Tameside' });
  await app.goTo('Benchmarks');
  const json = await download(page, 'Export school figures');
  expect(json.suggestedFilename()).toBe('School figures – Ash Primary – Spring 2025-26.json');
  const ashPath = test.info().outputPath('ash-figures.json');
  await json.saveAs(ashPath);
  await expect(page.getByRole('status')).toContainText(`Downloaded ${json.suggestedFilename()}`);
  const text = readFileSync(ashPath, 'utf8');
  for (const pupil of ash) {
    expect(text, 'no UPN from the file').not.toContain(pupil.upn);
    expect(text, 'no date of birth from the file').not.toContain(pupil.dateOfBirth);
  }
  expect(text.toLowerCase()).not.toContain('"upn"');
  const figures = JSON.parse(text);
  expect(figures.format).toBe('personalisation-planner-school-figures');
  expect([figures.term, figures.academic_year]).toEqual(['Spring', '2025/26']);
  expect(figures.sets).toHaveLength(1);
  expect([figures.sets[0].school_name, figures.sets[0].urn]).toEqual(['Ash Primary', '100001']);
  const whole = figures.sets[0].rows.find((row: { group: string }) => row.group === 'whole_school').figures;
  expect(whole.pupils).toBe(ash.length);
  expect(whole.attendance_recorded).toBe(attendance(ash).recorded);
  expect(whole.mean_attendance_hundredths).toBe(attendance(ash).mean);
  const disadvantaged = figures.sets[0].rows.find((row: { group: string }) => row.group === 'disadvantaged').figures;
  expect(disadvantaged.pupils).toBe(ash.filter((pupil) => pupil.disadvantaged).length);

  // The same figures as a workbook.
  const xlsx = await download(page, 'Export school figures (Excel)');
  expect(xlsx.suggestedFilename()).toBe('School figures – Ash Primary – Spring 2025-26.xlsx');
  const xlsxPath = test.info().outputPath('ash-figures.xlsx');
  await xlsx.saveAs(xlsxPath);
  const sheet = readWorkbook(xlsxPath).get('School figures');
  expect(sheet, 'the School figures sheet').toBeDefined();
  const header = sheet!.rows.findIndex((row) => row[1] === 'Group');
  const wholeRow = sheet!.rows.find((row) => row[1] === 'Whole school')!;
  expect(wholeRow[0]).toBe('Ash Primary');
  expect(wholeRow[sheet!.rows[header].indexOf('Pupils')]).toBe(ash.length);
  expect(wholeRow[sheet!.rows[header].indexOf('Mean attendance (%)')]).toBeCloseTo(attendance(ash).mean / 100, 2);
  expect(JSON.stringify(sheet!.rows)).not.toContain(ash[0].upn);

  // The second school, in a workspace of its own.
  await app.goTo('Settings');
  const workspaces = page.getByRole('region', { name: 'Workspaces' });
  await workspaces.getByLabel('Name of a new workspace').fill('Birch');
  await Promise.all([page.waitForEvent('load'), workspaces.getByRole('button', { name: 'Create and open' }).click()]);
  await opened(page);
  await BIRCH.import(app, 'spring', birch.length);

  // A local authority's figures, written by hand in the figures format: both schools'
  // pupils together, persistent absence hidden, and another version of the profile.
  const both = attendance([...ash, ...birch]);
  const zeros = Object.fromEntries(Object.keys(whole).map((key) => [key, 0]));
  const authority = {
    format: 'personalisation-planner-school-figures',
    format_version: 1,
    profile_name: figures.profile_name,
    profile_version: `${figures.profile_version}-la`,
    term: 'Spring',
    academic_year: '2025/26',
    sets: [
      {
        kind: 'local_authority',
        local_authority: 'Tameside',
        rows: [
          {
            group: 'whole_school',
            figures: {
              ...zeros,
              pupils: ash.length + birch.length,
              green: ash.length + birch.length,
              attendance_recorded: both.recorded,
              mean_attendance_hundredths: both.mean,
              persistently_absent: '<5',
            },
          },
        ],
      },
    ],
  };
  const laPath = test.info().outputPath('Tameside figures.json');
  writeFileSync(laPath, JSON.stringify(authority, null, 2));

  // Both loaded at once.
  await app.goTo('Benchmarks');
  await page.getByLabel('Load figures files').setInputFiles([ashPath, laPath]);
  await expect(page.getByRole('status').filter({ hasText: 'Loaded 2 figures files' })).toBeVisible();
  const files = page.getByRole('table', { name: 'Loaded figures files' });
  await expect(files.getByRole('row')).toHaveCount(3);
  const laFile = files.getByRole('row').filter({ hasText: 'Tameside figures.json' });
  await expect(laFile).toContainText('Tameside (local authority)');
  await expect(laFile).toContainText('Compared with a warning');
  await expect(files.getByRole('row').filter({ hasText: 'ash-figures.json' })).toContainText('Ash Primary');
  await expect(page.getByText('not saved and nothing is uploaded')).toBeVisible();
  await app.checkAccessibility('Benchmarks with two files loaded');

  const table = page.getByRole('table', { name: 'Comparison with other schools' });
  await expect(table.getByRole('columnheader')).toHaveText([
    'Indicator',
    'This school',
    'Local authority (Tameside)',
    'Similar schools (median)',
    'Chart',
  ]);
  const ashIsSimilar = similar(birch, ash);
  expect(ashIsSimilar, 'the seeds give two similar schools, so a median is shown').toBe(true);
  const mean = comparisonCells(page, 'Mean attendance');
  await expect(mean.nth(0)).toHaveText(startsWith(percent(attendance(birch).mean)));
  await expect(mean.nth(1)).toHaveText(startsWith(percent(both.mean)));
  await expect(mean.nth(2)).toHaveText(
    ashIsSimilar ? startsWith(`${percent(attendance(ash).mean)}median of 1 school`) : startsWith('Not available'),
  );
  // Its chart is named by the same figures.
  await expect(mean.nth(3).getByRole('img')).toHaveAccessibleName(
    `Mean attendance: this school ${percent(attendance(birch).mean)}, local authority ${percent(both.mean)}, similar schools ${
      ashIsSimilar ? percent(attendance(ash).mean) : 'Not available'
    }`,
  );
  // A hidden figure is never compared.
  await expect(comparisonCells(page, '% persistently absent').nth(1)).toHaveText('<5 (suppressed)');
  await expect(page.getByText('The 1 school loaded is similar to this one.')).toBeVisible();
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, 'benchmarks.png'), fullPage: true });

  // A CSV renamed .json is refused by name, and nothing loaded changes.
  const badPath = test.info().outputPath('pupils.json');
  writeFileSync(badPath, readFileSync(BIRCH.file('spring')));
  await page.getByLabel('Load figures files').setInputFiles([badPath]);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('“pupils.json” was not loaded. This file is not school figures');
  await expect(alert).toContainText('Nothing was loaded: the files loaded before are unchanged.');
  await expect(files.getByRole('row')).toHaveCount(3);
  await expect(mean.nth(1)).toHaveText(startsWith(percent(both.mean)));

  // Removing a file takes it out of the comparison.
  await files.getByRole('button', { name: 'Remove Tameside figures.json' }).click();
  await expect(files.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('columnheader')).toHaveText(['Indicator', 'This school', 'Similar schools (median)', 'Chart']);
});

test('school details are checked beside each field, kept and printed', async ({ app, page }) => {
  await app.open();
  await app.goTo('Settings');
  const section = page.getByRole('region', { name: 'School details' });
  await section.getByLabel('URN', { exact: true }).fill('12345');
  await section.getByLabel('DfE number', { exact: true }).fill('357/401');
  await section.getByRole('button', { name: 'Save school details' }).click();
  const summary = section.getByRole('alert');
  await expect(summary).toContainText('There is a problem');
  await expect(summary.getByRole('link')).toHaveText([
    'Enter a URN of 6 digits, such as 123456 (find it on Get Information about Schools), or leave it blank',
    'Enter a DfE number as 3 digits and 4 digits, such as 123/4567 or 1234567, or leave it blank',
  ]);
  const urn = section.getByLabel('URN', { exact: true });
  await expect(urn).toHaveAttribute('aria-invalid', 'true');
  await expect(urn).toHaveAccessibleDescription(/Enter a URN of 6 digits/);
  await app.checkAccessibility('School details with problems');
  // The summary's link takes the keyboard to the field.
  await summary.getByRole('link', { name: /Enter a URN/ }).click();
  await expect(urn).toBeFocused();

  await section.getByLabel('DfE number', { exact: true }).fill('');
  await saveDetails(page, {
    'School name': 'Birch Primary',
    URN: '100002',
    'DfE number': '3574001',
    Phase: 'Primary',
    'Local authority': 'Tameside',
  });
  await expect(urn).not.toHaveAttribute('aria-invalid', 'true');

  // Kept through a reload, the DfE number written as 357/4001.
  await page.reload();
  await opened(page);
  await app.goTo('Settings');
  await expect(section.getByLabel('School name', { exact: true })).toHaveValue('Birch Primary');
  await expect(section.getByLabel('DfE number', { exact: true })).toHaveValue('357/4001');
  await expect(section.getByLabel('Phase', { exact: true })).toHaveValue(/\d/);
  await expect(section.getByLabel('Phase', { exact: true }).locator('option:checked')).toHaveText('Primary');

  // On paper, the print header names the school with its details.
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Self-evaluation', exact: true }).click();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByText('URN 100002 · DfE number 357/4001 · Primary · Tameside')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
});
