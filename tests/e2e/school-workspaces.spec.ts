// Make a workspace for each school (issue 16, SPEC §8.5 and §9): a made-up local
// authority's file of 8 schools (and a few rows naming no school) comes from the project's
// own generator (support/la-file.ts) and is imported. Schools' Make a workspace for each
// school asks first, saying how many workspaces it will make and that one is for the rows
// with no school given. With the browser saying the disk is nearly full, nothing is made
// and the message says what to do; once confirmed with room, Settings › Workspaces lists one workspace per
// school, counted from the file. One school's workspace and the "No school given" one are
// opened (each open reloads, so their records were stored) and each shows exactly its own
// pupils: All pupils' row count and every UPN, worked out from the file, and no UPN of
// another school. Its school details are filled in. Going back, the LA workspace still has
// every pupil of the file. With a passphrase set on the LA workspace, every record made is
// sealed with it (no UPN of the file stored in clear) and a school's workspace opens with
// the same passphrase.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/harness';
import type { PlannerApp } from './support/planner-app';
import { bySchool, LaFile, type LaRow } from './support/la-file';
import { storedRecords, storedText } from './support/indexeddb';
import { opened, revision, savedSince } from './support/saving';

const LA = new LaFile('e2e-school-workspaces', 16, 8);
// Its own copy of the same file, so the two tests never write one file at once.
const PROTECTED_LA = new LaFile('e2e-school-workspaces-protected', 16, 8);
const PASSPHRASE = 'correct horse battery staple';

async function importFile(app: PlannerApp, page: Page, path: string, pupils: number): Promise<void> {
  await app.goTo('Import');
  await app.fileInput.setInputFiles(path);
  const confirm = page.getByRole('button', { name: 'Confirm import' });
  await expect(confirm).toBeVisible({ timeout: 60_000 });
  const before = await revision(page);
  await confirm.click();
  await expect(page.getByRole('status').filter({ hasText: `${pupils} pupils imported` })).toBeVisible({
    timeout: 60_000,
  });
  await savedSince(page, before);
}

/** Opens the workspace called `name` from Settings › Workspaces (the planner reloads). */
async function openWorkspace(app: PlannerApp, page: Page, name: string): Promise<void> {
  await app.goTo('Settings');
  const open = page.getByRole('region', { name: 'Workspaces' }).getByRole('button', { name: `Open ${name}`, exact: true });
  await Promise.all([page.waitForEvent('load'), open.click()]);
  await opened(page);
  await app.goTo('Settings');
  await expect(page.getByLabel('Name of this workspace')).toHaveValue(name);
}

/** Every UPN on All pupils, sorted (the grid scrolled top to bottom). */
async function upnsShown(app: PlannerApp, grid: Locator): Promise<string[]> {
  const column = Number(await grid.getByRole('columnheader', { name: 'UPN', exact: true }).getAttribute('aria-colindex'));
  expect(column).toBeGreaterThan(0);
  return (await app.grid('All pupils').allColumnTexts(column)).sort();
}

const sortedUpns = (rows: LaRow[]): string[] => rows.map((row) => row.upn).sort();

test('splitting into workspaces gives each its own pupils', async ({ app, page }) => {
  test.setTimeout(240_000);
  LA.generate();
  const rows = LA.rows();
  const schools = bySchool(rows);
  const named = [...schools.keys()].filter((urn) => urn !== '');
  const notGiven = schools.get('') ?? [];
  expect(named.length).toBe(8);
  expect(notGiven.length).toBeGreaterThan(0);
  expect(rows.every((row) => /^[A-Z]\d{12}$/.test(row.upn))).toBe(true);
  const nameOf = (urn: string) => (schools.get(urn) as LaRow[])[0].school;
  const names = named.map(nameOf);
  expect(new Set(names).size).toBe(names.length);
  const workspaces = named.length + 1;

  // The browser's estimate of the space left can be made to say "nearly full" (as a
  // full disk would) once the file is imported.
  await page.addInitScript(() => {
    const real = navigator.storage.estimate.bind(navigator.storage);
    const scope = globalThis as unknown as { diskFull?: boolean };
    navigator.storage.estimate = async () => (scope.diskFull ? { usage: 1_000, quota: 2_000 } : real());
  });
  await app.open();
  await opened(page);
  await importFile(app, page, LA.path, rows.length);
  await app.goTo('Settings');
  const laName = await page.getByLabel('Name of this workspace').inputValue();

  // Make them: asked first, with the count and the rows naming no school.
  await app.navigation.getByRole('link', { name: 'Schools', exact: true }).click();
  const make = page.getByRole('button', { name: 'Make a workspace for each school', exact: true });
  await make.click();
  const dialog = page.getByRole('alertdialog', { name: `Make ${workspaces} workspaces?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`one for each of the ${named.length} schools in this file`);
  await expect(dialog).toContainText(`“No school given” for the ${notGiven.length} pupils`);
  await app.checkAccessibility('Make a workspace for each school, asked');
  // Cancel changes nothing.
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('list', { name: 'Workspaces made' })).toHaveCount(0);

  // With no room left, nothing is made and the message says what to do.
  await page.evaluate(() => {
    (globalThis as unknown as { diskFull?: boolean }).diskFull = true;
  });
  await make.click();
  await dialog.getByRole('button', { name: 'Make the workspaces', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'No workspaces were made' });
  await expect(alert).toContainText('this workspace is unchanged');
  await expect(alert).toContainText('Free some disk space, or delete old workspaces');
  await expect.poll(async () => (await storedRecords(page))?.workspaces.length).toBe(1);
  await expect(make).toBeEnabled();

  // With room again, they are made.
  await page.evaluate(() => {
    (globalThis as unknown as { diskFull?: boolean }).diskFull = false;
  });
  await make.click();
  await dialog.getByRole('button', { name: 'Make the workspaces', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Made ${workspaces} workspaces, one per school.` })).toBeVisible({
    timeout: 60_000,
  });
  const made = page.getByRole('list', { name: 'Workspaces made' });
  await expect(made.getByRole('listitem')).toHaveCount(workspaces);
  await app.checkAccessibility('Schools, workspaces made');

  // Settings lists one workspace per school, and the one for no school given.
  await app.goTo('Settings');
  const region = page.getByRole('region', { name: 'Workspaces' });
  await expect(region.getByRole('listitem')).toHaveCount(workspaces);
  for (const name of [...names, 'No school given']) {
    await expect(region.getByRole('button', { name: `Open ${name}`, exact: true })).toBeVisible();
  }

  // One school's workspace: exactly its pupils, and its details filled in.
  const [urn, own] = [...schools.entries()]
    .filter(([key]) => key !== '')
    .sort(([, a], [, b]) => a.length - b.length)[0];
  const other = rows.find((row) => row.urn !== urn) as LaRow;
  await openWorkspace(app, page, nameOf(urn));
  await expect(page.getByLabel('School name', { exact: true })).toHaveValue(nameOf(urn));
  await expect(page.getByLabel('URN', { exact: true })).toHaveValue(urn);
  await app.goTo('All pupils');
  const grid = page.getByRole('grid', { name: 'All pupils', exact: true });
  await expect(grid).toHaveAttribute('aria-rowcount', String(own.length + 1));
  expect(await upnsShown(app, grid)).toEqual(sortedUpns(own));
  const search = page.getByLabel('Search by name or UPN');
  await search.fill(other.upn);
  await expect(grid).toHaveAttribute('aria-rowcount', '1');
  await search.fill(own[0].upn);
  await expect(grid).toHaveAttribute('aria-rowcount', '2');

  // The rows naming no school: their own workspace, those pupils only.
  await openWorkspace(app, page, 'No school given');
  await app.goTo('All pupils');
  await expect(grid).toHaveAttribute('aria-rowcount', String(notGiven.length + 1));
  expect(await upnsShown(app, grid)).toEqual(sortedUpns(notGiven));

  // The LA workspace is as it was: every pupil of the file.
  await openWorkspace(app, page, laName);
  await app.goTo('All pupils');
  await expect(grid).toHaveAttribute('aria-rowcount', String(rows.length + 1));
});

test('a protected LA workspace’s schools are stored sealed with its passphrase', async ({ app, page }) => {
  test.setTimeout(240_000);
  PROTECTED_LA.generate();
  const rows = PROTECTED_LA.rows();
  const schools = bySchool(rows);
  const workspaces = schools.size;
  const [urn, own] = [...schools.entries()]
    .filter(([key]) => key !== '')
    .sort(([, a], [, b]) => a.length - b.length)[0];

  await app.open();
  await opened(page);
  await importFile(app, page, PROTECTED_LA.path, rows.length);
  await app.goTo('Settings');
  await page.getByLabel('New passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('New passphrase again', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Protect with this passphrase' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'now protected with this passphrase' })).toBeVisible({
    timeout: 30_000,
  });
  await opened(page);

  await app.navigation.getByRole('link', { name: 'Schools', exact: true }).click();
  await page.getByRole('button', { name: 'Make a workspace for each school', exact: true }).click();
  await page
    .getByRole('alertdialog', { name: `Make ${workspaces} workspaces?` })
    .getByRole('button', { name: 'Make the workspaces', exact: true })
    .click();
  await expect(page.getByRole('status').filter({ hasText: `Made ${workspaces} workspaces, one per school.` })).toBeVisible({
    timeout: 60_000,
  });

  // Every record is an envelope; no pupil's UPN is stored in clear.
  const stored = await storedRecords(page);
  expect(stored!.workspaces).toHaveLength(workspaces + 1);
  expect(stored!.drops).toHaveLength(workspaces + 1);
  for (const store of ['workspaces', 'drops']) {
    for (const [key, value] of stored![store]) {
      expect(JSON.parse(value as string).format, `${store}/${key}`).toBe('personalisation-planner-encrypted');
    }
  }
  const text = storedText(stored);
  expect(rows.filter((row) => text.includes(row.upn))).toEqual([]);

  // A school's workspace opens with the same passphrase, holding its own pupils.
  const made = page.getByRole('list', { name: 'Workspaces made' });
  const name = own[0].school;
  await Promise.all([
    page.waitForEvent('load'),
    made.getByRole('button', { name: `Open ${name}`, exact: true }).click(),
  ]);
  await expect(page.getByRole('heading', { name: 'Unlock the planner' })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await opened(page);
  await app.goTo('Settings');
  await expect(page.getByLabel('Name of this workspace')).toHaveValue(name);
  await expect(page.getByLabel('URN', { exact: true })).toHaveValue(urn);
  await app.goTo('All pupils');
  await expect(page.getByRole('grid', { name: 'All pupils', exact: true })).toHaveAttribute(
    'aria-rowcount',
    String(own.length + 1),
  );
});
