// Full-page screenshots of the planner after importing secondary_1200.xlsx, for a person
// to look at: the Import summary, the Shortlist, the Cohorts page and the first shortlisted
// pupil's profile; then, after adding provision, the whole-school provision map, the Costs
// page and an individual provision map (on screen and in print preview). Saved to
// target/screens/*.png at 1366×900; the *-1366x768.png shots are the first screen a school
// laptop shows (1366×768, no scrolling): Shortlist, All pupils (closed and with the filter
// panel open), a marker's explanation on keyboard focus, and Costs. Uses the e2e harness, so
// a console error, a request to another origin or a serious axe violation still fails it.
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, expect } from '../e2e/support/harness';
import { Importer } from '../e2e/support/importer';
import { COLUMN } from '../e2e/support/planner-grid';

const OUT = path.resolve(__dirname, '../../target/screens');
const LAPTOP = { width: 1366, height: 768 };
const DESK = { width: 1366, height: 900 };

/** What a 1366×768 laptop shows without scrolling, as <name>-1366x768.png. */
async function laptopShot(page: import('@playwright/test').Page, name: string): Promise<void> {
  await page.setViewportSize(LAPTOP);
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.screenshot({ path: path.join(OUT, `${name}-1366x768.png`) });
  await page.setViewportSize(DESK);
}

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

  await app.goTo('All pupils');
  const all = app.grid('All pupils');
  await expect(all.grid).toHaveAttribute('aria-rowcount', '1201');
  await laptopShot(page, 'all-pupils');
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await page.getByLabel('Year group').selectOption({ label: 'Year 9' });
  await page.getByLabel('Attendance at or below (%)').fill('90');
  await expect(page.getByRole('button', { name: 'Remove filter: Year 9' })).toBeVisible();
  await laptopShot(page, 'all-pupils-filters');
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await laptopShot(page, 'all-pupils-chips');
  // A marker's explanation, shown on keyboard focus: the first row's Overall cell.
  await all.cell(all.bodyRows.first(), COLUMN.upn).click();
  for (let col = COLUMN.upn; col < COLUMN.overall; col += 1) await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tooltip')).toBeVisible();
  await laptopShot(page, 'all-pupils-tooltip');

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

  // Privacy display mode, as projected in a staff meeting: the Shortlist and a profile.
  await app.goTo('Shortlist');
  const privacy = page.getByRole('button', { name: 'Privacy display mode' });
  await privacy.click();
  await expect(privacy).toHaveAttribute('aria-pressed', 'true');
  await laptopShot(page, 'shortlist-privacy');
  await shortlist.cell(shortlist.bodyRows.first(), COLUMN.name).getByRole('link').click();
  await expect(app.heading).not.toHaveText(name);
  await laptopShot(page, 'pupil-profile-privacy');
  await shot('pupil-profile-privacy');
});

test('screenshots of provision mapping for secondary_1200.xlsx', async ({ app, page }) => {
  const shot = async (name: string): Promise<void> => {
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
  };

  await app.open();
  await new Importer(app).importFile('secondary_1200.xlsx', 1200);

  // Circle of Friends for everyone on the shortlist, and a daily report for its first pupil.
  await app.goTo('Provision');
  const add = async (intervention: string, who: 'Everyone on the shortlist' | 'One pupil', pupil?: string) => {
    await page.getByLabel('Intervention', { exact: true }).selectOption({ label: intervention });
    await page.getByLabel(who).check();
    if (pupil) await page.getByLabel("Pupil's UPN or name").fill(pupil);
    await page.getByRole('button', { name: 'Add provision', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: `Added ${intervention} for` })).toBeVisible();
  };
  await add('Circle of Friends', 'Everyone on the shortlist');
  await add('Lexia reading programme', 'Everyone on the shortlist');
  await app.goTo('Shortlist');
  const shortlist = app.grid('Shortlist');
  const firstUpn = (await shortlist.columnTexts(COLUMN.upn))[0];
  await app.goTo('Provision');
  await add('Daily report', 'One pupil', firstUpn);
  await expect(page.getByRole('table', { name: 'Whole-school provision map' })).toBeVisible();
  await shot('provision-map');

  await app.goTo('Costs');
  await expect(page.getByRole('table', { name: 'Cost by intervention' })).toBeVisible();
  await shot('costs');
  await laptopShot(page, 'costs');

  // The shortlist with interventions in their column, as a laptop shows it.
  await app.goTo('Shortlist');
  await expect(shortlist.cell(shortlist.bodyRows.first(), COLUMN.interventions)).toContainText('Daily report');
  await laptopShot(page, 'shortlist');

  await app.goTo('Shortlist');
  await shortlist.cell(shortlist.bodyRows.first(), COLUMN.name).getByRole('link').click();
  const individual = page.getByRole('region', { name: 'Individual provision map' });
  await expect(individual).toContainText('Daily report');
  await shot('individual-map');
  await page.emulateMedia({ media: 'print' });
  await expect(app.navigation).toBeHidden();
  await shot('individual-map-print');
  await page.emulateMedia({ media: 'screen' });

  // Chromium's print to PDF (what "Save as PDF" in the print dialog makes), each page
  // turned into a PNG with pdftoppm, to look at: the individual map on A4 portrait and
  // the whole-school map on A4 landscape.
  await pdfPages(page, 'individual-map', false);
  await app.goTo('Provision');
  await expect(page.getByRole('table', { name: 'Whole-school provision map' })).toBeVisible();
  await pdfPages(page, 'provision-map', true);
});

/** Prints the page to target/screens/<name>.pdf and, where pdftoppm is installed
 *  (Debian's poppler-utils), renders every page to <name>-page-N.png. */
async function pdfPages(page: import('@playwright/test').Page, name: string, landscape: boolean): Promise<void> {
  const pdf = path.join(OUT, `${name}.pdf`);
  // As the print dialog does: the print style sheet applies (the screenshots above
  // switched the emulated media back to screen).
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', landscape, printBackground: true, preferCSSPageSize: true });
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(OUT, `${name}-page`)]);
  } catch {
    console.log(`pdftoppm is not installed: look at ${pdf} instead (apt-get install poppler-utils)`);
  }
  await page.emulateMedia({ media: 'screen' });
}
