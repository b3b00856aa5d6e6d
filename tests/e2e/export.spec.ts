// Export (issue #7, SPEC §9 and §11): one click on "Export to Excel" downloads the planner
// workbook, and "Download as CSV" the pupil table on screen. The downloads are read back
// outside the browser: the workbook by the project's own reader, examples/read_export.rs
// (calamine for the values; the zip's styles.xml for each cell's fill), the CSV by a small
// parser here. Checked: every pupil, the marker values against the fixture's expected
// totals and shortlist, coloured marker cells that keep their text, the file names, and
// that a hostile file's formula-like cells come out neutralised (a leading ') everywhere.
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { test, expect } from './support/harness';
import { Importer, fixture } from './support/importer';
import { COLUMN } from './support/planner-grid';
import { readWorkbook } from './support/workbook';

type Expected = { pupils: number; rag: { green: number; amber: number; red: number }; shortlist: string[] };

const expected: Expected = JSON.parse(readFileSync(fixture('expected/secondary_1200.json'), 'utf8'));

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of text. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Excel's column letters: 0 → A, 11 → L, 26 → AA. */
const letters = (index: number): string =>
  (index >= 26 ? letters(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));

const DANGEROUS = /^[=+\-@\t\r]/;

async function download(page: Page, button: string): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toBeVisible();
  return file;
}

const FILE_NAME = /^(Planner|All pupils|Shortlist) \d{4}-\d{2} – My school – \d{4}-\d{2}-\d{2}\.(xlsx|csv)$/;

/** The UPNs of secondary_1200.csv, in file order. */
const fixtureUpns: string[] = readFileSync(fixture('secondary_1200.csv'), 'utf8')
  .replace(/^\uFEFF/, '')
  .split(/\r?\n/)
  .filter((line) => line.length > 0)
  .slice(1)
  .map((line) => line.split(',')[0]);

test('Export to Excel: every pupil, marker values and coloured marker cells; CSV of the table', async ({ app, page }, testInfo) => {
  test.setTimeout(240_000);
  expect(fixtureUpns.length).toBe(expected.pupils);
  await app.open();
  await new Importer(app).importFile('secondary_1200.xlsx', expected.pupils);

  await app.goTo('Shortlist');
  const file = await download(page, 'Export whole school to Excel');
  expect(file.suggestedFilename()).toMatch(FILE_NAME);
  expect(file.suggestedFilename()).toMatch(/^Planner /);
  const path = testInfo.outputPath('planner.xlsx');
  await file.saveAs(path);
  const sheets = readWorkbook(path);
  // The drop's academic year follows today's date, so its map's name does too.
  const mapSheet = [...sheets.keys()][3];
  expect(mapSheet).toMatch(/^Provision map \d{4}-\d{2}$/);
  expect([...sheets.keys()]).toEqual([
    'Shortlist',
    'All pupils',
    'Provision',
    mapSheet,
    'Need audit',
    'Individual provision maps',
    'Intervention bank',
    'Costs',
    'What works',
    'Self-evaluation',
    'Profile',
  ]);

  const all = sheets.get('All pupils')!;
  const head = all.rows[0] as string[];
  const col = (heading: string): number => {
    const at = head.indexOf(heading);
    expect(at, heading).toBeGreaterThanOrEqual(0);
    return at;
  };
  const [upn, rag, overall, dob] = [col('UPN'), col('RAG'), col('Overall indicator'), col('Date of birth')];
  const body = all.rows.slice(1);
  // Every pupil, once, in the file's order.
  expect(body.map((row) => row[upn])).toEqual(fixtureUpns);
  // Marker values: the RAG totals and the shortlist the fixture promises.
  const count = (label: string) => body.filter((row) => row[rag] === label).length;
  expect({ green: count('Green'), amber: count('Amber'), red: count('Red') }).toEqual(expected.rag);
  expect(sheets.get('Shortlist')!.rows.slice(1).map((row) => row[upn])).toEqual(expected.shortlist);
  // Typed values: the overall indicator is a number, dates are dates (dd/mm/yyyy).
  expect(body.every((row) => typeof row[overall] === 'number')).toBe(true);
  expect(body.every((row) => typeof row[dob] === 'string' && /^\d{2}\/\d{2}\/\d{4}$/.test(row[dob] as string))).toBe(true);

  // Coloured cells keep their text: every red pupil's RAG cell is filled red and says
  // "Red"; every coloured factor marker ("● 2") is filled too.
  const redRows = body.map((row, i) => ({ row, ref: `${letters(rag)}${i + 2}` })).filter(({ row }) => row[rag] === 'Red');
  expect(redRows.length).toBe(expected.rag.red);
  for (const { ref } of redRows) expect(all.fills[ref], ref).toBe('FFC7CE');
  const greenRef = `${letters(rag)}${body.findIndex((row) => row[rag] === 'Green') + 2}`;
  expect(all.fills[greenRef]).toBe('C6EFCE');
  const sen = col('SEN marker');
  const senColoured = body.map((row, i) => ({ row, i })).filter(({ row }) => String(row[sen]).startsWith('●'));
  expect(senColoured.length).toBeGreaterThan(0);
  for (const { i } of senColoured) expect(all.fills[`${letters(sen)}${i + 2}`]).toBe('FFC7CE');
  // The header is not filled like a marker, and the provision sheets are there.
  expect(all.fills['A1']).toBe('DDE4EE');
  expect(sheets.get('Intervention bank')!.rows.flat()).toContain('Daily report');
  expect(sheets.get('Profile')!.rows.flat()).toContain('Universal profile');

  // On paper the Shortlist is a real table whose heading row repeats on every page, under
  // a print header with the school, the academic year and the date printed.
  await page.emulateMedia({ media: 'print' });
  const printTable = page.getByRole('table', { name: 'Shortlist (for printing)' });
  await expect(printTable.getByRole('row')).toHaveCount(expected.shortlist.length + 1);
  await expect(printTable.getByRole('columnheader')).toHaveCount(15);
  for (const upnText of expected.shortlist) await expect(printTable.getByRole('cell', { name: upnText, exact: true })).toBeVisible();
  expect(await printTable.locator('thead').evaluate((el) => getComputedStyle(el).display)).toBe('table-header-group');
  await expect(page.getByText(/^Printed \d{2}\/\d{2}\/\d{4}$/)).toBeVisible();
  await expect(page.getByText(/^My school$/).filter({ visible: true })).toHaveCount(1);
  await expect(page.getByRole('grid', { name: 'Shortlist' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export to Excel' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expect(printTable).toBeHidden();

  // Download as CSV on All pupils: UTF-8 with a BOM, every pupil.
  await app.goTo('All pupils');
  const csvFile = await download(page, 'Download as CSV');
  expect(csvFile.suggestedFilename()).toMatch(FILE_NAME);
  const csvBytes = readFileSync(await csvFile.path());
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = parseCsv(csvBytes.subarray(3).toString('utf8'));
  expect(csv[0].slice(0, head.length)).toEqual(head);
  expect(csv.slice(1).map((row) => row[upn])).toEqual(fixtureUpns);
});

test('a hostile file exports with every formula-like cell neutralised, in the workbook and the CSV', async ({ app, page }, testInfo) => {
  test.setTimeout(180_000);
  const source = parseCsv(readFileSync(fixture('hostile_formula_injection.csv'), 'utf8').replace(/^\uFEFF/, ''));
  const [sourceHead, ...sourceRows] = source.filter((row) => row.length > 1);
  const dangerousInSource = sourceRows.flat().filter((cell) => DANGEROUS.test(cell.trim()) || DANGEROUS.test(cell));
  expect(dangerousInSource.length).toBeGreaterThanOrEqual(15);

  await app.open();
  await new Importer(app).importFile('hostile_formula_injection.csv', sourceRows.length);
  await app.goTo('All pupils');

  const file = await download(page, 'Export to Excel');
  const path = testInfo.outputPath('hostile.xlsx');
  await file.saveAs(path);
  const sheets = readWorkbook(path);
  let strings = 0;
  for (const sheet of sheets.values()) {
    for (const row of sheet.rows) {
      for (const cell of row) {
        if (typeof cell !== 'string') continue;
        strings++;
        expect(cell, `${sheet.name}: ${JSON.stringify(cell)}`).not.toMatch(DANGEROUS);
      }
    }
  }
  expect(strings).toBeGreaterThan(500);

  const csvFile = await download(page, 'Download as CSV');
  const csv = parseCsv(readFileSync(await csvFile.path()).subarray(3).toString('utf8'));
  for (const row of csv) for (const cell of row) expect(cell, JSON.stringify(cell)).not.toMatch(DANGEROUS);

  // Cell by cell: each name and note comes out as imported (trimmed), quoted exactly when
  // it is dangerous — in the workbook and in the CSV alike.
  const all = sheets.get('All pupils')!;
  const head = all.rows[0] as string[];
  const pairs: Array<[string, string]> = [
    ['Surname', 'Legal Surname'],
    ['Forename', 'Legal Forename'],
    ['Notes', 'Notes'],
  ];
  const byUpn = new Map(all.rows.slice(1).map((row) => [row[head.indexOf('UPN')], row]));
  const csvByUpn = new Map(csv.slice(1).map((row) => [row[csv[0].indexOf('UPN')], row]));
  let quoted = 0;
  for (const source of sourceRows) {
    const upn = source[sourceHead.indexOf('UPN')];
    const row = byUpn.get(upn)!;
    const csvRow = csvByUpn.get(upn)!;
    expect(row, upn).toBeDefined();
    expect(csvRow, upn).toBeDefined();
    for (const [exported, original] of pairs) {
      const before = source[sourceHead.indexOf(original)].trim();
      const want = DANGEROUS.test(before) ? `'${before}` : before;
      if (want !== before) quoted++;
      expect(row[head.indexOf(exported)] ?? '', `${upn} ${exported}`).toBe(want);
      expect(csvRow[csv[0].indexOf(exported)], `${upn} ${exported} (CSV)`).toBe(want);
    }
  }
  expect(quoted).toBeGreaterThanOrEqual(15);
});

test('Export to Excel on a filtered list holds exactly the rows shown, named after the list', async ({ app, page }, testInfo) => {
  test.setTimeout(180_000);
  await app.open();
  await new Importer(app).importFile('secondary_1200.xlsx', expected.pupils);
  await app.goTo('All pupils');
  const grid = app.grid('All pupils');
  // The fixture's own promise: 18 pupils are called Wilson.
  const wilsons = readFileSync(fixture('secondary_1200.csv'), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => /wilson/i.test(line.split(',').slice(1, 4).join(' ')))
    .map((line) => line.split(',')[0]);
  expect(wilsons.length).toBe(18);
  await page.getByLabel('Search by name or UPN').fill('Wilson');
  await grid.expectRowCount(wilsons.length);
  await expect(grid.bodyRows).toHaveCount(wilsons.length);
  const shown = await grid.columnTexts(COLUMN.upn);
  expect([...shown].sort()).toEqual([...wilsons].sort());

  const file = await download(page, 'Export to Excel');
  expect(file.suggestedFilename()).toMatch(/^All pupils – filtered \d{4}-\d{2} – My school – \d{4}-\d{2}-\d{2}\.xlsx$/);
  const path = testInfo.outputPath('filtered.xlsx');
  await file.saveAs(path);
  const sheets = readWorkbook(path);
  expect(sheets.has('All pupils')).toBe(false);
  expect(sheets.has('Shortlist')).toBe(false);
  const list = sheets.get('All pupils – filtered')!;
  const upn = (list.rows[0] as string[]).indexOf('UPN');
  // Exactly the rows shown, in the order shown.
  expect(list.rows.slice(1).map((row) => row[upn])).toEqual(shown);
  // The provision and need audit sheets come with it.
  expect([...sheets.keys()]).toContain('Need audit');
  expect([...sheets.keys()]).toContain('Provision');

  // The whole school is still one click away.
  const whole = await download(page, 'Export whole school to Excel');
  expect(whole.suggestedFilename()).toMatch(/^Planner /);
});
