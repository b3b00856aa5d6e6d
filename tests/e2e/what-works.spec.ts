// What works (issue 14, SPEC §8.2, §11): for each intervention and measure, the pupils
// measured, their average gain, the share who improved and what it cost. The measures are
// set up as saved state: primary_210.csv is imported, a backup is downloaded, two
// provisions that name a measure and carry entry and exit values are written into it, and
// it is restored. Every figure checked is worked out here from those same inputs.
import { test, expect } from './support/harness';
import type { PlannerApp } from './support/planner-app';
import { Importer, fixture } from './support/importer';
import { opened, revision, savedSince } from './support/saving';
import { numberOf, parseKeepingNumbers, sealed, toJson, type Json, type JsonObject } from './support/backup-file';
import type { Download, Locator, Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Pupil {
  upn: string;
  name: string;
  year: string;
}

/** primary_210.csv's pupils (no quoted cells in that file). */
function fixturePupils(): Pupil[] {
  const [head, ...lines] = readFileSync(fixture('primary_210.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = head.split(',');
  const at = (name: string) => columns.indexOf(name);
  return lines.map((line) => {
    const cells = line.split(',');
    const forename = cells[at('Preferred Forename')] || cells[at('Legal Forename')];
    return {
      upn: cells[at('UPN')],
      name: `${forename} ${cells[at('Legal Surname')]}`,
      year: cells[at('Year Group')],
    };
  });
}

/** Half up, for whole numbers (money in pence, tenths): n ÷ d rounded. */
const halfUp = (n: number, d: number) => Math.floor((2 * n + d) / (2 * d));
const money = (pence: number) =>
  `£${Math.floor(pence / 100).toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}`;
/** A decimal as whole ten-thousandths (the planner's exact measure values). */
const tt = (text: string) => Math.round(Number(text) * 10_000);

interface Measured {
  pupil: Pupil;
  entry: string;
  exit: string;
}

interface Plan {
  intervention: string;
  measure: { name: string; unit: string; lowest: string; highest: string };
  delivery: { group_size: number; sessions_per_week: number; minutes_per_session: number; weeks: number; resource_cost: number };
  values: Measured[];
}

/** The figures What works should show for `values` of `plan`, worked out here. */
function expected(plan: Plan, ratePence: number, values: Measured[] = plan.values) {
  const d = plan.delivery;
  const all = plan.values.length;
  // One group of up to group_size pupils: the staff's time plus the resources, shared evenly.
  const groups = Math.ceil(all / d.group_size);
  const totalPence = groups * ((ratePence * d.sessions_per_week * d.minutes_per_session * d.weeks) / 60 + d.resource_cost);
  expect(totalPence % all, 'each pupil pays whole pence, so shares are exact').toBe(0);
  const each = totalPence / all;
  const measured = values.filter((v) => v.entry !== '' && v.exit !== '');
  const gains = measured.map((v) => tt(v.exit) - tt(v.entry));
  const total = gains.reduce((a, b) => a + b, 0);
  const improved = gains.filter((g) => g > 0).length;
  // The average to four places, then shown to one (half away from zero).
  const away = (n: number, d: number) => Math.sign(n) * halfUp(Math.abs(n), d);
  const average = away(away(total, measured.length), 1000);
  const unit = plan.measure.unit;
  return {
    pupils: String(values.length),
    measured: String(measured.length),
    average: `${average > 0 ? '+' : average < 0 ? '-' : ''}${(Math.abs(average) / 10).toFixed(1)} ${unit}`,
    improved: `${improved} of ${measured.length} (${halfUp(100 * improved, measured.length)}%)`,
    costPerPupil: money(each),
    // Where a figure does not exist: a dash, and the reason for screen readers.
    costPerUnit: total > 0 ? money(halfUp(each * measured.length * 10_000, total)) : '—no gain',
    costPerImproved: improved > 0 ? money(halfUp(each * measured.length, improved)) : '—nobody improved',
    tooFew: measured.length < 5,
    each: money(each),
  };
}

/** Downloads a backup from Settings. */
async function downloadBackup(app: PlannerApp): Promise<{ name: string; bytes: Buffer }> {
  const page = app.page;
  await app.goTo('Settings');
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download a backup' }).click(),
  ]);
  const bytes = readFileSync(await download.path());
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toBeVisible();
  return { name: download.suggestedFilename(), bytes };
}

/** Restores a backup file over the open work, through the planner's question. */
async function restore(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.getByLabel('Restore from a backup file').setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
  const question = page.getByRole('region', { name: 'Restore this backup?' });
  await expect(question).toBeVisible({ timeout: 15_000 });
  await Promise.all([
    page.waitForURL((url) => url.hash === '', { timeout: 30_000 }),
    question.getByRole('button', { name: 'Replace my current work with this backup' }).click(),
  ]);
  await opened(page);
}

const byName = (items: Json, name: string): JsonObject => {
  const found = (items as JsonObject[]).find((item) => item.name === name);
  expect(found, name).toBeTruthy();
  return found as JsonObject;
};

/** The stored shape of a provision of `plan` (stored format 5). */
function provisionRecord(id: number, intervention: number, staff: number, plan: Plan): Json {
  const measure = (value: string) => (value === '' ? null : { name: plan.measure.name, value, date: null });
  return toJson({
    id,
    intervention,
    marker: 'Attainment',
    pupils: plan.values.map((v) => v.pupil.upn),
    staff: [staff],
    start: '2025-09-08',
    end: '2025-12-12',
    overrides: plan.delivery,
    priority: 'Must',
    status: 'Finished',
    measures: plan.values.map((v) => ({ pupil: v.pupil.upn, entry: measure(v.entry), exit: measure(v.exit) })),
    notes: '',
    member_dates: [],
    staff_changes: [],
    places: null,
    stopped_reason: '',
    expected_outcome: '',
    measure: { ...plan.measure, higher_is_better: true, source: 'Typed' },
  });
}

/** A cell of the table's row for `intervention`, by its column header. */
async function cellOf(table: Locator, intervention: string, header: string): Promise<Locator> {
  const headers = (await table.locator(':scope > thead th').allInnerTexts()).map((t) => t.trim());
  const at = headers.indexOf(header);
  expect(at, header).toBeGreaterThanOrEqual(0);
  return rowOf(table, intervention).locator(':scope > th, :scope > td').nth(at);
}

const rowOf = (table: Locator, intervention: string) =>
  table.locator(':scope > tbody > tr.what-works-row').filter({ has: table.page().getByRole('button', { name: intervention, exact: true }) });

async function expectRow(table: Locator, intervention: string, figures: ReturnType<typeof expected>): Promise<void> {
  const cell = (header: string) => cellOf(table, intervention, header);
  await expect(await cell('Pupils')).toHaveText(figures.pupils);
  await expect(await cell('Pupils measured')).toHaveText(figures.measured);
  await expect(await cell('Average gain')).toHaveText(figures.average);
  await expect(await cell('Improved')).toHaveText(figures.improved);
  await expect(await cell('Cost per pupil')).toHaveText(figures.costPerPupil);
  await expect(await cell('Cost per unit of gain')).toHaveText(figures.costPerUnit);
  await expect(await cell('Cost per pupil improved')).toHaveText(figures.costPerImproved);
  const judged = rowOf(table, intervention).getByText('Too few to judge');
  await expect(judged).toHaveCount(figures.tooFew ? 1 : 0);
}

test('What works: figures from saved measures, too few to judge, a year-group filter and the drill-down', async ({ app, page }) => {
  test.setTimeout(120_000);
  const pupils = fixturePupils();
  const inYear = (year: string) => pupils.filter((p) => p.year === year);
  const [y3, y4, y5] = [inYear('Year 3'), inYear('Year 4'), inYear('Year 5')];
  const fls: Plan = {
    intervention: 'FLS',
    measure: { name: 'Reading age', unit: 'months', lowest: '0', highest: '240' },
    delivery: { group_size: 6, sessions_per_week: 3, minutes_per_session: 20, weeks: 12, resource_cost: 0 },
    values: [
      { pupil: y3[0], entry: '80', exit: '86' },
      { pupil: y3[1], entry: '90', exit: '92.5' },
      { pupil: y3[2], entry: '75', exit: '75' },
      { pupil: y3[3], entry: '100', exit: '98' },
      { pupil: y4[0], entry: '70', exit: '79' },
      { pupil: y4[1], entry: '88', exit: '' },
    ],
  };
  const lexia: Plan = {
    intervention: 'Lexia reading programme',
    measure: { name: 'Standardised score', unit: 'points', lowest: '40', highest: '160' },
    delivery: { group_size: 6, sessions_per_week: 2, minutes_per_session: 30, weeks: 10, resource_cost: 100_00 },
    values: [
      { pupil: y5[0], entry: '85', exit: '91' },
      { pupil: y5[1], entry: '90', exit: '88' },
      { pupil: y5[2], entry: '100', exit: '103' },
      { pupil: y5[3], entry: '', exit: '' },
    ],
  };
  // Measured the same way as FLS, so it shares FLS's chart; nobody gained.
  const guided: Plan = {
    intervention: 'Additional Guided Reading',
    measure: fls.measure,
    delivery: { group_size: 6, sessions_per_week: 1, minutes_per_session: 30, weeks: 10, resource_cost: 0 },
    values: [
      { pupil: inYear('Year 6')[0], entry: '100', exit: '99' },
      { pupil: inYear('Year 6')[1], entry: '95', exit: '95' },
    ],
  };

  await app.open();
  await opened(page);
  const before = await revision(page);
  await new Importer(app).importFile('primary_210.csv', 210);
  await savedSince(page, before);

  // No provision is measured yet: the page says what to do.
  await app.goTo('What works');
  await expect(app.heading).toHaveText('What works');
  await expect(page.getByText('No provision has measured pupils yet')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to the Provision page' })).toHaveAttribute('href', '#provision');

  // The two provisions go into a backup of this work, which is restored.
  const backup = await downloadBackup(app);
  const file = parseKeepingNumbers(backup.bytes.toString('utf8')) as JsonObject;
  const workspace = file.workspace as JsonObject;
  const book = workspace.provision as JsonObject;
  const ta = byName((book.staff as JsonObject).roles, 'TA');
  const rate = numberOf((ta.rate as JsonObject).Fixed);
  const idOf = (name: string) => numberOf(byName((book.bank as JsonObject).items, name).id);
  book.provisions = [
    provisionRecord(1, idOf(fls.intervention), numberOf(ta.id), fls),
    provisionRecord(2, idOf(lexia.intervention), numberOf(ta.id), lexia),
    provisionRecord(3, idOf(guided.intervention), numberOf(ta.id), guided),
  ];
  workspace.revision = toJson(numberOf(workspace.revision) + 1);
  await restore(page, backup.name, sealed(file));

  await app.goTo('What works');
  const table = page.getByRole('table', { name: 'What works' });
  await expect(table).toBeVisible();
  const headers = table.locator(':scope > thead th');
  await expect(headers).toHaveText([
    'Intervention',
    'Measure',
    'Pupils',
    'Pupils measured',
    'Average gain',
    'Improved',
    'Cost per pupil',
    'Cost per unit of gain',
    'Cost per pupil improved',
  ]);
  await expect(page.getByText('Gains are only compared within one measure.')).toBeVisible();
  await expect(page.getByText(/fewer than 5 pupils measured/)).toHaveCount(1);

  const flsAll = expected(fls, rate);
  const lexiaAll = expected(lexia, rate);
  expect(flsAll.tooFew).toBe(false);
  expect(lexiaAll.tooFew).toBe(true);
  await expectRow(table, 'FLS', flsAll);
  await expectRow(table, 'Lexia reading programme', lexiaAll);
  const guidedAll = expected(guided, rate);
  expect(guidedAll.average).toBe('-0.5 months');
  await expectRow(table, 'Additional Guided Reading', guidedAll);
  await expect(await cellOf(table, 'FLS', 'Measure')).toHaveText('Reading age (months, higher is better)');
  // One chart per measure, beside the table: rows measured the same way share one.
  const readingChart = page.getByRole('img', { name: /^Average gain: Reading age/ });
  await expect(readingChart).toContainText(`FLS${flsAll.average}`);
  await expect(readingChart).toContainText(`Additional Guided Reading${guidedAll.average} (too few)`);
  await expect(readingChart).not.toContainText('Lexia');
  await expect(page.getByRole('img', { name: /^Average gain: Standardised score/ })).toContainText(lexiaAll.average);

  const outDir = join(__dirname, '..', '..', 'target', 'screens');
  mkdirSync(outDir, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: join(outDir, 'what-works.png'), fullPage: true });

  // The drill-down, by keyboard: each provision and each pupil, names linking to profiles.
  const flsButton = table.getByRole('button', { name: 'FLS', exact: true });
  await expect(flsButton).toHaveAttribute('aria-expanded', 'false');
  await flsButton.focus();
  await page.keyboard.press('Enter');
  await expect(flsButton).toHaveAttribute('aria-expanded', 'true');
  const provisions = page.getByRole('table', { name: 'Provision of FLS (Reading age)' });
  await expect(provisions.getByRole('row').filter({ hasText: '08/09/2025 to 12/12/2025' })).toHaveCount(1);
  const drill = page.getByRole('table', { name: 'Pupils in FLS (Reading age)' });
  await expect(drill.locator('tbody tr')).toHaveCount(fls.values.length);
  for (const value of fls.values) {
    const row = drill.locator('tbody tr').filter({ hasText: value.pupil.upn });
    await expect(row.getByRole('link', { name: value.pupil.name })).toHaveAttribute('href', `#pupil/${value.pupil.upn}`);
    await expect(row).toContainText(flsAll.each);
    if (value.exit !== '') {
      const gain = (tt(value.exit) - tt(value.entry)) / 10_000;
      await expect(row).toContainText(`${gain > 0 ? '+' : ''}${gain} months`);
    }
  }
  await page.screenshot({ path: join(outDir, 'what-works-drill-down.png'), fullPage: true });
  await page.keyboard.press('Space');
  await expect(flsButton).toHaveAttribute('aria-expanded', 'false');
  await expect(drill).toBeHidden();

  // Year 3 only: FLS's four Year 3 pupils (too few to judge now), and Lexia has none.
  await page.getByLabel('Year group').selectOption({ label: 'Year 3' });
  const flsYear3 = expected(fls, rate, fls.values.filter((v) => v.pupil.year === 'Year 3'));
  expect(flsYear3.tooFew).toBe(true);
  await expectRow(table, 'FLS', flsYear3);
  await expect(table.getByRole('button', { name: 'Lexia reading programme' })).toHaveCount(0);
  await app.checkAccessibility('What works, Year 3');

  // Back to every year group: the whole figures again.
  await page.getByLabel('Year group').selectOption({ label: 'All year groups' });
  await expectRow(table, 'FLS', flsAll);
  await app.checkAccessibility('What works');
});
