// Tracking over time (issue 13, SPEC §8.1): three termly files of the same school, made by
// the project's own generator, are imported as three data drops. The Data drops table, a
// pupil's Over time rows and a group trend figure are checked against values worked out
// here from the files themselves; a note added after the first import is still on the
// profile after the third; a reload, and a backup → delete all → restore, keep every drop.
import { test, expect } from './support/harness';
import type { PlannerApp } from './support/planner-app';
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { opened, revision, savedSince } from './support/saving';
import type { Download } from '@playwright/test';

const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'target', 'e2e-tracking');
const TERMS = ['autumn', 'spring', 'summer'] as const;
const LABELS = ['Autumn 2025/26', 'Spring 2025/26', 'Summer 2025/26'];
const file = (term: string) => join(OUT, `school_${term}_2025-26.csv`);

interface Row {
  upn: string;
  surname: string;
  forename: string;
  birth: string;
  year: string;
  attendance: number | null;
  disadvantaged: boolean;
}

/** A generated CSV's pupils (the generator writes no quoted commas in these columns). */
function read(term: string): Row[] {
  const [head, ...lines] = readFileSync(file(term), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const columns = head.split(',');
  const at = (name: string) => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`no column ${name}`);
    return index;
  };
  return lines.map((line) => {
    const cells = line.split(',');
    const attendance = cells[at('Attendance %')];
    return {
      upn: cells[at('UPN')].trim().toUpperCase(),
      surname: cells[at('Legal Surname')],
      forename: cells[at('Legal Forename')],
      birth: cells[at('Date of Birth')],
      year: cells[at('Year Group')],
      attendance: attendance === '' ? null : Math.round(Number(attendance) * 100),
      disadvantaged: cells[at('FSM Eligible')] === 'Y' || cells[at('Pupil Premium')] === 'Y',
    };
  });
}

/** Who is who across two drops, as the planner's rule says: UPN, else name and birthday. */
function changes(before: Row[], after: Row[]) {
  const person = (row: Row) => `${row.surname.toLowerCase()}|${row.forename.toLowerCase()}|${row.birth}`;
  const matched = new Set<Row>();
  let byName = 0;
  for (const row of after) {
    const sameUpn = row.upn && before.find((earlier) => earlier.upn === row.upn);
    if (sameUpn) {
      matched.add(sameUpn);
      continue;
    }
    if (!row.upn || before.some((earlier) => !earlier.upn)) {
      const fits = before.filter((earlier) => !matched.has(earlier) && person(earlier) === person(row));
      if (fits.length === 1 && (!row.upn || !fits[0].upn)) {
        matched.add(fits[0]);
        byName += 1;
        continue;
      }
    }
  }
  const joined = after.length - matched.size;
  const left = before.length - matched.size;
  return { joined, left, byName, byUpn: matched.size - byName };
}

/** Mean attendance as the planner works it: hundredths, rounded half up, then to one decimal. */
function meanAttendance(rows: Row[]): string {
  const known = rows.map((row) => row.attendance).filter((value): value is number => value !== null);
  const sum = known.reduce((a, b) => a + b, 0);
  const hundredths = Math.floor((2 * sum + known.length) / (2 * known.length));
  const tenths = Math.floor((hundredths + 5) / 10);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

async function importDrop(app: PlannerApp, term: (typeof TERMS)[number], pupils: number): Promise<void> {
  const page = app.page;
  await app.goTo('Import');
  await app.fileInput.setInputFiles(file(term));
  const confirm = page.getByRole('button', { name: 'Confirm import' });
  await expect(confirm).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Term', { exact: true }).selectOption(term[0].toUpperCase() + term.slice(1));
  await page.getByLabel('Academic year', { exact: true }).selectOption('2025');
  const label = LABELS[TERMS.indexOf(term)];
  await expect(page.getByText(new RegExp(`(first data drop|adds a new data drop), ${label}`))).toBeVisible();
  await app.checkAccessibility(`review of the ${term} file`);
  const before = await revision(page);
  await confirm.click();
  await expect(page.getByRole('status').filter({ hasText: `${pupils} pupils imported` })).toBeVisible({
    timeout: 30_000,
  });
  await savedSince(page, before);
}

async function dropsTable(page: Page) {
  return page.getByRole('table', { name: 'Data drops' });
}

test.describe('tracking over time', () => {
  test.beforeAll(() => {
    mkdirSync(OUT, { recursive: true });
    execFileSync(
      'cargo',
      ['run', '--locked', '--quiet', '--example', 'generate_school', '--', '--pupils', '210', '--phase', 'primary',
        '--seed', '11', '--drops', '3', '--as-of', '13/03/2026', '--out', join(OUT, 'school'), '--formats', 'csv'],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  });

  test('three termly files become three drops, followed pupil by pupil', async ({ app }) => {
    test.setTimeout(240_000);
    const page = app.page;
    const drops = TERMS.map(read);
    await app.open();
    await opened(page);

    // The first drop, then a note on a pupil who stays all year.
    await importDrop(app, 'autumn', drops[0].length);
    const stayer = drops[0].find(
      (row) => row.upn && drops[1].some((r) => r.upn === row.upn) && drops[2].some((r) => r.upn === row.upn),
    )!;
    const note = 'Autumn: check reading age after half term.';
    await page.goto(`./#pupil/${stayer.upn}`);
    const notes = page.getByLabel('Notes about this pupil');
    await expect(notes).toBeVisible();
    const beforeNote = await revision(page);
    await notes.fill(note);
    await notes.blur();
    await savedSince(page, beforeNote);

    await importDrop(app, 'spring', drops[1].length);
    // The import says how its pupils were followed from the drop before.
    const spring = changes(drops[0], drops[1]);
    await expect(page.getByRole('status').filter({ hasText: 'pupils imported' })).toContainText(
      `Followed from Autumn 2025/26: ${spring.byUpn} by UPN, ${spring.byName} by name and date of birth; ` +
        `${spring.joined} joined, ${spring.left} left.`,
    );
    await importDrop(app, 'summer', drops[2].length);

    // The Data drops table, newest first, against the files.
    await app.goTo('Data drops');
    const table = await dropsTable(page);
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(4);
    const expected = [2, 1, 0].map((at) => {
      const change = at > 0 ? changes(drops[at - 1], drops[at]) : null;
      return { at, change };
    });
    for (const [i, { at, change }] of expected.entries()) {
      const row = rows.nth(i + 1);
      const [term, year] = LABELS[at].split(' ');
      await expect(row.getByRole('rowheader')).toHaveText(term);
      const cells = row.getByRole('cell');
      await expect(cells.nth(0)).toHaveText(year);
      await expect(cells.nth(2)).toHaveText(`school_${TERMS[at]}_2025-26.csv`);
      await expect(cells.nth(3)).toHaveText(String(drops[at].length));
      await expect(cells.nth(4)).toHaveText(change ? String(change.joined) : '–');
      await expect(cells.nth(5)).toHaveText(change ? String(change.left) : '–');
      await expect(cells.nth(6)).toHaveText(String(change ? change.byName : 0));
    }
    // The pupil without a UPN in the spring file was matched on name and date of birth.
    expect(expected[1].change!.byName).toBeGreaterThanOrEqual(1);
    await expect(page.getByText('Showing Summer 2025/26, the latest of 3 data drops')).toBeVisible();

    // The pupil's Over time rows, one per drop, with attendance from each file.
    await page.goto(`./#pupil/${stayer.upn}`);
    const overTime = page.getByRole('table', { name: 'Over time' });
    await expect(overTime.getByRole('row')).toHaveCount(4);
    for (const [at, label] of LABELS.entries()) {
      const row = overTime.getByRole('row').nth(at + 1);
      await expect(row.getByRole('rowheader')).toHaveText(label);
      const attendance = drops[at].find((r) => r.upn === stayer.upn)!.attendance!;
      const tenths = Math.floor((attendance + 5) / 10);
      await expect(row.getByRole('cell').nth(1)).toHaveText(`${Math.floor(tenths / 10)}.${tenths % 10}%`);
    }
    // Charts beside the numbers: attendance and the overall indicator.
    await expect(page.getByRole('img', { name: /^Attendance over time/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Overall indicator over time/ })).toBeVisible();
    // The note made after the first import is still there after the third.
    await expect(page.getByLabel('Notes about this pupil')).toHaveValue(note);

    // A group trend: the disadvantaged pupils at each drop, worked out from the files.
    await app.goTo('Cohorts');
    await page.getByLabel('Group', { exact: true }).selectOption({ label: 'Disadvantaged' });
    const trends = page.getByRole('table', { name: 'Group trends: Disadvantaged' });
    for (const [at, label] of LABELS.entries()) {
      const group = drops[at].filter((row) => row.disadvantaged);
      const row = trends.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label }) });
      await expect(row.getByRole('cell').nth(0)).toHaveText(String(group.length));
      await expect(row.getByRole('cell').nth(1)).toHaveText(meanAttendance(group));
    }
    await expect(page.getByRole('table', { name: 'How well the indicator predicted' })).toBeVisible();
    await app.checkAccessibility('group trends');

    // A reload keeps every drop.
    await page.reload();
    await opened(page);
    await app.goTo('Data drops');
    await expect((await dropsTable(page)).getByRole('row')).toHaveCount(4);

    // Another school's file is questioned before anything is kept, and cancelling keeps
    // the workspace as it was.
    await app.goTo('Import');
    await app.fileInput.setInputFiles(join(ROOT, 'tests', 'fixtures', 'secondary_1200.csv'));
    await page.getByRole('button', { name: 'Confirm import' }).click({ timeout: 30_000 });
    const question = page.getByRole('region', { name: 'Is this the right school?' });
    await expect(question).toContainText('Only 0 of the 1,200 pupils in this file', { timeout: 30_000 });
    await app.checkAccessibility('the right-school question');
    await question.getByRole('button', { name: 'Cancel import' }).click();
    await expect(page.getByText('Import cancelled: nothing was changed.')).toBeVisible();
    await app.goTo('Data drops');
    await expect((await dropsTable(page)).getByRole('row')).toHaveCount(4);

    // Relabel the spring drop as last year's summer: it moves down the table, by term.
    const relabelled = await dropsTable(page);
    await page.getByRole('button', { name: 'Relabel Spring 2025/26' }).click();
    const form = page.getByRole('group', { name: 'Relabel Spring 2025/26' });
    await form.getByLabel('Term').selectOption('Summer');
    await form.getByLabel('Academic year').selectOption('2024');
    const beforeRelabel = await revision(page);
    await form.getByRole('button', { name: 'Save label' }).click();
    await savedSince(page, beforeRelabel);
    await expect(relabelled.getByRole('row').nth(3).getByRole('rowheader')).toHaveText('Summer');
    await expect(relabelled.getByRole('row').nth(3).getByRole('cell').nth(0)).toHaveText('2024/25');

    // Backup → delete all data → restore keeps every drop, and the relabel.
    await app.goTo('Settings');
    const [download]: [Download, void] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download a backup' }).click(),
    ]);
    const bytes = readFileSync(await download.path());
    expect(JSON.parse(bytes.toString('utf8')).drops).toHaveLength(3);
    await page.getByRole('button', { name: 'Delete all data on this computer' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete all data on this computer?' });
    await Promise.all([
      page.waitForURL((url) => url.hash === '', { timeout: 30_000 }),
      dialog.getByRole('button', { name: 'Yes, delete everything' }).click(),
    ]);
    await opened(page);
    await app.goTo('Data drops');
    await expect(page.getByText('No data drops yet.')).toBeVisible();
    await app.goTo('Settings');
    await page
      .getByLabel('Restore from a backup file')
      .setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: bytes });
    const restore = page.getByRole('region', { name: 'Restore this backup?' });
    await Promise.all([
      page.waitForURL((url) => url.hash === '', { timeout: 30_000 }),
      restore.getByRole('button', { name: 'Restore this backup' }).click({ timeout: 15_000 }),
    ]);
    await opened(page);
    await app.goTo('Data drops');
    const restored = await dropsTable(page);
    await expect(restored.getByRole('row')).toHaveCount(4);
    await expect(restored.getByRole('row').nth(3).getByRole('cell').nth(0)).toHaveText('2024/25');
    await page.goto(`./#pupil/${stayer.upn}`);
    await expect(page.getByLabel('Notes about this pupil')).toHaveValue(note);

    // Deleting drops, after confirming, down to none: an empty, working workspace whose
    // notes are kept.
    await app.goTo('Data drops');
    for (const left of [2, 1, 0]) {
      const first = restored.getByRole('row').nth(1);
      const label = `${await first.getByRole('rowheader').innerText()} ${await first.getByRole('cell').nth(0).innerText()}`;
      await page.getByRole('button', { name: `Delete ${label}` }).click();
      const ask = page.getByRole('group', { name: `Delete ${label}?` });
      await expect(ask).toContainText('Notes, focus flags, provision and targets stay with each pupil.');
      const beforeDelete = await revision(page);
      await ask.getByRole('button', { name: 'Delete this drop' }).click();
      await savedSince(page, beforeDelete);
      if (left > 0) await expect(restored.getByRole('row')).toHaveCount(left + 1);
    }
    await expect(page.getByText('No data drops yet.')).toBeVisible();
    await app.goTo('All pupils');
    await expect(page.getByRole('link', { name: 'Import a pupil spreadsheet' })).toBeVisible();
    await importDrop(app, 'autumn', drops[0].length);
    await page.goto(`./#pupil/${stayer.upn}`);
    await expect(page.getByLabel('Notes about this pupil')).toHaveValue(note);
  });
});
