// Passphrase protection (SPEC §9, issue 5): with a passphrase set, everything the planner
// writes to IndexedDB, and every backup, is an AES-GCM envelope with no pupil data in
// clear text; opening the planner needs the passphrase, a wrong one changes nothing, and
// after the chosen idle time the planner locks itself.
import { test, expect } from './support/harness';
import { Importer, fixture } from './support/importer';
import { storedRecords, storedText, type Stored } from './support/indexeddb';
import type { PlannerApp } from './support/planner-app';
import type { Download, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { opened, revision, savedSince } from './support/saving';


const PASSPHRASE = 'blue heron over the playing field';
const WRONG = 'blue heron over the playing fields';
const WRONG_MESSAGE = 'That passphrase is not right. Try again — there is no way in without it.';
const NO_WAY_IN =
  'There is no way in without the passphrase. If you forget it, the data cannot be recovered — keep a backup.';

/** Every surname and UPN in the fixture. */
function fixturePupils(): { surnames: string[]; upns: string[] } {
  const [header, ...rows] = readFileSync(fixture('primary_210.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const surname = columns.indexOf('Legal Surname');
  const upn = columns.indexOf('UPN');
  const cells = rows.map((row) => row.split(','));
  return { surnames: cells.map((row) => row[surname]), upns: cells.map((row) => row[upn]) };
}

/**
 * The fixture's surnames and UPNs that can be read in `text`. A surname is looked for as a
 * JSON string ("Li", with its quotes): base64 has no quote marks, so a short surname can
 * never turn up by chance inside a ciphertext.
 */
function pupilDataIn(text: string): string[] {
  const { surnames, upns } = fixturePupils();
  return [
    ...surnames.filter((name) => text.includes(JSON.stringify(name))),
    ...upns.filter((upn) => text.includes(upn)),
  ];
}


const unlockHeading = (page: Page) => page.getByRole('heading', { name: 'Unlock the planner' });

/** Imports the 210-pupil fixture and waits until it is stored. */
async function importSchool(app: PlannerApp): Promise<void> {
  await app.open();
  await opened(app.page);
  const before = await revision(app.page);
  await new Importer(app).importFile('primary_210.csv', 210);
  await savedSince(app.page, before);
}

/** Sets a passphrase on Settings and waits until every record is rewritten. */
async function protect(app: PlannerApp, passphrase = PASSPHRASE): Promise<void> {
  const page = app.page;
  await app.goTo('Settings');
  await page.getByLabel('New passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('New passphrase again', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Protect with this passphrase' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'now protected with this passphrase' })).toBeVisible({
    timeout: 30_000,
  });
}

/** Types a passphrase on the unlock screen and presses "Unlock". */
async function unlockWith(page: Page, passphrase: string): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** Every planner record in the workspaces and drops stores is an envelope of the documented shape. */
function expectEnvelopes(stored: Stored): void {
  expect(stored).not.toBeNull();
  for (const store of ['workspaces', 'drops']) {
    const records = stored![store];
    expect(records.length, `records in ${store}`).toBeGreaterThan(0);
    for (const [key, value] of records) {
      const envelope = JSON.parse(value as string);
      expect(envelope.format, `${store}/${key}`).toBe('personalisation-planner-encrypted');
      expect(envelope.version).toBe(1);
      expect(envelope.contents).toBe(store === 'drops' ? 'data-drop' : 'workspace');
      expect(envelope.cipher).toBe('AES-256-GCM');
      expect(envelope.kdf).toBe('PBKDF2-SHA256');
      expect(envelope.iterations).toBeGreaterThanOrEqual(600_000);
      expect(Buffer.from(envelope.salt, 'base64')).toHaveLength(16);
      expect(Buffer.from(envelope.iv, 'base64')).toHaveLength(12);
    }
  }
}

async function allPupilsRowCount(app: PlannerApp): Promise<void> {
  await app.goTo('All pupils');
  await expect(app.grid('All pupils').grid).toHaveAttribute('aria-rowcount', '211');
}

test('a passphrase encrypts what is stored, and opening the planner needs it', async ({ app, page }) => {
  // Many steps, each deriving a key with 600,000 rounds of PBKDF2.
  test.setTimeout(120_000);
  await importSchool(app);
  // The check below finds pupil data when it is there.
  const plain = await storedRecords(page);
  expect(pupilDataIn(storedText(plain)).length).toBeGreaterThanOrEqual(420);

  // The section says plainly that there is no way back without the passphrase, and
  // refuses a short passphrase or two that differ.
  await app.goTo('Settings');
  await expect(page.getByRole('heading', { name: 'Protect with a passphrase' })).toBeVisible();
  await expect(page.getByText(NO_WAY_IN)).toBeVisible();
  await page.getByLabel('New passphrase', { exact: true }).fill('short');
  await page.getByLabel('New passphrase again', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Protect with this passphrase' }).click();
  await expect(page.getByRole('alert')).toContainText('at least 8 characters');
  await page.getByLabel('New passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('New passphrase again', { exact: true }).fill(WRONG);
  await page.getByRole('button', { name: 'Protect with this passphrase' }).click();
  await expect(page.getByRole('alert')).toContainText('not the same');
  await expect.poll(() => storedRecords(page)).toEqual(plain);

  await protect(app);
  await opened(page);
  await app.checkAccessibility('Settings, protected');
  const encrypted = await storedRecords(page);
  expectEnvelopes(encrypted);
  expect(pupilDataIn(storedText(encrypted))).toEqual([]);
  expect(encrypted!.drops).toHaveLength(1);

  // A reload opens at the unlock screen, with nothing of the planner shown.
  await page.reload();
  await expect(unlockHeading(page)).toBeVisible({ timeout: 30_000 });
  await expect(app.navigation).toBeHidden();
  await app.checkAccessibility('unlock screen');

  // A wrong passphrase is refused and changes nothing.
  await unlockWith(page, WRONG);
  await expect(page.getByRole('alert')).toHaveText(WRONG_MESSAGE, { timeout: 30_000 });
  await expect(unlockHeading(page)).toBeVisible();
  await expect(app.navigation).toBeHidden();
  await app.checkAccessibility('unlock screen, wrong passphrase');
  await expect.poll(() => storedRecords(page)).toEqual(encrypted);

  // The right one brings every pupil back.
  await unlockWith(page, PASSPHRASE);
  await expect(app.navigation).toBeVisible({ timeout: 30_000 });
  await opened(page);
  await allPupilsRowCount(app);
  await expect.poll(() => storedRecords(page)).toEqual(encrypted);

  // Removing the passphrase (with the current one) stores the work in clear again.
  await app.goTo('Settings');
  await page.getByLabel('Current passphrase', { exact: true }).fill(WRONG);
  await page.getByRole('button', { name: 'Remove the passphrase' }).click();
  await expect(page.getByRole('alert')).toContainText('current passphrase is not right', { timeout: 30_000 });
  await page.getByLabel('Current passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Remove the passphrase' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The passphrase has been removed' })).toBeVisible({
    timeout: 30_000,
  });
  expect(pupilDataIn(storedText(await storedRecords(page))).length).toBeGreaterThanOrEqual(420);
  await page.reload();
  await expect(app.navigation).toBeVisible({ timeout: 30_000 });
  await opened(page);
  await expect(unlockHeading(page)).toHaveCount(0);
  await allPupilsRowCount(app);
});

test('after the chosen idle time the planner locks itself', async ({ app, page }) => {
  // The page's clock runs as normal until the test moves it on.
  await page.clock.install();
  await importSchool(app);
  await protect(app);
  await page.getByLabel('Lock after').selectOption('5');
  await opened(page);

  // Four minutes without use: still open.
  await page.clock.fastForward('04:00');
  await expect(app.navigation).toBeVisible();
  await expect(unlockHeading(page)).toHaveCount(0);

  // Past five minutes: locked, with the pupils gone from the page.
  await page.clock.fastForward('02:00');
  await expect(unlockHeading(page)).toBeVisible({ timeout: 30_000 });
  await expect(app.navigation).toBeHidden();
  await expect(page.getByRole('grid')).toHaveCount(0);
  expect(pupilDataIn(storedText(await storedRecords(page)))).toEqual([]);

  await unlockWith(page, PASSPHRASE);
  await expect(app.navigation).toBeVisible({ timeout: 30_000 });
  await opened(page);
  await allPupilsRowCount(app);
  // The choice was kept with the workspace.
  await app.goTo('Settings');
  await expect(page.getByLabel('Lock after')).toHaveValue('5');
});

test('a protected workspace’s backup is encrypted, and restoring it needs the passphrase', async ({ app, page }) => {
  await importSchool(app);
  await protect(app);
  await opened(page);

  // The backup is an envelope with no pupil data in clear.
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download a backup' }).click(),
  ]);
  const bytes = readFileSync(await download.path());
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toBeVisible();
  const envelope = JSON.parse(bytes.toString('utf8'));
  expect(envelope.format).toBe('personalisation-planner-encrypted');
  expect(envelope.contents).toBe('backup');
  expect(envelope.iterations).toBeGreaterThanOrEqual(600_000);
  expect(pupilDataIn(bytes.toString('utf8'))).toEqual([]);

  // Restoring it asks for its passphrase; a wrong one changes nothing.
  const before = await storedRecords(page);
  await page.getByLabel('Restore from a backup file').setInputFiles({
    name: download.suggestedFilename(),
    mimeType: 'application/json',
    buffer: bytes,
  });
  const passphrase = page.getByLabel('Passphrase for this backup');
  await expect(passphrase).toBeVisible({ timeout: 15_000 });
  await app.checkAccessibility('backup passphrase');
  await passphrase.fill(WRONG);
  await page.getByRole('button', { name: 'Open this backup' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'not right for this backup' });
  await expect(refused).toBeVisible({ timeout: 30_000 });
  await expect(refused).toContainText('nothing has been changed');
  await expect.poll(() => storedRecords(page)).toEqual(before);
  expect(new URL(page.url()).hash).toBe('#settings');

  // The right one opens it and the planner says what it holds, changing nothing yet;
  // confirming restores it, still protected: the planner reloads to the unlock screen.
  await passphrase.fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Open this backup' }).click();
  const question = page.getByRole('region', { name: 'Restore this backup?' });
  await expect(question).toContainText('This backup holds the same save as the work open now', { timeout: 30_000 });
  await expect.poll(() => storedRecords(page)).toEqual(before);
  await Promise.all([
    page.waitForURL((url) => url.hash === '', { timeout: 30_000 }),
    question.getByRole('button', { name: 'Replace my current work with this backup' }).click(),
  ]);
  await expect(unlockHeading(page)).toBeVisible({ timeout: 30_000 });
  const restored = await storedRecords(page);
  expectEnvelopes(restored);
  expect(pupilDataIn(storedText(restored))).toEqual([]);
  await unlockWith(page, PASSPHRASE);
  await expect(app.navigation).toBeVisible({ timeout: 30_000 });
  await opened(page);
  await allPupilsRowCount(app);
});

test('with the passphrase forgotten, the data can still be deleted to start again', async ({ app, page }) => {
  await importSchool(app);
  await protect(app);
  await page.reload();
  await expect(unlockHeading(page)).toBeVisible({ timeout: 30_000 });

  await page.getByText('Forgotten the passphrase?').click();
  await page.getByRole('button', { name: 'Delete all data on this computer' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete all data on this computer?' });
  await expect(dialog).toBeVisible();
  await app.checkAccessibility('unlock screen, delete confirmation');
  // "No" changes nothing.
  const before = await storedRecords(page);
  await dialog.getByRole('button', { name: 'No, keep my data' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => storedRecords(page)).toEqual(before);

  await Promise.all([
    page.waitForURL((url) => url.hash === '', { timeout: 30_000 }),
    (async () => {
      await page.getByRole('button', { name: 'Delete all data on this computer' }).click();
      await dialog.getByRole('button', { name: 'Yes, delete everything' }).click();
    })(),
  ]);
  await expect(app.navigation).toBeVisible({ timeout: 30_000 });
  await opened(page);
  await expect(unlockHeading(page)).toHaveCount(0);
  const fresh = await storedRecords(page);
  expect(fresh!.drops).toEqual([]);
  expect(storedText(fresh)).not.toContain('personalisation-planner-encrypted');
});
