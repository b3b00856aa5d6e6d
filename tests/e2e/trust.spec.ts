// Not losing work by surprise, and figures that say what they mean (issue 10): the made-up
// school never replaces real pupils; Remove on a provision asks first; the header names
// the open workspace and says whether the browser has agreed to keep the data; Costs says
// "No budget entered" rather than "over budget" when there is no budget.
import { test, expect } from './support/harness';
import { Importer } from './support/importer';
import type { PlannerApp } from './support/planner-app';

/** Imports primary_210.csv and gives everyone on its shortlist FLS, on the Provision page. */
async function withFlsForTheShortlist(app: PlannerApp): Promise<void> {
  const page = app.page;
  await app.open();
  await new Importer(app).importFile('primary_210.csv', 210);
  await app.goTo('Provision');
  await page.getByLabel('Intervention', { exact: true }).selectOption({ label: 'FLS' });
  await page.getByLabel('Everyone on the shortlist').check();
  await page.getByRole('button', { name: 'Add provision', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added FLS for' })).toBeVisible();
}

test('the made-up school opens in its own workspace and the real pupils are kept', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await new Importer(app).importFile('primary_210.csv', 210);
  const banner = page.getByRole('banner');
  await expect(banner.getByText('Workspace: My school')).toBeVisible();
  await expect(banner.getByText(/✓ Saved on this computer|Saved in this browser — not yet protected/)).toBeVisible();

  await app.goTo('Import');
  await expect(page.getByText('Your own pupils are kept: the made-up school opens in a workspace of its own.')).toBeVisible();
  await page.getByRole('button', { name: 'Try it with a made-up school' }).click();
  // The page reloads into the new workspace.
  await expect(banner.getByText(/Workspace: Made-up school/)).toBeVisible({ timeout: 30_000 });
  await expect(banner.getByText('these pupils are not real.', { exact: false })).toBeVisible();

  // The real workspace is still there, with its 210 pupils.
  await app.goTo('Settings');
  const workspaces = page.getByRole('region', { name: 'Workspaces' });
  await expect(workspaces.getByText('My school')).toBeVisible();
  await workspaces.getByRole('button', { name: /Open My school/ }).click();
  await expect(banner.getByText('Workspace: My school')).toBeVisible({ timeout: 30_000 });
  await expect(banner.getByText('these pupils are not real.', { exact: false })).toBeHidden();
  await app.goTo('All pupils');
  await app.grid('All pupils').expectRowCount(210);
});

test('Remove on a provision asks first, and Keep it keeps it', async ({ app, page }) => {
  test.setTimeout(120_000);
  await withFlsForTheShortlist(app);
  const recorded = page.getByRole('table', { name: 'Provision recorded' });
  const row = recorded.getByRole('row').filter({ hasText: 'FLS' });
  await expect(row).toHaveCount(1);

  await row.getByRole('button', { name: 'Remove FLS' }).click();
  // Nothing is removed yet: the row asks, and its "Yes" button has the focus.
  const question = row.getByRole('group', { name: /^Remove FLS for \d+ pupils?\? This takes it off every pupil in it\.$/ });
  await expect(question).toBeVisible();
  await expect(question.getByRole('button', { name: 'Yes, remove it' })).toBeFocused();
  await expect(recorded.getByRole('row')).toHaveCount(2);
  await app.checkAccessibility('Provision, asking before removing');

  await question.getByRole('button', { name: 'Keep it' }).click();
  await expect(row.getByRole('button', { name: 'Remove FLS' })).toBeVisible();
  await expect(recorded.getByRole('row')).toHaveCount(2);

  await row.getByRole('button', { name: 'Remove FLS' }).click();
  await row.getByRole('button', { name: 'Yes, remove it' }).click();
  await expect(page.getByText('No provision recorded yet.')).toBeVisible();
});

test('Costs says "No budget entered" when no budget is set', async ({ app, page }) => {
  test.setTimeout(120_000);
  await withFlsForTheShortlist(app);
  await app.goTo('Costs');
  const remaining = page.getByText('Budget remaining', { exact: true }).locator('xpath=following-sibling::dd[1]');
  await expect(remaining).toHaveText('No budget entered');
  await expect(page.getByText(/Over budget/)).toHaveCount(0);
});
