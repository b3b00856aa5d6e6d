// Provision mapping (issue #6, SPEC §7 and §11), driven as a SENCO would after importing
// secondary_1200.xlsx: add an intervention to the bank; save a cohort on All pupils
// (Year 9, attendance at or below 80%); give the cohort two interventions and one
// shortlisted pupil a third; then check that the Shortlist shows each next to the marker
// it addresses, that the Costs page's totals are the ones worked out here from the inputs
// (sessions × minutes ÷ 60 × weeks × hourly cost, shared among the group, rounded half up
// to the penny once), that the whole-school map puts the pupils' names under their year
// group, and that the individual provision map prints without the app's navigation.
import { readFileSync } from 'node:fs';
import { test, expect } from './support/harness';
import { Importer, fixture } from './support/importer';
import { COLUMN } from './support/planner-grid';

type Expected = { pupils: number; shortlist: string[] };
const expected: Expected = JSON.parse(readFileSync(fixture('expected/secondary_1200.json'), 'utf8'));

/** secondary_1200.csv read by hand: heading → cell text (the file has no quoted cells). */
const csvRows: Array<Record<string, string>> = (() => {
  const text = readFileSync(fixture('secondary_1200.csv'), 'utf8').replace(/^\uFEFF/, '');
  if (text.includes('"')) throw new Error('secondary_1200.csv now has quoted cells: use a CSV parser');
  const [head, ...lines] = text.split(/\r?\n/).filter((line) => line.length > 0);
  const headings = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [headings[i], cell])));
})();

const nameOf = (row: Record<string, string>): string =>
  `${row['Preferred Forename'] || row['Legal Forename']} ${row['Legal Surname']}`.trim();

/** £1,234.56 from whole pence. */
const money = (pence: number): string =>
  `£${Math.floor(pence / 100).toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}`;

/** numerator ÷ denominator rounded half up (both positive integers). */
const halfUp = (numerator: number, denominator: number): number =>
  Math.floor((2 * numerator + denominator) / (2 * denominator));

/** Annual cost in pence: sessions × minutes × weeks × hourly pence ÷ 60, rounded once. */
const annual = (p: { sessions: number; minutes: number; weeks: number; hourlyPence: number }): number =>
  halfUp(p.sessions * p.minutes * p.weeks * p.hourlyPence, 60);

// The inputs this test chooses. Hourly costs are the planner's defaults (SPEC §7).
// A provision runs ceil(pupils ÷ group size) groups, each costing the staff's time.
const READING = { name: 'Reading buddies', group: 4, sessions: 2, minutes: 30, weeks: 10, staff: 'TA (£18.00 an hour)', hourlyPence: 1800 };
const CIRCLE = { name: 'Circle of Friends', group: 8, sessions: 1, minutes: 60, weeks: 12, staff: 'Learning mentor (£20.00 an hour)', hourlyPence: 2000 };
const DAILY = { name: 'Daily report', group: 1, sessions: 5, minutes: 10, weeks: 6, staff: 'Teacher (£45.00 an hour)', hourlyPence: 4500 };

const COHORT = 'Year 9, attendance ≤ 80%';
const cohortRows = csvRows.filter((row) => row['Year Group'] === 'Year 9' && Number(row['Attendance %']) <= 80);
const single = csvRows.find((row) => row.UPN === expected.shortlist[0])!;

test('provision: bank, cohort and pupil provision, shortlist markers, costs, maps and printing', async ({ app, page }) => {
  test.setTimeout(180_000);
  // The fixture's own promises, so a changed fixture cannot silently weaken the test.
  expect(cohortRows.length).toBeGreaterThan(3);
  expect(single).toBeDefined();
  expect(cohortRows.map((row) => row.UPN)).not.toContain(single.UPN);
  const shortlistedInCohort = cohortRows.filter((row) => expected.shortlist.includes(row.UPN));
  expect(shortlistedInCohort.length).toBeGreaterThan(0);

  await app.open();
  await new Importer(app).importFile('secondary_1200.xlsx', expected.pupils);

  // Save the cohort on All pupils.
  await app.goTo('All pupils');
  const all = app.grid('All pupils');
  // The filters sit behind the Filters button in the bar above the grid.
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await page.getByRole('group', { name: 'Year group', exact: true }).getByRole('checkbox', { name: 'Year 9', exact: true }).check();
  await page.getByLabel('Attendance at or below (%)').fill('80');
  await all.expectRowCount(cohortRows.length);
  await page.getByLabel('Cohort name').fill(COHORT);
  await page.getByRole('button', { name: 'Save as cohort' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the cohort' })).toBeVisible();

  // Add an intervention to the bank.
  await app.goTo('Provision');
  await expect(page.getByRole('heading', { name: 'Whole-school provision map' })).toBeVisible();
  await page.getByLabel('Intervention name').fill(READING.name);
  await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Curriculum' });
  await page.getByRole('button', { name: 'Add to the bank' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added “${READING.name}” to Curriculum.` })).toBeVisible();
  await expect(page.getByRole('button', { name: `Rename ${READING.name}`, exact: true })).toBeVisible();

  const addProvision = async (
    item: typeof READING,
    who: { cohort: string } | { pupil: string },
    announced: string,
  ): Promise<void> => {
    await page.getByLabel('Intervention', { exact: true }).selectOption({ label: item.name });
    if ('cohort' in who) {
      await page.getByLabel('A saved cohort').check();
      await page.getByLabel('Cohort', { exact: true }).selectOption({ label: who.cohort });
    } else {
      await page.getByLabel('One pupil').check();
      await page.getByLabel("Pupil's UPN or name").fill(who.pupil);
    }
    await page.getByLabel('Staff', { exact: true }).selectOption({ label: item.staff });
    await page.getByLabel('Pupils in a group').fill(String(item.group));
    await page.getByLabel('Sessions a week').fill(String(item.sessions));
    await page.getByLabel('Minutes a session').fill(String(item.minutes));
    await page.getByLabel('Weeks', { exact: true }).fill(String(item.weeks));
    await page.getByRole('button', { name: 'Add provision', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: announced })).toBeVisible();
  };
  await addProvision(READING, { cohort: COHORT }, `Added ${READING.name} for ${cohortRows.length} pupils, addressing attainment.`);
  await addProvision(CIRCLE, { cohort: COHORT }, `Added ${CIRCLE.name} for ${cohortRows.length} pupils, addressing exclusions.`);
  await addProvision(DAILY, { pupil: single.UPN }, `Added ${DAILY.name} for ${nameOf(single)}, addressing attendance.`);
  const recorded = page.getByRole('table', { name: 'Provision recorded' });
  await expect(recorded.getByRole('row')).toHaveCount(4);
  // Each provision shows the groups it runs: ceil(pupils ÷ group size).
  const groupsHeader = (await recorded.getByRole('columnheader').allInnerTexts()).map((t) => t.trim()).indexOf('Groups');
  expect(groupsHeader).toBeGreaterThan(0);
  await expect(
    recorded.getByRole('row').filter({ hasText: READING.name }).getByRole('cell').nth(groupsHeader),
  ).toHaveText(String(Math.ceil(cohortRows.length / READING.group)));
  await app.checkAccessibility('Provision, with provision added');

  // The whole-school map: each pupil's name under their year group, in the right row.
  const map = page.getByRole('table', { name: 'Whole-school provision map' });
  const headers = (await map.getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
  const years = [...new Set(csvRows.map((row) => row['Year Group']))];
  for (const year of years) expect(headers).toContain(year);
  const cellOf = async (rowLabel: string, year: string) => {
    const column = headers.indexOf(year);
    expect(column).toBeGreaterThan(0);
    return map.getByRole('row').filter({ has: page.getByRole('rowheader', { name: rowLabel }) }).locator('th, td').nth(column);
  };
  const semhYear9 = await cellOf('Wave 3 SEMH', 'Year 9');
  for (const row of cohortRows) await expect(semhYear9).toContainText(nameOf(row));
  await expect(semhYear9).toContainText(CIRCLE.name);
  const otherYear9 = await cellOf('Wave 2 other', 'Year 9');
  await expect(otherYear9).toContainText(READING.name);
  await expect(otherYear9).toContainText(nameOf(cohortRows[0]));
  const singleCell = await cellOf('Wave 2 other', single['Year Group']);
  await expect(singleCell).toContainText(DAILY.name);
  await expect(singleCell).toContainText(nameOf(single));

  // The Shortlist shows each provision next to the marker it addresses.
  await app.goTo('Shortlist');
  const shortlist = app.grid('Shortlist');
  const interventionsOf = (upn: string) => shortlist.cell(shortlist.bodyRows.filter({ hasText: upn }), COLUMN.interventions);
  await expect(interventionsOf(single.UPN)).toHaveText(`Attendance: ${DAILY.name}`);
  for (const row of shortlistedInCohort) {
    await expect(interventionsOf(row.UPN)).toHaveText(`Exclusions: ${CIRCLE.name}; Attainment: ${READING.name}`);
  }

  // Costs: worked out here from the inputs chosen above. One group's annual cost, times
  // the groups the cohort needs; a pupil's share is the cost ÷ pupils, the first pupil's
  // rounded half up (the pennies over are spread so the shares add up exactly).
  const n = cohortRows.length;
  expect([annual(READING), annual(CIRCLE), annual(DAILY)]).toEqual([18_000, 24_000, 22_500]);
  const groups = (size: number): number => Math.ceil(n / size);
  const reading = annual(READING) * groups(READING.group);
  const circle = annual(CIRCLE) * groups(CIRCLE.group);
  const daily = annual(DAILY);
  const perCohortPupil = halfUp(reading, n) + halfUp(circle, n);
  await app.goTo('Costs');
  const byIntervention = page.getByRole('table', { name: 'Cost by intervention' });
  await expect(byIntervention.getByRole('row', { name: READING.name })).toContainText(money(reading));
  await expect(byIntervention.getByRole('row', { name: CIRCLE.name })).toContainText(money(circle));
  await expect(byIntervention.getByRole('row', { name: DAILY.name })).toContainText(money(daily));
  await expect(byIntervention.getByRole('row', { name: 'Total' })).toContainText(money(reading + circle + daily));
  await expect(page.getByText('Total cost of provision').locator('xpath=following-sibling::dd[1]')).toHaveText(
    money(reading + circle + daily),
  );
  const byWave = page.getByRole('table', { name: 'Cost by wave' });
  await expect(byWave.getByRole('row', { name: 'Wave 2' })).toContainText(money(reading + daily));
  await expect(byWave.getByRole('row', { name: 'Wave 3' })).toContainText(money(circle));
  const byYear = page.getByRole('table', { name: 'Cost by year group' });
  await expect(byYear.getByRole('row', { name: 'Year 9' })).toContainText(money(reading + circle));
  await expect(byYear.getByRole('row', { name: single['Year Group'] })).toContainText(money(daily));
  const byPupil = page.getByRole('table', { name: 'Cost by pupil' });
  await expect(byPupil.getByRole('row').filter({ hasText: single.UPN })).toContainText(money(daily));
  await expect(byPupil.getByRole('row').filter({ hasText: cohortRows[0].UPN })).toContainText(money(perCohortPupil));
  await expect(page.getByText('No pupil\'s provision costs more than £6,000.00.')).toBeVisible();

  // Changing the TA's hourly cost changes the totals at once.
  await page.getByLabel('Hourly cost for TA (£)').fill('20');
  await page.getByLabel('Hourly cost for TA (£)').press('Tab');
  const readingAt20 = annual({ ...READING, hourlyPence: 2000 }) * groups(READING.group);
  await expect(byIntervention.getByRole('row', { name: READING.name })).toContainText(money(readingAt20));
  await app.checkAccessibility('Costs, with totals');

  // The individual provision map, then print preview.
  await app.goTo('Shortlist');
  await shortlist.cell(shortlist.bodyRows.filter({ hasText: single.UPN }), COLUMN.name).getByRole('link').click();
  await expect(app.heading).toHaveText(nameOf(single));
  const individual = page.getByRole('region', { name: 'Individual provision map' });
  await expect(individual).toContainText(DAILY.name);
  await expect(individual).toContainText(money(daily));
  await page.getByLabel("Pupil's views").fill('I like the daily check-in.');
  await page.getByLabel("Pupil's views").press('Tab');
  await expect(individual).toContainText('I like the daily check-in.');
  await app.checkAccessibility('pupil profile with individual provision map');

  // One click prints once (it used to open the print dialog twice).
  await page.evaluate(() => {
    (window as unknown as { printCalls: number }).printCalls = 0;
    window.print = () => {
      (window as unknown as { printCalls: number }).printCalls += 1;
    };
  });
  await page.getByRole('button', { name: 'Print individual provision map' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(app.navigation).toBeHidden();
  await expect(app.heading).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print individual provision map' })).toBeHidden();
  await expect(individual).toBeVisible();
  await expect(individual.getByRole('heading', { name: 'Individual provision map' })).toBeVisible();
  await expect(individual.getByRole('table', { name: 'Targeted provision' })).toContainText(DAILY.name);
  await page.emulateMedia({ media: 'screen' });
  await expect(app.navigation).toBeVisible();
});

// The need audit (Ealing step 1) and gap analysis (step 5): a must need recorded on a
// pupil's profile in an area with no provision is counted under the pupil's year group next
// year and listed as unmet need on the Provision page.
test('provision: a need audited on a profile shows in the audit table and as unmet need', async ({ app, page }) => {
  test.setTimeout(120_000);
  const primary = (() => {
    const text = readFileSync(fixture('primary_210.csv'), 'utf8').replace(/^\uFEFF/, '');
    const [head, first] = text.split(/\r?\n/);
    if (first.includes('"')) throw new Error('primary_210.csv now has quoted cells: use a CSV parser');
    const headings = head.split(',');
    return Object.fromEntries(first.split(',').map((cell, i) => [headings[i], cell])) as Record<string, string>;
  })();

  await app.open();
  await app.goTo('Import');
  await new Importer(app).importFile('primary_210.csv', 210);

  // The first pupil in the file, on their profile.
  await page.goto(`./#pupil/${primary.UPN}`);
  await expect(app.heading).toHaveText(nameOf(primary));
  const audit = page.getByRole('region', { name: 'Need audit for next year' });
  await audit.getByLabel('Area of need').selectOption({ label: 'Literacy' });
  await audit.getByLabel('Priority', { exact: true }).selectOption({ label: 'Must' });
  await audit.getByRole('button', { name: 'Add need' }).click();
  await expect(audit.getByRole('status')).toHaveText('Recorded a must need in Literacy for next year.');
  await expect(audit.getByRole('listitem')).toHaveText(/Literacy: Must/);
  await app.checkAccessibility('pupil profile with an audited need');

  await app.goTo('Provision');
  // The audit is for next year, so the table has next year's year groups: the pupil
  // has moved up one (Reception → Year 1, Year n → Year n + 1).
  const nextYear = primary['Year Group'] === 'Reception' ? 'Year 1' : `Year ${Number(primary['Year Group'].replace('Year ', '')) + 1}`;
  const table = page.getByRole('table', { name: 'Need audit by year group' });
  await expect(table).toBeVisible();
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
  const column = headers.indexOf(nextYear);
  expect(column).toBeGreaterThan(0);
  const cell = (priority: string) =>
    table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: priority, exact: true }) }).locator('th, td').nth(column);
  await expect(cell('Must')).toHaveText('1');
  await expect(cell('Should')).toHaveText('0');
  const unmet = page.getByRole('list', { name: 'Unmet need' });
  await expect(unmet.getByRole('listitem')).toHaveCount(1);
  await expect(unmet).toContainText(`${nameOf(primary)} (${nextYear}) — Literacy: Must`);
});

test('provision: the Add provision form lists each problem and links to its field', async ({ app, page }) => {
  await app.open();
  await new Importer(app).importFile('primary_210.csv', 210);
  await app.goTo('Provision');
  const form = page.locator('form.provision-form');
  await form.getByLabel("Pupil's UPN or name").fill('Nobody Here At All');
  await form.getByLabel('Pupils in a group').fill('0');
  await form.getByLabel('Start date').fill('2025-09-01');
  await form.getByLabel('End date').fill('2025-08-31');
  await form.getByRole('button', { name: 'Add provision' }).click();

  const summary = form.getByRole('alert');
  await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(summary.getByRole('link')).toHaveText([
    'No pupil has the UPN or name “Nobody Here At All”.',
    'Enter the pupils in a group as 1 or more.',
    'The end date must be the same as or after the start date.',
  ]);
  await summary.getByRole('link', { name: 'Enter the pupils in a group as 1 or more.' }).click();
  await expect(form.getByLabel('Pupils in a group')).toBeFocused();
  await expect(page).toHaveURL(/#provision$/);

  // Put right, the provision is added and the summary goes.
  await form.getByLabel('Pupils in a group').fill('2');
  await form.getByLabel('End date').fill('2026-07-20');
  await form.getByLabel('Everyone on the shortlist').check();
  await form.getByRole('button', { name: 'Add provision' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Added .+ for \d+ pupils, addressing / })).toBeVisible();
  await expect(summary).toHaveCount(0);
});
