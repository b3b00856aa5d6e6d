// The bank, staff roles and settings (issue #14, SPEC §7 and §8.2), driven as a SENCO
// would after importing primary_210.csv: two pupils get Maths challenge (a teacher, 45
// minutes, weekly, 10 weeks), one with the bank's usual delivery (running) and one with
// 30-minute sessions of its own (planned, the draft). Editing the bank item's minutes
// re-costs only the first, by the amount worked out here; the Costs page shows what is
// committed and what is planned against the budget; a staff role costed from a salary
// shows the hourly cost worked out here; a role in use cannot be removed and an unused one
// can; and a concurrency limit of 1 warns about a pupil in two provisions.
import { readFileSync } from 'node:fs';
import { test, expect } from './support/harness';
import { Importer, fixture } from './support/importer';

type Expected = { pupils: number };
const expected: Expected = JSON.parse(readFileSync(fixture('expected/primary_210.json'), 'utf8'));

/** primary_210.csv read by hand: heading → cell text (the file has no quoted cells). */
const csvRows: Array<Record<string, string>> = (() => {
  const text = readFileSync(fixture('primary_210.csv'), 'utf8').replace(/^\uFEFF/, '');
  if (text.includes('"')) throw new Error('primary_210.csv now has quoted cells: use a CSV parser');
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

/** A year's cost in pence: sessions × minutes × weeks × hourly pence ÷ 60, rounded once. */
const cost = (p: { sessions: number; minutes: number; weeks: number; hourlyPence: number }): number =>
  halfUp(p.sessions * p.minutes * p.weeks * p.hourlyPence, 60);

// Maths challenge as the starting bank has it: a teacher (£45 an hour by default), one
// 45-minute session a week for 10 weeks. Each pupil here is a group on their own.
const MATHS = { sessions: 1, minutes: 45, weeks: 10, hourlyPence: 4500 };
const OWN_MINUTES = 30;
const NEW_MINUTES = 60;

const [usesDefault, ownFigures] = csvRows.filter((row) => row.UPN && row['Legal Surname']).slice(0, 2);

test('bank: every field edited, re-costing only provision on the defaults; staff roles; settings; the draft against the budget', async ({
  app,
  page,
}) => {
  test.setTimeout(180_000);
  expect(usesDefault.UPN).not.toEqual(ownFigures.UPN);

  await app.open();
  await new Importer(app).importFile('primary_210.csv', expected.pupils);

  // The bank holds the two items the Tameside sheet's provision columns use.
  await app.goTo('Provision');
  await expect(page.getByRole('button', { name: 'Edit Peer support in the bank', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit Maths challenge in the bank', exact: true })).toBeVisible();

  // Two provisions of Maths challenge through the Add provision form.
  const added = page.getByRole('status').filter({ hasText: 'Added Maths challenge for' });
  await page.getByLabel('Intervention', { exact: true }).selectOption({ label: 'Maths challenge' });
  await expect(page.getByLabel('Minutes a session', { exact: true })).toHaveValue(String(MATHS.minutes));
  await page.getByLabel('One pupil').check();
  await page.getByLabel("Pupil's UPN or name").fill(usesDefault.UPN);
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Running' });
  await page.getByRole('button', { name: 'Add provision', exact: true }).click();
  await expect(added).toContainText(nameOf(usesDefault));

  await page.getByLabel("Pupil's UPN or name").fill(ownFigures.UPN);
  await page.getByLabel('Minutes a session', { exact: true }).fill(String(OWN_MINUTES));
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Planned' });
  await page.getByRole('button', { name: 'Add provision', exact: true }).click();
  await expect(added).toContainText(nameOf(ownFigures));

  // The costs as the bank stands: worked out here from the inputs.
  const before = cost(MATHS);
  const own = cost({ ...MATHS, minutes: OWN_MINUTES });
  expect([before, own]).toEqual([33_750, 22_500]);
  await app.goTo('Costs');
  const byPupil = page.getByRole('table', { name: 'Cost by pupil' });
  const pupilCost = (upn: string) => byPupil.getByRole('row').filter({ hasText: upn });
  await expect(pupilCost(usesDefault.UPN)).toContainText(money(before));
  await expect(pupilCost(ownFigures.UPN)).toContainText(money(own));
  const figure = (term: string) => page.getByText(term, { exact: true }).locator('xpath=following-sibling::dd[1]');
  await expect(figure('Committed (running and finished)')).toHaveText(money(before));
  await expect(figure('Planned (draft)')).toHaveText(money(own));

  // The draft against a budget of £1,000.
  const budgetPence = 100_000;
  await page.getByLabel('Notional SEN budget (£)').fill('1000');
  await page.getByLabel('Notional SEN budget (£)').press('Tab');
  const share = halfUp((before + own) * 10_000, budgetPence);
  await expect(page.getByText(/^If all planned provision goes ahead:/)).toHaveText(
    `If all planned provision goes ahead: ${money(before + own)} of ${money(budgetPence)} budget (${Math.floor(share / 100)}.${String(share % 100).padStart(2, '0')}%).`,
  );

  // Edit the bank item: keyboard opens it and focus moves in; Escape closes it and focus
  // goes back to its Edit button.
  await app.goTo('Provision');
  const editMaths = page.getByRole('button', { name: 'Edit Maths challenge in the bank', exact: true });
  await editMaths.focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('region', { name: 'Edit intervention: Maths challenge' });
  await expect(page.getByRole('heading', { name: 'Edit intervention: Maths challenge' })).toBeFocused();
  await expect(form).toContainText(
    'Provision that uses these defaults is re-costed; provision with its own figures keeps them.',
  );
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('Maths challenge');
  await expect(form.getByLabel('Sessions a week')).toHaveValue(String(MATHS.sessions));
  await expect(form.getByLabel('Weeks it runs')).toHaveValue(String(MATHS.weeks));
  await expect(form.getByLabel('Member of staff 1')).toHaveValue('1');
  await app.checkAccessibility('Edit intervention');
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(editMaths).toBeFocused();

  // A number that is not whole is refused, in the summary and at the field.
  await editMaths.click();
  await form.getByLabel('Minutes a session').fill('sixty');
  await form.getByRole('button', { name: 'Save intervention' }).click();
  const problem = 'Enter the minutes a session as a whole number from 0 to 10000.';
  await expect(form.getByRole('alert')).toContainText('There is a problem');
  await expect(form.getByRole('link', { name: problem })).toBeVisible();
  await expect(form.getByLabel('Minutes a session')).toHaveAttribute('aria-invalid', 'true');
  await app.checkAccessibility('Edit intervention with a problem');
  await form.getByLabel('Minutes a session').fill(String(NEW_MINUTES));
  await form.getByRole('button', { name: 'Save intervention' }).click();
  await expect(form).toHaveCount(0);
  await expect(editMaths).toBeFocused();

  // Only the provision on the bank's defaults is re-costed, by the difference worked out here.
  const after = cost({ ...MATHS, minutes: NEW_MINUTES });
  expect(after - before).toEqual(11_250);
  await app.goTo('Costs');
  await expect(pupilCost(usesDefault.UPN)).toContainText(money(after));
  await expect(pupilCost(ownFigures.UPN)).toContainText(money(own));
  await expect(figure('Committed (running and finished)')).toHaveText(money(after));
  await expect(figure('Planned (draft)')).toHaveText(money(own));

  // A staff role costed from a salary: the form shows the sum as it is typed.
  const salaryPence = 2_400_000;
  const onCostsHundredths = 2_800;
  const paidHours = 1_265;
  const hourly = halfUp(salaryPence * (10_000 + onCostsHundredths), 10_000 * paidHours);
  expect(hourly).toEqual(2_428);
  const addRole = page.getByRole('region', { name: 'Add a staff role' });
  await addRole.getByLabel('Role name').fill('Senior TA');
  await addRole.getByLabel('Worked out from a salary').check();
  await addRole.getByLabel('Annual salary (£)').fill('24000');
  await addRole.getByLabel('On-costs (% of salary)').fill('28');
  await addRole.getByLabel('Paid hours a year').fill('1265');
  await expect(addRole).toContainText(`£24,000 × 1.28 ÷ 1,265 h = ${money(hourly)} an hour`);
  await addRole.getByRole('button', { name: 'Add staff role' }).click();
  await expect(addRole.getByRole('status')).toHaveText(`Added the staff role “Senior TA” at ${money(hourly)} an hour.`);
  const roles = page.getByRole('table', { name: 'Staff roles' });
  await expect(roles.getByLabel('Hourly cost for Senior TA (£)')).toHaveValue((hourly / 100).toFixed(2));
  await expect(roles.getByRole('row', { name: /Senior TA/ })).toContainText(`= ${money(hourly)} an hour`);
  await app.checkAccessibility('Costs, with a salary-costed role');

  // A role in use cannot be removed; an unused one can.
  await roles.getByRole('button', { name: 'Remove Teacher', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be removed' })).toHaveText(
    '“Teacher” cannot be removed while it is in use: it is the usual staff of Individual teaching and Maths challenge in the bank. Choose other staff for them first.',
  );
  await expect(roles.getByRole('rowheader', { name: 'Teacher', exact: true })).toBeVisible();
  await roles.getByRole('button', { name: 'Remove Senior TA', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Removed the staff role' })).toHaveText(
    'Removed the staff role “Senior TA”.',
  );
  await expect(roles.getByRole('rowheader', { name: 'Senior TA', exact: true })).toHaveCount(0);

  // The concurrency limit: a pupil in two provisions at once is within 3, over 1.
  await app.goTo('Provision');
  await page.getByLabel('Intervention', { exact: true }).selectOption({ label: 'Peer support' });
  await page.getByLabel("Pupil's UPN or name").fill(usesDefault.UPN);
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Running' });
  await page.getByRole('button', { name: 'Add provision', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added Peer support for' })).toContainText(nameOf(usesDefault));
  const tooMany = page.getByRole('heading', { name: '⚠ Too many interventions at once' });
  await expect(tooMany).toHaveCount(0);

  await app.goTo('Costs');
  const limit = page.getByLabel('Interventions at once before a warning');
  await expect(limit).toHaveValue('3');
  await limit.fill('0');
  await limit.press('Tab');
  await expect(page.getByRole('alert').filter({ hasText: 'Enter the interventions' })).toHaveText(
    'Enter the interventions a pupil can have at once as a whole number, 1 or more, such as 3.',
  );
  await expect(limit).toHaveAttribute('aria-invalid', 'true');
  await limit.fill('1');
  await limit.press('Tab');
  await expect(limit).not.toHaveAttribute('aria-invalid', 'true');
  await expect(limit).toHaveValue('1');

  await app.goTo('Provision');
  await expect(tooMany).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: nameOf(usesDefault) }).filter({ hasText: 'the limit is 1' })).toContainText(
    'Maths challenge',
  );
});
