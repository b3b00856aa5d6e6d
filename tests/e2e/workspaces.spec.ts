// Several workspaces in one browser (SPEC §9, issue 5): rename the open one, create a
// new one, switch between them with each keeping its own pupils, and delete one.
import { test, expect } from './support/harness';
import { Importer } from './support/importer';
import type { Page } from '@playwright/test';
import { opened, revision, savedSince } from './support/saving';



/** The names of every workspace record in IndexedDB, read with the raw API. */
async function storedNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open('personalisation-planner');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const all: unknown[] = await new Promise((resolve, reject) => {
        const request = db.transaction('workspaces', 'readonly').objectStore('workspaces').getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      return all.map((text) => JSON.parse(text as string).name as string).sort();
    } finally {
      db.close();
    }
  });
}

test('create, rename, switch and delete workspaces, each keeping its own pupils', async ({ app, page }) => {
  await app.open();
  await opened(page);
  let before = await revision(page);
  await new Importer(app).importFile('primary_210.csv', 210);
  await savedSince(page, before);

  // Rename the open workspace.
  await app.goTo('Settings');
  const workspaces = page.getByRole('region', { name: 'Workspaces' });
  await workspaces.getByLabel('Name of this workspace').fill('  Oak   Primary ');
  before = await revision(page);
  await workspaces.getByRole('button', { name: 'Rename' }).click();
  await expect(workspaces.getByRole('status')).toContainText('This workspace is now called “Oak Primary”');
  await savedSince(page, before);
  await expect.poll(() => storedNames(page)).toEqual(['Oak Primary']);
  await expect(workspaces.getByText('There are no other workspaces.')).toBeVisible();

  // A blank or duplicate name is refused and changes nothing.
  await workspaces.getByLabel('Name of a new workspace').fill('oak primary');
  await workspaces.getByRole('button', { name: 'Create and open' }).click();
  await expect(workspaces.getByRole('alert')).toContainText('There is already a workspace called “oak primary”');
  await expect.poll(() => storedNames(page)).toEqual(['Oak Primary']);

  // Create a second workspace: the planner reloads into it, empty.
  await workspaces.getByLabel('Name of a new workspace').fill('Elm Secondary');
  await Promise.all([
    page.waitForEvent('load'),
    workspaces.getByRole('button', { name: 'Create and open' }).click(),
  ]);
  await opened(page);
  await app.goTo('All pupils');
  await expect(page.getByRole('link', { name: 'Import a pupil spreadsheet' })).toBeVisible();
  await expect.poll(() => storedNames(page)).toEqual(['Elm Secondary', 'Oak Primary']);
  await app.goTo('Import');
  before = await revision(page);
  await new Importer(app).importFile('secondary_1200.csv', 1200);
  await savedSince(page, before);
  await app.checkAccessibility('settings with two workspaces');

  // Switch back: Oak's 210 pupils, not Elm's 1,200.
  await app.goTo('Settings');
  await expect(page.getByLabel('Name of this workspace')).toHaveValue('Elm Secondary');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Open Oak Primary' }).click()]);
  await opened(page);
  await app.goTo('All pupils');
  await expect(app.grid('All pupils').grid).toHaveAttribute('aria-rowcount', '211');
  await app.goTo('Settings');
  await expect(page.getByLabel('Name of this workspace')).toHaveValue('Oak Primary');

  // Delete Elm, through the confirmation: "No" keeps it, "Yes" removes it and its pupils.
  await page.getByRole('button', { name: 'Delete Elm Secondary' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Delete the workspace “Elm Secondary”?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'No, keep it' }).click();
  await expect.poll(() => storedNames(page)).toEqual(['Elm Secondary', 'Oak Primary']);
  await page.getByRole('button', { name: 'Delete Elm Secondary' }).click();
  await dialog.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(page.getByRole('region', { name: 'Workspaces' }).getByRole('status')).toContainText(
    'Deleted the workspace “Elm Secondary”',
  );
  await expect(page.getByText('There are no other workspaces.')).toBeVisible();
  await expect.poll(() => storedNames(page)).toEqual(['Oak Primary']);
  const drops = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve) => {
      const request = indexedDB.open('personalisation-planner');
      request.onsuccess = () => resolve(request.result);
    });
    const count: number = await new Promise((resolve) => {
      const request = db.transaction('drops', 'readonly').objectStore('drops').count();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return count;
  });
  expect(drops).toBe(1); // only Oak's pupils are left

  // Oak's pupils are untouched.
  await app.goTo('All pupils');
  await expect(app.grid('All pupils').grid).toHaveAttribute('aria-rowcount', '211');
});
