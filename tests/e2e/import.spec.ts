// Importing real-shaped files through the UI (SPEC §4, §11): every format, the review
// screen, the summary, and every hostile fixture refused with its own message while the
// workspace stays as it was.
import { test, expect } from './support/harness';
import { Importer, fixture } from './support/importer';
import { readFileSync } from 'node:fs';

const expected210 = JSON.parse(readFileSync(fixture('expected/primary_210.json'), 'utf8'));

for (const name of ['primary_210.xlsx', 'primary_210.csv', 'primary_210.ods', 'primary_210.xls']) {
  test(`imports ${name} after reviewing the columns`, async ({ app, page }) => {
    await app.open();
    const importer = new Importer(app);
    await importer.choose(name);
    await expect(importer.confirmButton).toBeVisible({ timeout: 30_000 });
    // The review shows what each column will be read as, with parsed examples.
    await expect(page.getByRole('combobox', { name: /Column A \(UPN\): read as/ })).toHaveValue('1');
    const dob = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Date of Birth', exact: true }) });
    await expect(dob).toContainText(/\d\d\/\d\d\/20\d\d/);
    await app.checkAccessibility(`review of ${name}`);
    await importer.confirmButton.click();
    await expect(importer.status).toHaveText(`${expected210.pupils} pupils imported from ${name}`);
    await expect(page.getByRole('heading', { name: `Import summary for ${name}` })).toBeVisible();
    const summary = page.locator('.summary-list');
    await expect(summary).toContainText(/Rows read\s*210/);
    await expect(summary).toContainText(/Problems found\s*0/);
    await app.checkAccessibility(`summary of ${name}`);
  });
}

test('the SIMS report lists the wrong check letter, the missing UPN and the duplicate with their rows', async ({ app, page }) => {
  await app.open();
  const importer = new Importer(app);
  await importer.importFile('messy_sims_report.xlsx', 600);
  const problems = page.getByRole('table', { name: 'Problems found in the file' });
  await expect(problems.getByRole('row').filter({ hasText: 'B373379918086' })).toContainText('16');
  await expect(problems.getByRole('row').filter({ hasText: 'B373379918086' })).toContainText(/check letter/i);
  const skipped = page.getByRole('table', { name: 'Rows that were not imported, and why' });
  await expect(skipped.getByRole('row').filter({ hasText: 'row 11' })).toContainText('609');
  // Row 26 has a name but no UPN: it is imported and listed.
  await expect(problems.getByRole('row').filter({ has: page.getByRole('cell', { name: '26', exact: true }) })).toContainText(/UPN/);
});

const hostile: Array<[string, RegExp]> = [
  ['hostile_empty.xlsx', /empty \(0 bytes\)/],
  ['hostile_pdf_renamed.xlsx', /PDF document, not a spreadsheet/],
  ['hostile_password_protected.xlsx', /password-protected/],
  ['hostile_truncated.xlsx', /damaged or incomplete/],
];

for (const [name, message] of hostile) {
  test(`${name} is refused with its own message, changes nothing, and a good file still imports`, async ({ app, page }) => {
    await app.open();
    const importer = new Importer(app);
    await importer.importFile('primary_210.csv', 210);
    const text = await importer.refuse(name);
    expect(text).toMatch(message);
    // The previous import's result is untouched: the workspace still holds 210 pupils.
    await app.goTo('All pupils');
    await expect(app.grid('All pupils').grid).toHaveAttribute('aria-rowcount', '211');
    await expect(page.getByText('210 pupils').filter({ visible: true }).first()).toBeVisible();
    await app.goTo('Import');
    await app.checkAccessibility(`alert for ${name}`);
    await importer.importFile('primary_210.xlsx', 210);
  });
}

test('a file past the row limit, such as a whole local authority, is refused plainly and changes nothing', async ({ app, page }) => {
  await app.open();
  const importer = new Importer(app);
  await importer.importFile('primary_210.csv', 210);
  // The limit is said beside the file input, with what to do about a larger file.
  await expect(page.locator('#pupil-file-hint')).toContainText('Up to 100 MB and 60,000 rows');
  await expect(page.locator('#pupil-file-hint')).toContainText('split it by school');
  // A heading and 60,000 pupils, 60,001 rows: one past the limit (about 2 MB of CSV, made
  // here; the 200,000-pupil LA file itself is the benchmark's, tests/bench).
  const lines = ['UPN,Legal Surname,Legal Forename'];
  for (let pupil = 1; pupil <= 60_000; pupil++) lines.push(`X${pupil},Surname${pupil},Forename${pupil}`);
  await page.getByLabel('Import pupil spreadsheet').setInputFiles({
    name: 'whole_la.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\r\n')),
  });
  await expect(importer.alert).toBeVisible({ timeout: 30_000 });
  await expect(importer.alert).toContainText('too many rows to import in one go');
  await expect(importer.alert).toContainText('goes on past row 60,000 (there is something in row 60,001)');
  await expect(importer.alert).toContainText('Split the file by school');
  await expect(importer.confirmButton).toHaveCount(0);
  // The workspace still holds the 210 pupils imported before.
  await app.goTo('All pupils');
  await expect(app.grid('All pupils').grid).toHaveAttribute('aria-rowcount', '211');
  await app.goTo('Import');
  await app.checkAccessibility('alert for a file past the row limit');
});

test('a workbook declaring A1:XFD1048576 imports only its real rows', async ({ app }) => {
  await app.open();
  await new Importer(app).importFile('hostile_huge_dimension.xlsx', 3);
});

test('names holding HTML and script stay as text and nothing runs', async ({ app, page }) => {
  await app.open();
  await page.evaluate(() => {
    (window as unknown as { alerted: boolean }).alerted = false;
    window.alert = () => {
      (window as unknown as { alerted: boolean }).alerted = true;
    };
  });
  const importer = new Importer(app);
  await importer.choose('hostile_script_names.csv');
  await expect(importer.confirmButton).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("<script>alert('xss')</script>").first()).toBeVisible();
  await importer.confirmButton.click();
  await expect(page.getByRole('status')).toContainText('pupils imported');
  expect(await page.evaluate(() => (window as unknown as { alerted: boolean }).alerted)).toBe(false);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});

test('cells that look like formulas are kept as text', async ({ app, page }) => {
  await app.open();
  const importer = new Importer(app);
  await importer.choose('hostile_formula_injection.csv');
  await expect(importer.confirmButton).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/=HYPERLINK\(/).first()).toBeVisible();
  await importer.confirmButton.click();
  await expect(page.getByRole('status')).toContainText('pupils imported');
});

test('a confirmed mapping is remembered for the next file with the same headings', async ({ app, page }) => {
  await app.open();
  const importer = new Importer(app);
  await importer.choose('primary_210.csv');
  await expect(importer.confirmButton).toBeVisible({ timeout: 30_000 });
  // Say the Notes-like column "First Language" is not to be used, then confirm.
  const language = page.getByRole('combobox', { name: /\(First Language\): read as/ });
  await language.selectOption({ label: 'Not used (kept as extra information)' });
  await expect(language).toHaveValue('0');
  await importer.confirmButton.click();
  await expect(importer.status).toContainText('210 pupils imported');
  await importer.choose('primary_210.csv');
  await expect(page.getByText('mapping you confirmed last time')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('combobox', { name: /\(First Language\): read as/ })).toHaveValue('0');
});

test('the made-up school loads in one click and is clearly labelled', async ({ app, page }) => {
  await app.open();
  await page.getByRole('button', { name: 'Try it with a made-up school' }).click();
  await expect(page.getByRole('status')).toContainText('210 pupils imported');
  await expect(page.getByText('these pupils are not real')).toBeVisible();
  await app.goTo('All pupils');
  await expect(app.grid('All pupils').grid).toHaveAttribute('aria-rowcount', '211');
});

test('if the file reader dies (a trap or out of memory), the page says so and still works', async ({ app, page }) => {
  // The file reader starts with the Import page, before any file is chosen.
  const workerStarted = page.waitForEvent('worker');
  await app.open();
  const worker = await workerStarted;
  const importer = new Importer(app);
  await importer.choose('primary_210.csv');
  await expect(importer.confirmButton).toBeVisible({ timeout: 30_000 });
  // An uncaught error in the worker's global scope is exactly how a wasm trap surfaces.
  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated trap in the parser');
    });
  });
  await expect(importer.alert).toContainText('reading it stopped unexpectedly');
  await expect(importer.confirmButton).toHaveCount(0);
  // The page still works: a fresh reader starts for the next file.
  await importer.importFile('primary_210.xlsx', 210);
});
