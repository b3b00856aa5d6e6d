// An LA file's exports one school at a time (issue 16, SPEC §8.5). A made-up local
// authority's file of 6 schools comes from the project's own generator
// (support/la-file.ts) and is imported. On the Schools page, Export each school's workbook
// downloads one zip: read here with a small zip reader (node:zlib), it holds one .xlsx per
// school and one for the rows with no school given, names all different; one school's
// workbook, read back by the project's own reader (examples/read_export), lists exactly the
// UPNs the CSV gives that school. Export each school's figures downloads a zip of one JSON
// per school; one school's whole-school pupils are the CSV's count of its rows, and no
// JSON holds any of the file's UPNs. Export the local authority's figures downloads one
// JSON of kind local_authority counting every row of the file.
import { readFileSync, writeFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import type { Download, Locator, Page } from '@playwright/test';
import { test, expect } from './support/harness';
import { bySchool, LaFile } from './support/la-file';
import { revision, savedSince } from './support/saving';
import { readWorkbook } from './support/workbook';

const LA = new LaFile('e2e-school-exports', 23, 6);

/** Every file of a zip, by name in the zip's order: read from its central directory. */
function unzip(bytes: Buffer): Map<string, Buffer> {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let index = 0; index < count; index += 1) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error('a damaged central directory');
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`${name}: compression method ${method}`);
    files.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLength + extra + comment;
  }
  return files;
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

/** Presses `button` in `section` and returns the download, once the section says it is done. */
async function download(section: Locator, button: string): Promise<Download> {
  const page = section.page();
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    section.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await expect(section.getByRole('status').filter({ hasText: 'Downloaded' })).toBeVisible({ timeout: 60_000 });
  return file;
}

test('an LA file exports each school’s workbook and figures, one file per school in a zip', async ({ app, page }, testInfo) => {
  test.setTimeout(240_000);
  LA.generate();
  const rows = LA.rows();
  const schools = bySchool(rows);
  const named = [...schools.keys()].filter((urn) => urn !== '');
  expect(named.length).toBe(6);
  const withoutSchool = schools.get('')?.length ?? 0;

  await app.open();
  await app.goTo('Import');
  await importFile(page, LA.path, rows.length, app.fileInput);
  await app.navigation.getByRole('link', { name: 'Schools', exact: true }).click();
  const section = page.getByRole('region', { name: 'A file for each school' });
  await expect(section).toBeVisible();
  await app.checkAccessibility('Schools');

  // Each school's workbook: one .xlsx per school, and one for the rows with no school.
  const workbooks = await download(section, "Export each school's workbook");
  expect(workbooks.suggestedFilename()).toMatch(/^.+ schools’ workbooks (Autumn|Spring|Summer) \d{4}-\d{2}\.zip$/);
  const zipPath = testInfo.outputPath('workbooks.zip');
  await workbooks.saveAs(zipPath);
  const entries = unzip(readFileSync(zipPath));
  const names = [...entries.keys()];
  expect(names.every((name) => name.endsWith('.xlsx'))).toBe(true);
  expect(names.length).toBe(named.length + (withoutSchool > 0 ? 1 : 0));
  expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
  const status = section.getByRole('status');
  await expect(status).toContainText(`${named.length} workbooks, one per school`);

  // One school's workbook holds exactly its own pupils.
  const urn = named[1];
  const school = schools.get(urn)!;
  const schoolName = school[0].school;
  const entry = names.find((name) => name.includes(` – ${schoolName} – `));
  expect(entry, `a workbook named for ${schoolName}`).toBeDefined();
  const xlsxPath = testInfo.outputPath('school.xlsx');
  writeFileSync(xlsxPath, entries.get(entry!)!);
  const allPupils = readWorkbook(xlsxPath).get('All pupils')!;
  const upnColumn = allPupils.rows[0].indexOf('UPN');
  expect(upnColumn).toBeGreaterThanOrEqual(0);
  const upns = allPupils.rows.slice(1).map((row) => String(row[upnColumn]));
  expect(upns.sort()).toEqual(school.map((row) => row.upn).sort());

  // Each school's figures: one JSON per school, the school's pupils counted, no UPN.
  const figures = await download(section, "Export each school's figures");
  expect(figures.suggestedFilename()).toMatch(/ schools’ figures .+\.zip$/);
  const figuresPath = testInfo.outputPath('figures.zip');
  await figures.saveAs(figuresPath);
  const files = unzip(readFileSync(figuresPath));
  expect([...files.keys()].every((name) => name.endsWith('.json'))).toBe(true);
  expect(files.size).toBe(named.length);
  const allUpns = rows.map((row) => row.upn);
  let found = false;
  for (const bytes of files.values()) {
    const text = bytes.toString('utf8');
    for (const upn of allUpns) expect(text.includes(upn), `UPN ${upn} in a figures file`).toBe(false);
    const document = JSON.parse(text);
    expect(document.format).toBe('personalisation-planner-school-figures');
    const set = document.sets[0];
    expect(set.kind).toBe('school');
    if (set.urn !== urn) continue;
    found = true;
    expect(set.school_name).toBe(schoolName);
    const whole = set.rows.find((row: { group: string }) => row.group === 'whole_school');
    expect(whole.figures.pupils).toBe(school.length >= 5 ? school.length : '<5');
  }
  expect(found, `a figures file for URN ${urn}`).toBe(true);

  // The local authority's figures: one JSON counting every row of the file.
  const la = await download(section, "Export the local authority's figures");
  expect(la.suggestedFilename()).toMatch(/ \(all schools\) – .+\.json$/);
  const laText = readFileSync(await la.path(), 'utf8');
  for (const upn of allUpns) expect(laText.includes(upn), `UPN ${upn} in the LA's figures`).toBe(false);
  const laSet = JSON.parse(laText).sets[0];
  expect(laSet.kind).toBe('local_authority');
  const laWhole = laSet.rows.find((row: { group: string }) => row.group === 'whole_school');
  expect(laWhole.figures.pupils).toBe(rows.length);
  await expect(status).toContainText(`all ${rows.length.toLocaleString('en-GB')} pupils`);
});
