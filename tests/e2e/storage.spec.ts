// The school's work is kept in this browser's IndexedDB (SPEC §9): a reload loses
// nothing shown as saved, and two tabs never silently overwrite each other.
import { test, expect } from './support/harness';
import { Importer } from './support/importer';
import { opened, revision, savedSince } from './support/saving';

test('import, notes, focus and profile survive a reload', async ({ app, page }) => {
  await app.open();
  await opened(page);
  let before = await revision(page);
  await new Importer(app).importFile('primary_210.csv', 210);
  await savedSince(page, before);

  // A note and a focus flag on the first pupil, and a profile change.
  await page.goto('./#pupil/0');
  await page.getByLabel('Focus: flag this pupil for attention').check();
  await page.getByLabel('Notes about this pupil').fill('Check in with parents after half term.');
  await page.getByLabel('Notes about this pupil').press('Tab');
  await app.goTo('Settings');
  before = await revision(page);
  await page.getByLabel('Shortlist (% of pupils)').fill('5');
  await page.getByLabel('Shortlist (% of pupils)').press('Tab');
  await savedSince(page, before);

  await page.reload();
  await opened(page);
  await app.goTo('All pupils');
  await expect(app.grid('All pupils').grid).toHaveAttribute('aria-rowcount', '211');
  await app.goTo('Shortlist');
  await expect(app.grid('Shortlist').grid).toHaveAttribute('aria-rowcount', String(Math.ceil(210 * 0.05) + 1));
  await page.goto('./#pupil/0');
  await expect(page.getByLabel('Focus: flag this pupil for attention')).toBeChecked();
  await expect(page.getByLabel('Notes about this pupil')).toHaveValue('Check in with parents after half term.');
});

test('an edit followed straight away by a reload is not lost', async ({ app, page }) => {
  await app.open();
  await opened(page);
  const before = await revision(page);
  await page.getByRole('button', { name: 'Try it with a made-up school' }).click();
  await savedSince(page, before);
  await page.goto('./#pupil/3');
  await page.getByLabel('Notes about this pupil').fill('Moved seats.');
  await page.getByLabel('Notes about this pupil').press('Tab');
  // Straight away: no waiting for "Saved".
  await page.reload();
  await expect(page.getByLabel('Notes about this pupil')).toHaveValue('Moved seats.', { timeout: 15_000 });
  await expect(page.getByText('these pupils are not real')).toBeVisible();
});

test('a second tab is told when the first saves, and does not overwrite it', async ({ app, page, context }) => {
  await app.open();
  await opened(page);
  const second = await context.newPage();
  await second.goto(page.url());
  await opened(second);

  // The first tab imports; the second is told, and offered a reload.
  const before = await revision(page);
  await new Importer(app).importFile('primary_210.csv', 210);
  await savedSince(page, before);
  const warning = second.getByRole('alert').filter({ hasText: 'changed in another tab' });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('button', { name: 'Reload this tab' })).toBeVisible();

  // An edit in the stale tab is not saved over the first tab's work.
  await second.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await second.getByLabel('Shortlist (% of pupils)').fill('10');
  await second.getByLabel('Shortlist (% of pupils)').press('Tab');
  await expect(second.getByText(/Not saved: this workspace was changed in another tab/)).toBeVisible();

  // Reloading the second tab shows the first tab's pupils, with the 2% shortlist intact.
  await warning.getByRole('button', { name: 'Reload this tab' }).click();
  await opened(second);
  await second.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shortlist' }).click();
  await expect(second.getByRole('grid', { name: 'Shortlist' })).toHaveAttribute('aria-rowcount', String(Math.ceil(210 * 0.02) + 1));
  await second.close();
});
