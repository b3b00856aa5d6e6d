// A nearly full disk (issue 12 §2). Chromium's profile lives on a small tmpfs mounted for
// this test, so IndexedDB meets a real full disk. Chromium tells pages a quota of their
// usage plus a fixed allowance, whatever the disk holds, so the planner's check of
// `navigator.storage.estimate()` before a large write (storage::space, tested natively)
// cannot see this disk: here the write itself fails, as it would on a school's full disk.
// The import is refused in plain words, the pupils saved before stay, and once space is
// freed the same tab saves again without a reload.
import { test, expect, Observations } from './support/harness';
import { chromium as playwright, type BrowserContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '../playwright.base';
import { Importer, fixture } from './support/importer';
import { PlannerApp } from './support/planner-app';
import { SAVED, opened, revision, savedSince } from './support/saving';

/** The first pupil of primary_210.csv (a pupil's page is addressed by UPN). */
const FIRST_PUPIL = 'W373210125361';

/** The size of the disk the browser's profile is on. */
const DISK = '96m';

/** Bytes free on the file system holding `path`. */
function freeBytes(path: string): number {
  const stats = statfsSync(path);
  return stats.bavail * stats.bsize;
}

/** Fills the disk holding `dir` until about `leave` bytes are free; returns the filler. */
function fill(dir: string, leave: number, name = 'filler.bin'): string {
  const filler = join(dir, name);
  const file = openSync(filler, 'w');
  const chunk = Buffer.alloc(1024 * 1024);
  try {
    // The browser writes to the same disk meanwhile: fill in steps, and stop at a full one.
    for (let left = freeBytes(dir) - leave; left > 0; left = freeBytes(dir) - leave) {
      writeSync(file, chunk, 0, Math.min(chunk.length, left));
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(file);
  }
  return filler;
}

test('a nearly full disk refuses an import plainly, keeps the saved pupils, and recovers without a reload', async ({ baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'planner-full-disk-'));
  // Root on this machine (and CI): a tmpfs of its own for the profile.
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK}`, 'tmpfs', dir]);
  let context: BrowserContext | undefined;
  const observations = new Observations(new URL(baseURL!).origin);
  try {
    const profile = join(dir, 'profile');
    context = await playwright.launchPersistentContext(profile, {
      ...chromium,
      baseURL,
      acceptDownloads: true,
    });
    context.on('request', (request) => observations.request(request.url(), request.serviceWorker() !== null));
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => observations.pageErrors.push(String(error)));
    const app = new PlannerApp(page, observations);
    const importer = new Importer(app);

    await app.open();
    await opened(page);
    let before = await revision(page);
    await importer.importFile('primary_210.csv', 210);
    await savedSince(page, before);

    // The disk fills up, leaving about 100 KB.
    const filler = fill(dir, 100 * 1024);
    testInfo.annotations.push({ type: 'disk', description: `${freeBytes(dir)} bytes left free on a ${DISK} disk` });

    // An import of 1,200 pupils is refused before anything is written, in plain words.
    await app.goTo('Import');
    await app.fileInput.setInputFiles(fixture('secondary_1200.csv'));
    await page.getByRole('button', { name: 'Confirm import' }).click();
    // Another school's pupils: the planner asks first, and the test goes on.
    await page
      .getByRole('region', { name: 'Is this the right school?' })
      .getByRole('button', { name: 'Import anyway' })
      .click({ timeout: 30_000 });
    const alert = page.getByRole('alert').filter({ hasText: 'not imported' });
    await expect(alert).toContainText("There isn't enough space on this computer to save 1,200 pupils. Free some space or download a backup first", { timeout: 30_000 });
    await expect(alert).toContainText('The pupils you had before are still saved.');
    await expect(alert).toContainText('your workspace is as it was');
    await expect(page.getByRole('status').filter({ hasText: 'pupils imported' })).toHaveCount(0);
    // No raw error text anywhere, and the 210 pupils saved before are still the workspace's.
    await expect(page.getByText(/DomException|backing store|Error\(/)).toHaveCount(0);
    await app.goTo('All pupils');
    await expect(app.grid('All pupils').grid).toHaveAttribute('aria-rowcount', '211');
    await expect(page.getByRole('banner').getByText(SAVED)).toBeVisible();

    // With the disk filled to the last byte, a note typed now is not saved, and the header
    // says so plainly instead of "Saved".
    const last = fill(dir, 0, 'last.bin');
    await page.goto(`./#pupil/${FIRST_PUPIL}`);
    const notes = page.getByLabel('Notes about this pupil');
    await notes.fill('Written while the disk was full.');
    await notes.press('Tab');
    const header = page.getByRole('banner');
    await expect(header.getByText(/the last change was not saved/)).toBeVisible({ timeout: 30_000 });
    await expect(header.getByText(SAVED)).toHaveCount(0);
    await expect(page.getByText(/DomException|backing store|Error\(/)).toHaveCount(0);

    // Space is freed: the tab saves the note by itself, with no reload and no new edit.
    rmSync(last);
    rmSync(filler);
    before = await revision(page);
    await savedSince(page, before, 30_000);
    await page.reload();
    await opened(page);
    await expect(page.getByLabel('Notes about this pupil')).toHaveValue('Written while the disk was full.');

    // And imports and saves the 1,200 pupils.
    before = await revision(page);
    await app.goTo('Import');
    await app.fileInput.setInputFiles(fixture('secondary_1200.csv'));
    await page.getByRole('button', { name: 'Confirm import' }).click();
    await page
      .getByRole('region', { name: 'Is this the right school?' })
      .getByRole('button', { name: 'Import anyway' })
      .click({ timeout: 30_000 });
    await expect(page.getByRole('status')).toContainText('1200 pupils imported', { timeout: 60_000 });
    await savedSince(page, before);

    // And they are on disk: a reload reads them back.
    await page.reload();
    await opened(page);
    await app.goTo('All pupils');
    await expect(app.grid('All pupils').grid).toHaveAttribute('aria-rowcount', '1201');
  } finally {
    await context?.close();
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
  expect(observations.foreignRequests, 'requests to another origin').toEqual([]);
  expect(observations.pageErrors, 'uncaught page errors').toEqual([]);
});

