// Full-page screenshots of the planner after importing secondary_1200.xlsx, for a person
// to look at: the Import summary, the Shortlist, the Cohorts page and the first shortlisted
// pupil's profile, saved to target/screens/*.png at 1366×900. Uses the e2e harness, so a
// console error, a request to another origin or a serious axe violation still fails it.
import path from 'node:path';
import { test, expect } from '../e2e/support/harness';
import { Importer } from '../e2e/support/importer';
import { COLUMN } from '../e2e/support/planner-grid';

const OUT = path.resolve(__dirname, '../../target/screens');

test('screenshots of secondary_1200.xlsx', async ({ app, page }) => {
  const shot = async (name: string): Promise<void> => {
    // Let fonts and the virtualised grid settle.
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
  };

  await app.open();
  await new Importer(app).importFile('secondary_1200.xlsx', 1200);
  await expect(page.getByRole('heading', { name: 'Import summary for secondary_1200.xlsx' })).toBeVisible();
  await shot('import-summary');

  await app.goTo('Shortlist');
  const shortlist = app.grid('Shortlist');
  await expect(shortlist.grid).toHaveAttribute('aria-rowcount', '25');
  await shot('shortlist');

  await app.goTo('Cohorts');
  await expect(page.getByRole('heading', { name: 'Group comparisons' })).toBeVisible();
  await shot('cohorts');

  // The first shortlisted pupil's profile, through the name link in the first row.
  await app.goTo('Shortlist');
  const first = shortlist.cell(shortlist.bodyRows.first(), COLUMN.name);
  const name = (await first.innerText()).trim();
  await first.getByRole('link').click();
  await expect(app.heading).toHaveText(name);
  await app.checkAccessibility('pupil profile');
  await shot('pupil-profile');
});
