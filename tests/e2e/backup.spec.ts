// Backup, "Delete all data on this computer" and restore (SPEC §9, issue 5): a restore
// gives back exactly the same state, compared through a canonical dump of every
// IndexedDB store; a damaged or future-version backup is refused and nothing changes.
import { test, expect } from './support/harness';
import { Importer } from './support/importer';
import type { PlannerApp } from './support/planner-app';
import type { Download, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { opened, revision, savedSince } from './support/saving';
import { canonical, checksumOf, parseKeepingNumbers, raw, type Json } from './support/backup-file';

/** The first pupil of primary_210.csv: a profile is addressed by pupil key (the UPN). */
const FIRST_PUPIL = 'W373210125361';

const NOTE = 'Check in with parents after half term – “quiet” week.';
/** A change made after the backup: restoring the backup must lose it, cancelling keep it. */
const NEWER_NOTE = 'Newer: met with the speech and language therapist.';


/**
 * Every store of the planner's IndexedDB database, with every key and value, sorted, as
 * one JSON string. Read with the raw indexedDB API (not the app's code), and the
 * connection is closed again so it never blocks the app deleting the database.
 */
async function dump(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const name = 'personalisation-planner';
    const known = await indexedDB.databases();
    // Opening a database that does not exist would create it: report it as absent.
    if (!known.some((database) => database.name === name)) return JSON.stringify(null);
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const stores = Array.from(db.objectStoreNames).sort();
      const out: Record<string, [string, unknown][]> = {};
      if (stores.length === 0) return JSON.stringify(out);
      const transaction = db.transaction(stores, 'readonly');
      const read = <T>(request: IDBRequest<T>): Promise<T> =>
        new Promise((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      for (const store of stores) {
        const objectStore = transaction.objectStore(store);
        const keys = await read(objectStore.getAllKeys());
        const values = await read(objectStore.getAll());
        const records: [string, unknown][] = keys.map((key, index) => [JSON.stringify(key), values[index]]);
        records.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        out[store] = records;
      }
      return JSON.stringify(out);
    } finally {
      db.close();
    }
  });
}

// --- Steps -----------------------------------------------------------------------

/** Presses "Download a backup" on Settings and returns the file's name and bytes. */
async function downloadBackup(app: PlannerApp): Promise<{ name: string; bytes: Buffer }> {
  const page = app.page;
  await app.goTo('Settings');
  await expect(page.getByRole('heading', { name: 'Your data on this computer' })).toBeVisible();
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download a backup' }).click(),
  ]);
  const path = await download.path();
  const bytes = readFileSync(path);
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toBeVisible();
  return { name: download.suggestedFilename(), bytes };
}

/** Chooses a file for "Restore from a backup file". */
async function chooseBackup(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.getByLabel('Restore from a backup file').setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
}

/** The question the planner asks once a backup file has been checked. */
const restoreQuestion = (page: Page) => page.getByRole('region', { name: 'Restore this backup?' });

/** One fact in the restore question's summary, by its term ("Pupils", …). */
const fact = (page: Page, term: string) =>
  restoreQuestion(page)
    .locator('.summary-list__row')
    .filter({ has: page.getByRole('term').filter({ hasText: term }) })
    .getByRole('definition');

/** "Planner backup – … – 2026-03-13.json" → "13/03/2026". */
function madeOn(fileName: string): string {
  const match = /(\d{4})-(\d{2})-(\d{2})\.json$/.exec(fileName);
  expect(match, `a date in ${fileName}`).not.toBeNull();
  const [, year, month, day] = match as RegExpExecArray;
  return `${day}/${month}/${year}`;
}

/** Waits for the planner to have reloaded to its start (the URL has no hash any more). */
const reloadedToStart = (page: Page) => page.waitForURL((url) => url.hash === '', { timeout: 30_000 });

async function addNoteAndFlag(app: PlannerApp): Promise<void> {
  const page = app.page;
  await page.goto(`./#pupil/${FIRST_PUPIL}`);
  const before = await revision(page);
  await page.getByLabel('Focus: flag this pupil for attention').check();
  await page.getByLabel('Notes about this pupil').fill(NOTE);
  await page.getByLabel('Notes about this pupil').press('Tab');
  await savedSince(page, before);
  await expect.poll(() => dump(page), { timeout: 15_000 }).toContain('half term');
}

/** Opens the app, waits for its saved work, imports primary_210.csv and waits for that save. */
async function openWithPupils(app: PlannerApp): Promise<void> {
  await app.open();
  await opened(app.page);
  const before = await revision(app.page);
  await new Importer(app).importFile('primary_210.csv', 210);
  await savedSince(app.page, before);
}

test('backup, delete all data, restore: every store is exactly as it was', async ({ app, page }) => {
  await openWithPupils(app);
  await addNoteAndFlag(app);
  const before = await dump(page);
  expect(before).toContain('drop-');

  const backup = await downloadBackup(app);
  expect(backup.name).toMatch(/^Planner backup – My school – \d{4}-\d{2}-\d{2}\.json$/);
  console.log(`backup size, primary_210.csv (210 pupils): ${backup.bytes.length} bytes`);
  const file = parseKeepingNumbers(backup.bytes.toString('utf8')) as { [key: string]: Json };
  expect(file.format).toBe('personalisation-planner-backup');
  expect(file.checksum).toBe(checksumOf(file)); // the checksum is what the format says
  expect((file.drops as { [key: string]: Json }[]).length).toBe(1);
  expect(backup.bytes.toString('utf8')).toContain(NOTE);

  // A cache of another app on this origin is left alone; the planner's caches and web
  // storage go.
  await page.evaluate(async () => {
    await caches.open('planner:test-marker');
    await caches.open('not-the-planner');
    localStorage.setItem('planner-test', 'x');
    sessionStorage.setItem('planner-test', 'x');
  });

  // Delete all data, through the confirmation.
  await page.getByRole('button', { name: 'Delete all data on this computer' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete all data on this computer?' });
  await expect(dialog).toBeVisible();
  await app.checkAccessibility('the delete confirmation');
  // "No" changes nothing.
  await dialog.getByRole('button', { name: 'No, keep my data' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => dump(page)).toBe(before);
  await page.getByRole('button', { name: 'Delete all data on this computer' }).click();
  await Promise.all([reloadedToStart(page), dialog.getByRole('button', { name: 'Yes, delete everything' }).click()]);
  await expect(app.navigation).toBeVisible();
  await opened(page);

  const cacheNames = await page.evaluate(() => caches.keys());
  expect(cacheNames).not.toContain('planner:test-marker');
  expect(cacheNames).toContain('not-the-planner');
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
  await app.goTo('All pupils');
  await expect(page.getByRole('link', { name: 'Import a pupil spreadsheet' })).toBeVisible();
  await expect.poll(async () => JSON.parse(await dump(page)).drops).toEqual([]);
  await expect.poll(async () => JSON.parse(await dump(page)).workspaces.length).toBe(1); // the new, empty workspace

  // Restore: the planner asks first (the backup's workspace is not here, and the empty
  // one open now is replaced), then reloads, and every store is byte for byte what it was.
  await app.goTo('Settings');
  await chooseBackup(page, backup.name, backup.bytes);
  await expect(restoreQuestion(page)).toContainText('“My school” is not in this browser yet', { timeout: 15_000 });
  await expect(fact(page, 'Pupils')).toHaveText('210 pupils');
  await Promise.all([reloadedToStart(page), restoreQuestion(page).getByRole('button', { name: 'Restore this backup' }).click()]);
  await opened(page);
  await expect.poll(() => dump(page)).toBe(before);
  await app.goTo('All pupils');
  await expect(app.grid('All pupils').grid).toHaveAttribute('aria-rowcount', '211');
  await page.goto(`./#pupil/${FIRST_PUPIL}`);
  await expect(page.getByLabel('Focus: flag this pupil for attention')).toBeChecked();
  await expect(page.getByLabel('Notes about this pupil')).toHaveValue(NOTE);
  await expect.poll(() => dump(page)).toBe(before);
});

test('a damaged or future-version backup is refused, and nothing changes', async ({ app, page }) => {
  await openWithPupils(app);
  await addNoteAndFlag(app);
  const backup = await downloadBackup(app);
  const before = await dump(page);
  const text = backup.bytes.toString('utf8');

  const refused = async (name: string, bytes: Buffer, message: string) => {
    await chooseBackup(page, name, bytes);
    const alert = page.getByRole('alert').filter({ hasText: message });
    await expect(alert).toBeVisible({ timeout: 15_000 });
    await expect(alert).toContainText('Nothing has been changed');
    await app.checkAccessibility(`refusing ${name}`);
    await expect.poll(() => dump(page)).toBe(before);
    expect(new URL(page.url()).hash).toBe('#settings');
  };

  // One character changed inside the note: still valid JSON, but not what was made.
  const at = text.indexOf('half term');
  expect(at).toBeGreaterThan(0);
  const damaged = Buffer.from(text.slice(0, at) + 'H' + text.slice(at + 1), 'utf8');
  await refused('damaged.json', damaged, 'This backup file has been changed or damaged since it was made');

  // A backup from a newer planner, with a correct checksum: only the version is wrong.
  const file = parseKeepingNumbers(text) as { [key: string]: Json };
  file.schema_version = raw('99');
  file.checksum = checksumOf(file);
  await refused('future.json', Buffer.from(canonical(file), 'utf8'), 'This backup was made by a newer version of the planner');

  // Not a backup at all.
  await refused('pupils.json', Buffer.from('UPN,Surname\n', 'utf8'), 'This file is not a planner backup');
  await refused('empty.json', Buffer.alloc(0), 'This file is empty');

  // The untouched file still restores (and changes nothing, as it is the same state).
  await chooseBackup(page, backup.name, backup.bytes);
  await expect(restoreQuestion(page)).toContainText('This backup holds the same save as the work open now', { timeout: 15_000 });
  await Promise.all([
    reloadedToStart(page),
    restoreQuestion(page).getByRole('button', { name: 'Replace my current work with this backup' }).click(),
  ]);
  await opened(page);
  await expect.poll(() => dump(page)).toBe(before);
});

test('an older backup is shown and asked about before it replaces newer work', async ({ app, page }) => {
  await openWithPupils(app);
  await addNoteAndFlag(app);
  const backup = await downloadBackup(app);

  // Newer work after the backup: the note is rewritten.
  await page.goto(`./#pupil/${FIRST_PUPIL}`);
  const notes = page.getByLabel('Notes about this pupil');
  await expect(notes).toHaveValue(NOTE);
  const before = await revision(page);
  await notes.fill(NEWER_NOTE);
  await notes.press('Tab');
  await savedSince(page, before);
  await expect.poll(() => dump(page), { timeout: 15_000 }).toContain('speech and language');
  const newer = await dump(page);

  // Choosing the backup shows what it holds and that it is older; nothing is replaced.
  await app.goTo('Settings');
  await chooseBackup(page, backup.name, backup.bytes);
  const question = restoreQuestion(page);
  await expect(question).toBeVisible({ timeout: 15_000 });
  await expect(question.getByRole('heading', { name: 'Restore this backup?' })).toBeFocused();
  await expect(fact(page, 'School or workspace')).toHaveText('My school');
  await expect(fact(page, 'Pupils')).toHaveText('210 pupils');
  await expect(fact(page, 'Data drops')).toContainText('primary_210.csv, imported');
  await expect(fact(page, 'Backup made on')).toHaveText(madeOn(backup.name));
  await expect(question).toContainText('This backup is older than the work open now');
  await expect(question).toContainText(/saved (once|\d+ times) since the backup was made/);
  await app.checkAccessibility('the restore question');
  await expect.poll(() => dump(page)).toBe(newer);

  // Cancel: the question goes, and the newer work stays, also after a reload.
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'The backup was not restored' })).toBeVisible();
  await expect(page.getByLabel('Restore from a backup file')).toBeFocused();
  await expect.poll(() => dump(page)).toBe(newer);
  await page.goto(`./#pupil/${FIRST_PUPIL}`);
  await expect(notes).toHaveValue(NEWER_NOTE);
  await page.reload();
  await opened(page);
  await expect(notes).toHaveValue(NEWER_NOTE);

  // Again: a backup of the current work can be downloaded first, and it holds the newer note.
  await app.goTo('Settings');
  await chooseBackup(page, backup.name, backup.bytes);
  await expect(question).toContainText('This backup is older than the work open now', { timeout: 15_000 });
  const [current]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    question.getByRole('button', { name: 'Download a backup of my current work first' }).click(),
  ]);
  expect(readFileSync(await current.path()).toString('utf8')).toContain(NEWER_NOTE);
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toBeVisible();
  await expect(question).toBeVisible();
  await expect.poll(() => dump(page)).toBe(newer);

  // Confirming restores the backup: the newer note is gone, also after a reload.
  await Promise.all([
    reloadedToStart(page),
    question.getByRole('button', { name: 'Replace my current work with this backup' }).click(),
  ]);
  await opened(page);
  await page.goto(`./#pupil/${FIRST_PUPIL}`);
  await expect(notes).toHaveValue(NOTE);
  await page.reload();
  await opened(page);
  await expect(notes).toHaveValue(NOTE);
  await expect.poll(() => dump(page)).not.toContain('speech and language');
});
