// Reviews, Coming up, Waves at a glance and the need audit for the coming year (issue 14,
// SPEC §8.2), driven as a SENCO would after importing primary_210.csv:
// - provision added through the Add provision form (FLS is wave 2, Beat Dyslexia wave 3)
//   for three pupils; Waves at a glance counts every pupil once, at the highest wave of
//   their provision today, per year group — worked out here from the file's year groups
//   and what was added, with each share rounded half up to a whole number in 100;
// - an APDR review with a next review in two weeks shows under Coming up on the Provision
//   page; it is edited (a next review before the review is refused in words), survives a
//   reload with the pupil's and parents' views, and is deleted after a confirmation;
// - the need audit for the year after the working year gets an expected Reception intake
//   of 3 pupils with a literacy must, which the must/should/could table and chart count,
//   and which survives a reload.
// The form's default dates are the working academic year, the one holding today (the
// import files the drop under today's term), so the provision is current today.
import { readFileSync } from 'node:fs';
import { test, expect } from './support/harness';
import type { Page } from '@playwright/test';
import { Importer, fixture } from './support/importer';
import { opened, revision, savedSince } from './support/saving';

/** primary_210.csv read by hand: heading → cell text (the file has no quoted cells). */
const rows: Array<Record<string, string>> = (() => {
  const text = readFileSync(fixture('primary_210.csv'), 'utf8').replace(/^\uFEFF/, '');
  if (text.includes('"')) throw new Error('primary_210.csv now has quoted cells: use a CSV parser');
  const [head, ...lines] = text.split(/\r?\n/).filter((line) => line.length > 0);
  const headings = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [headings[i], cell])));
})();

const nameOf = (row: Record<string, string>): string =>
  `${row['Preferred Forename'] || row['Legal Forename']} ${row['Legal Surname']}`.trim();

/** numerator ÷ denominator rounded half up to a whole number (both whole, denominator > 0). */
const halfUp = (numerator: number, denominator: number): number =>
  Math.floor((2 * numerator + denominator) / (2 * denominator));

const day = (offset: number): Date => {
  const date = new Date();
  date.setHours(12, 0, 0, 0);
  date.setDate(date.getDate() + offset);
  return date;
};
const pad = (n: number): string => String(n).padStart(2, '0');
/** 2026-12-02, as a date field takes it. */
const iso = (date: Date): string => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
/** 02/12/2026, as the planner writes it. */
const uk = (date: Date): string => `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;

// Three pupils: the first Reception pupil gets both interventions (counted once, at wave
// 3), the first Year 3 pupil FLS (wave 2), the second Year 3 pupil Beat Dyslexia (wave 3).
const reception = rows.filter((row) => row['Year Group'] === 'Reception');
const year3 = rows.filter((row) => row['Year Group'] === 'Year 3');
const [ann, ben, cat] = [reception[0], year3[0], year3[1]];
const GIVEN: Array<[Record<string, string>, string]> = [
  [ann, 'FLS'],
  [ann, 'Beat Dyslexia'],
  [ben, 'FLS'],
  [cat, 'Beat Dyslexia'],
];
const WAVE: Record<string, 2 | 3> = { FLS: 2, 'Beat Dyslexia': 3 };

/** Each year group's pupils and highest waves, from the file and what was given. */
function expectedWaves(): Map<string, { pupils: number; first: number; two: number; three: number }> {
  const highest = new Map<string, number>();
  for (const [row, item] of GIVEN) highest.set(row.UPN, Math.max(highest.get(row.UPN) ?? 1, WAVE[item]));
  const years = new Map<string, { pupils: number; first: number; two: number; three: number }>();
  const add = (key: string, wave: number) => {
    const counts = years.get(key) ?? { pupils: 0, first: 0, two: 0, three: 0 };
    counts.pupils += 1;
    if (wave === 3) counts.three += 1;
    else if (wave === 2) counts.two += 1;
    else counts.first += 1;
    years.set(key, counts);
  };
  for (const row of rows) {
    const wave = highest.get(row.UPN) ?? 1;
    add(row['Year Group'], wave);
    add('Whole school', wave);
  }
  return years;
}

async function addProvision(page: Page, pupil: Record<string, string>, item: string): Promise<void> {
  const form = page.locator('form.provision-form');
  await form.getByLabel('Intervention', { exact: true }).selectOption({ label: item });
  await form.getByLabel('One pupil').check();
  await form.getByLabel("Pupil's UPN or name").fill(pupil.UPN);
  const before = await revision(page);
  await form.getByRole('button', { name: 'Add provision', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added ${item} for` })).toBeVisible();
  await savedSince(page, before);
}

test('reviews, coming up, waves at a glance and next year’s need audit', async ({ app, page }) => {
  test.setTimeout(240_000);
  // The fixture's own promises, so a changed fixture cannot silently weaken the test.
  expect(rows).toHaveLength(210);
  expect(reception.length).toBeGreaterThan(0);
  expect(year3.length).toBeGreaterThan(1);

  await app.open();
  await opened(page);
  await new Importer(app).importFile('primary_210.csv', 210);
  await app.goTo('Provision');
  for (const [pupil, item] of GIVEN) await addProvision(page, pupil, item);

  // Waves at a glance: a row per year group, and the whole school.
  const waves = page.getByRole('table', { name: 'Waves at a glance' });
  await expect(waves).toBeVisible();
  const share = (count: number, pupils: number) => `${count} (${halfUp(count * 100, pupils)} in 100)`;
  const expected = expectedWaves();
  expect(expected.get('Reception')).toMatchObject({ first: reception.length - 1, two: 0, three: 1 });
  for (const [year, counts] of expected) {
    const row = waves.getByRole('row').filter({ has: page.getByRole('rowheader', { name: year, exact: true }) });
    await expect(row.getByRole('cell')).toHaveText([
      String(counts.pupils),
      share(counts.first, counts.pupils),
      share(counts.two, counts.pupils),
      share(counts.three, counts.pupils),
    ]);
  }
  const school = expected.get('Whole school')!;
  const more = school.two + school.three;
  const section = page.getByRole('region', { name: 'Waves at a glance', exact: true });
  await expect(section).toContainText("about 68 in 100 pupils' needs are met by quality-first teaching");
  await expect(section).toContainText(
    `Here, ${more} of ${school.pupils} pupils (${halfUp(more * 100, school.pupils)} in 100) have wave 2 or 3 provision planned or running today`,
  );
  // 3 in 210 is far below 30 in 100.
  await expect(section).toContainText('That is fewer pupils with wave 2 or 3 provision than the rule of thumb.');
  // The chart beside it writes the same shares.
  const y3 = expected.get('Year 3')!;
  await expect(section.getByRole('img', { name: /Pupils by highest wave, in 100/ })).toContainText(
    `${halfUp(y3.first * 100, y3.pupils)} quality first only, ${halfUp(y3.two * 100, y3.pupils)} wave 2, ${halfUp(y3.three * 100, y3.pupils)} wave 3`,
  );

  // A review with its next review in two weeks, on Ann's individual provision map.
  const [today, inTwoWeeks, inThreeWeeks] = [day(0), day(14), day(21)];
  await page.goto(`./#pupil/${ann.UPN}`);
  await expect(page.getByRole('region', { name: 'Individual provision map' })).toContainText('Beat Dyslexia');
  const add = page.getByRole('form', { name: 'Add a review (assess, plan, do, review)' });
  await add.getByLabel('Date of review').fill(iso(today));
  await add.getByLabel('What was found').fill('Reading age up 4 months.');
  await add.getByLabel('Next steps').fill('Keep FLS; add paired reading.');
  await add.getByLabel('Date of next review (optional)').fill(iso(inTwoWeeks));
  await add.getByLabel('What the pupil said at this review').fill('I like the reading group.');
  await add.getByLabel('What the parents or carers said at this review').fill('Reads more at home.');
  let before = await revision(page);
  await add.getByRole('button', { name: 'Add review' }).click();
  const reviews = page.getByRole('table', { name: 'Reviews' });
  await expect(reviews).toContainText('I like the reading group.');
  await expect(reviews).toContainText('Reads more at home.');
  await expect(add.getByLabel('What was found')).toHaveValue('');
  await savedSince(page, before);
  await app.checkAccessibility('individual map with a review');

  // Coming up on the Provision page: the review due in two weeks, linked to Ann.
  await app.goTo('Provision');
  const comingUp = page.getByRole('list', { name: 'Coming up' });
  const due = comingUp.getByRole('listitem').filter({ hasText: 'review due for' });
  await expect(due).toHaveText(`${uk(inTwoWeeks)} — review due for ${nameOf(ann)} (last review ${uk(today)})`);
  await expect(due.getByRole('link', { name: nameOf(ann) })).toHaveAttribute('href', `#pupil/${ann.UPN}`);

  // Edit it: a next review before the review is refused, then the change is kept.
  await page.goto(`./#pupil/${ann.UPN}`);
  await page.getByRole('button', { name: `Edit review of ${uk(today)}` }).click();
  const edit = page.getByRole('form', { name: `Edit the review of ${uk(today)}` });
  await expect(edit.getByLabel('Date of review')).toBeFocused();
  await expect(edit.getByLabel('What the pupil said at this review')).toHaveValue('I like the reading group.');
  await edit.getByLabel('Date of next review (optional)').fill(iso(day(-1)));
  await edit.getByRole('button', { name: 'Save review' }).click();
  await expect(edit.getByRole('alert').getByRole('link')).toHaveText(
    `The next review date (${uk(day(-1))}) is before the review (${uk(today)}): enter a date on or after ${uk(today)}.`,
  );
  await edit.getByLabel('Date of next review (optional)').fill(iso(inThreeWeeks));
  await edit.getByLabel('What the parents or carers said at this review').fill('Reads every night now.');
  before = await revision(page);
  await edit.getByRole('button', { name: 'Save review' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved the review of ${uk(today)}.` })).toBeVisible();
  await expect(reviews).toContainText('Reads every night now.');
  await expect(reviews).toContainText(uk(inThreeWeeks));
  await savedSince(page, before);

  // The views survive a reload (stored format 5 keeps them).
  await page.reload();
  await opened(page);
  await expect(reviews).toContainText('I like the reading group.');
  await expect(reviews).toContainText('Reads every night now.');

  await app.goTo('Provision');
  await expect(due).toHaveText(`${uk(inThreeWeeks)} — review due for ${nameOf(ann)} (last review ${uk(today)})`);

  // Delete it, after a confirmation.
  await page.goto(`./#pupil/${ann.UPN}`);
  await page.getByRole('button', { name: `Delete review of ${uk(today)}` }).click();
  const confirm = page.getByRole('group', { name: `Delete the review of ${uk(today)}? It cannot be brought back.` });
  await expect(confirm.getByRole('button', { name: 'Delete review', exact: true })).toBeFocused();
  before = await revision(page);
  await confirm.getByRole('button', { name: 'Delete review', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Deleted the review of ${uk(today)}.` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Individual provision map' })).toContainText('No reviews recorded yet.');
  await savedSince(page, before);
  await app.goTo('Provision');
  await expect(page.getByRole('region', { name: 'Coming up', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Coming up', exact: true }).getByText('review due for')).toHaveCount(0);

  // The need audit for next year: an expected Reception intake of 3 with a literacy must.
  const working = today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
  const nextYear = `${working + 1}/${pad((working + 2) % 100)}`;
  await page.getByLabel('Audit for').selectOption({ label: nextYear });
  const intake = page.getByRole('form', { name: 'Add expected pupils' });
  await intake.getByLabel('Name or description').fill('New Reception intake');
  await intake.getByLabel('How many pupils').fill('3');
  await intake.getByLabel('Year group they will join').selectOption({ label: 'Reception' });
  await intake.getByLabel('Literacy', { exact: true }).selectOption({ label: 'Must' });
  before = await revision(page);
  await intake.getByRole('button', { name: 'Add expected pupils' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added New Reception intake to the audit for ${nextYear}.` })).toBeVisible();
  await savedSince(page, before);

  const checkAudit = async () => {
    const table = page.getByRole('table', { name: 'Need audit by year group' });
    await expect(table).toBeVisible();
    const headers = (await table.getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
    const column = headers.indexOf('Reception');
    expect(column).toBeGreaterThan(0);
    const cell = (priority: string) =>
      table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: priority, exact: true }) }).locator('th, td').nth(column);
    await expect(cell('Must')).toHaveText('3');
    await expect(cell('Should')).toHaveText('0');
    const chart = page.getByRole('img', { name: /Audited needs by year group/ });
    await expect(chart).toContainText('Reception');
    await expect(chart).toContainText('3 must, 0 should, 0 could');
    await expect(page.getByRole('list', { name: 'Expected pupils not yet on roll' })).toContainText(
      'New Reception intake — 3 pupils, Reception: Literacy must',
    );
    await expect(page.getByRole('list', { name: 'Unmet need' })).toContainText(
      'New Reception intake (3 pupils expected, Reception) — Literacy: Must',
    );
  };
  await checkAudit();
  await app.checkAccessibility('need audit with expected pupils');

  // Expected pupils survive a reload, in next year's audit (the default).
  await page.reload();
  await opened(page);
  await expect(page.getByLabel('Audit for')).toHaveValue(String(working + 1));
  await checkAudit();
});
