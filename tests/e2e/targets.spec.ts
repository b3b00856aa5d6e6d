// Targets (issue 15, SPEC §8.3): two termly files of one school, made by the project's own
// generator, are imported as Autumn and Spring 2025/26. A whole-school attendance target
// and a disadvantaged pupils' attendance target are set after the autumn import (a target
// value over 100% is refused at its field first, and nothing is saved); after the spring
// import each target's figure at both drops is checked against the mean attendance worked
// out here from the files' own cells (disadvantaged as the planner defines it: FSM or
// pupil premium), rounded as the page writes it; the targets survive a reload and reach
// the workbook's Targets sheet as numbers.
import { test, expect } from './support/harness';
import type { PlannerApp } from './support/planner-app';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { opened, revision, savedSince } from './support/saving';
import { TermlyFiles, periodLabel, type TermName } from './support/termly-files';
import { readWorkbook } from './support/workbook';

const FILES = new TermlyFiles('e2e-targets', 11, 2);
const TERMS: TermName[] = ['autumn', 'spring'];
const LABELS = TERMS.map(periodLabel);

interface Row {
  /** "Reception", "Year 3": as the planner labels year groups. */
  year: string;
  /** Attendance in hundredths of a percent, as the planner reads it (null: not recorded). */
  attendance: number | null;
  /** FSM eligible or pupil premium: core::cohort::disadvantaged. */
  disadvantaged: boolean;
}

/** "92.2" → 9220, exactly (no floating point). */
function hundredths(text: string): number {
  const [whole, part = ''] = text.trim().split('.');
  return Number(whole) * 100 + Number((part + '00').slice(0, 2));
}

/** A generated CSV's pupils (the generator writes no quoted commas in these columns). */
function read(term: TermName): Row[] {
  const [head, ...lines] = readFileSync(FILES.file(term), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const columns = head.split(',');
  const at = (name: string) => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`no column ${name}`);
    return index;
  };
  return lines.map((line) => {
    const cells = line.split(',');
    const percent = cells[at('Attendance %')];
    const possible = Number(cells[at('Possible Sessions')] || 0);
    const attended = Number(cells[at('Attended Sessions')] || 0);
    // A blank percentage is worked out from sessions, half up (scoring::pupil_attendance).
    const fromSessions =
      possible > 0 && attended <= possible ? Math.floor((attended * 20_000 + possible) / (2 * possible)) : null;
    return {
      year: cells[at('Year Group')],
      attendance: percent.trim() === '' ? fromSessions : hundredths(percent),
      disadvantaged: cells[at('FSM Eligible')] === 'Y' || cells[at('Pupil Premium')] === 'Y',
    };
  });
}

/** Mean attendance as the planner works a target's figure: in ten-thousandths of a
 * percent, rounded half up once; then its text, "95.3%" (half away from zero to one
 * decimal), the exact figure as the form's baseline box writes it, and the pupils counted. */
function meanAttendance(rows: Row[]): { shown: string; exact: string; pupils: number; tenThousandths: bigint } {
  const known = rows.map((row) => row.attendance).filter((value): value is number => value !== null);
  const n = BigInt(known.length);
  const total = known.reduce((sum, value) => sum + BigInt(value) * 100n, 0n);
  const tenThousandths = (2n * total + n) / (2n * n);
  const tenths = (tenThousandths + 500n) / 1000n;
  const shown = `${tenths / 10n}.${tenths % 10n}%`;
  const whole = tenThousandths / 10_000n;
  const fraction = (tenThousandths % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  const exact = fraction ? `${whole}.${fraction}` : `${whole}`;
  return { shown, exact, pupils: known.length, tenThousandths };
}

/** A day `days` from today as the form takes it, dd/mm/yyyy. */
function daysFromNow(days: number): string {
  const day = new Date();
  day.setDate(day.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(day.getDate())}/${pad(day.getMonth() + 1)}/${day.getFullYear()}`;
}

/** Opens the Targets page through the navigation, as a user would, and checks it with axe. */
async function openTargets(app: PlannerApp): Promise<void> {
  const link = app.navigation.getByRole('link', { name: 'Targets', exact: true });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
  await expect(app.heading).toHaveText('Targets');
  await app.checkAccessibility('Targets');
}

interface NewTarget {
  description: string;
  group?: string;
  value: string;
  by: string;
  review: string;
  owner: string;
}

/** Fills the Add a target form for an attendance target, checking the baseline it takes
 * from the drop shown; does not press Add target. */
async function fillAttendanceTarget(page: Page, target: NewTarget, baseline: string): Promise<void> {
  await page.getByRole('button', { name: 'Add a target' }).click();
  const form = page.getByRole('form', { name: 'Add a target' });
  await expect(page.getByRole('heading', { name: 'Add a target' })).toBeFocused();
  if (target.group) {
    await form.getByRole('radio', { name: 'Group', exact: true }).check();
    await form.getByLabel('Which group').selectOption({ label: target.group });
  } else {
    await expect(form.getByRole('radio', { name: 'Whole school' })).toBeChecked();
  }
  await form.getByLabel('Description').fill(target.description);
  await form.getByLabel('Measure', { exact: true }).selectOption({ label: 'Attendance %' });
  // The baseline is the figure at the drop shown, and says which drop it came from.
  const baselineBox = form.getByRole('textbox', { name: 'Baseline' });
  await expect(baselineBox).toHaveValue(baseline);
  await expect(baselineBox).toHaveAccessibleDescription(/Taken from Autumn 2025\/26, the data drop shown/);
  await form.getByRole('textbox', { name: 'Target value' }).fill(target.value);
  await form.getByRole('textbox', { name: 'By date' }).fill(target.by);
  await form.getByRole('textbox', { name: 'Owner' }).fill(target.owner);
  await form.getByRole('textbox', { name: 'Review date' }).fill(target.review);
}

test.describe('targets', () => {
  test.beforeAll(() => FILES.generate());

  test('whole-school and disadvantaged attendance targets, measured at both drops', async ({ app }, testInfo) => {
    test.setTimeout(240_000);
    const page = app.page;
    const [autumn, spring] = TERMS.map(read);
    const expected = {
      school: [autumn, spring].map(meanAttendance),
      disadvantaged: [autumn, spring].map((rows) => meanAttendance(rows.filter((row) => row.disadvantaged))),
    };
    await app.open();
    await opened(page);
    await FILES.import(app, 'autumn', autumn.length);
    await openTargets(app);
    await expect(page.getByText('No targets yet.')).toBeVisible();

    const whole: NewTarget = {
      description: 'Raise whole-school attendance',
      value: '120',
      by: daysFromNow(200),
      review: daysFromNow(30),
      owner: 'Headteacher',
    };
    const disadvantaged: NewTarget = {
      description: 'Raise attendance of disadvantaged pupils',
      group: 'Disadvantaged',
      value: '96',
      by: daysFromNow(200),
      review: daysFromNow(45),
      owner: 'Pupil premium lead',
    };

    // A percentage over 100 is refused beside its field and in the summary; nothing is saved.
    await fillAttendanceTarget(page, whole, expected.school[0].exact);
    const form = page.getByRole('form', { name: 'Add a target' });
    const before = await revision(page);
    await form.getByRole('button', { name: 'Add target' }).click();
    const problem = 'Enter a percentage from 0 to 100, such as 96.5';
    await expect(form.getByRole('alert')).toContainText('There is a problem');
    await expect(form.getByRole('alert').getByRole('link', { name: problem })).toBeVisible();
    const valueBox = form.getByRole('textbox', { name: 'Target value' });
    await expect(valueBox).toHaveAttribute('aria-invalid', 'true');
    await expect(valueBox).toHaveAccessibleDescription(new RegExp(problem));
    await expect(page.getByRole('table', { name: 'Targets' })).toHaveCount(0);
    await expect(page.getByText('No targets yet.')).toBeVisible();
    expect(await revision(page)).toBe(before);

    // Put right, it is added.
    await valueBox.fill('97');
    await form.getByRole('button', { name: 'Add target' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Added the target “${whole.description}”.` })).toBeVisible();
    await savedSince(page, before);
    const table = page.getByRole('table', { name: 'Targets' });
    await expect(table.getByRole('row').filter({ hasText: whole.description }).first()).toContainText(
      `${expected.school[0].shown} (Autumn 2025/26)`,
    );

    const beforeSecond = await revision(page);
    await fillAttendanceTarget(page, disadvantaged, expected.disadvantaged[0].exact);
    await page.getByRole('form', { name: 'Add a target' }).getByRole('button', { name: 'Add target' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: `Added the target “${disadvantaged.description}”.` }),
    ).toBeVisible();
    await savedSince(page, beforeSecond);
    const groupRow = table.getByRole('row').filter({ hasText: disadvantaged.description }).first();
    await expect(groupRow).toContainText('Disadvantaged');
    await expect(groupRow).toContainText('96.0%');
    await expect(groupRow).toContainText(disadvantaged.by);
    await expect(groupRow).toContainText(disadvantaged.owner);

    // The spring drop: each target's figure at both drops.
    await FILES.import(app, 'spring', spring.length);
    const checkFigures = async () => {
      for (const [target, figures] of [
        [whole, expected.school],
        [disadvantaged, expected.disadvantaged],
      ] as const) {
        const row = table.getByRole('row').filter({ hasText: target.description }).first();
        await expect(row).toContainText(figures[1].shown);
        const open = row.getByRole('button', { name: `Figures at each drop for ${target.description}` });
        await expect(open).toHaveAttribute('aria-expanded', 'false');
        await open.click();
        await expect(open).toHaveAttribute('aria-expanded', 'true');
        const series = page.getByRole('table', { name: `${target.description} at each data drop` });
        for (const [at, label] of LABELS.entries()) {
          const drop = series.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label }) });
          await expect(drop.getByRole('cell')).toHaveText([figures[at].shown, String(figures[at].pupils)]);
        }
        // The chart beside the numbers has a text alternative.
        await expect(page.getByRole('img', { name: new RegExp(`${target.description} at each data drop`) })).toBeVisible();
      }
    };
    await openTargets(app);
    await checkFigures();
    await app.checkAccessibility('Targets with figures open');

    // Off trajectory: a year group's list in Maths saved as a cohort, once only.
    const off = page.getByRole('region', { name: 'Off trajectory' });
    await off.getByLabel('Subject').selectOption('Maths');
    // The first year group listed in Maths.
    const show = off.getByRole('button', { name: /^Show the list for / }).first();
    await expect(show).toHaveAttribute('aria-expanded', 'false');
    const year = (await show.textContent())!.replace('Show the list for', '').trim();
    await show.click();
    await expect(show).toHaveAttribute('aria-expanded', 'true');
    const list = off.getByRole('table', { name: `Off trajectory: ${year}` });
    await expect(list.getByRole('row').nth(1).getByRole('link')).toHaveAttribute('href', /#pupil\//);
    await expect(list.getByRole('cell', { name: 'Maths', exact: true }).first()).toBeVisible();
    const cohort = `Off trajectory in Maths · ${year} · Spring 2025/26`;
    const beforeCohort = await revision(page);
    await off.getByRole('button', { name: `Save as a cohort for ${year}` }).click();
    await expect(off.getByRole('status')).toContainText(`Saved the cohort “${cohort}”.`);
    await savedSince(page, beforeCohort);
    await off.getByRole('button', { name: `Save as a cohort for ${year}` }).click();
    await expect(off.getByRole('status')).toContainText(`There is already a cohort called “${cohort}”`);

    // The targets are saved: after a reload both are there, with the same figures.
    await page.reload();
    await opened(page);
    await openTargets(app);
    await expect(table.getByRole('row')).toHaveCount(3);
    await checkFigures();

    // The workbook's Targets sheet holds each target's figure at both drops, as numbers.
    await app.goTo('Shortlist');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export whole school to Excel' }).click(),
    ]);
    await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toBeVisible();
    const path = testInfo.outputPath('planner.xlsx');
    await download.saveAs(path);
    const sheet = readWorkbook(path).get('Targets')!;
    const headings = sheet.rows[0];
    for (const [target, figures] of [
      [whole, expected.school],
      [disadvantaged, expected.disadvantaged],
    ] as const) {
      const row = sheet.rows.find((cells) => cells[headings.indexOf('Description')] === target.description)!;
      expect(row[headings.indexOf('Measure')]).toBe('Attendance %');
      expect(LABELS.map((label) => row[headings.indexOf(label)])).toEqual(
        figures.map((figure) => Number(figure.tenThousandths) / 10_000),
      );
      expect(row[headings.indexOf('Owner')]).toBe(target.owner);
    }
  });
  test('a target broken down by year group, edited, filtered and deleted', async ({ app }) => {
    test.setTimeout(180_000);
    const page = app.page;
    const [autumn] = TERMS.map(read);
    const years = [...new Set(autumn.map((row) => row.year))].sort(
      (a, b) => (a === 'Reception' ? 0 : Number(a.replace('Year ', ''))) - (b === 'Reception' ? 0 : Number(b.replace('Year ', ''))),
    );
    const byYear = new Map(years.map((year) => [year, meanAttendance(autumn.filter((row) => row.year === year))]));
    await app.open();
    await opened(page);
    await FILES.import(app, 'autumn', autumn.length);
    await openTargets(app);
    const target: NewTarget = {
      description: 'Raise attendance',
      value: '97',
      by: daysFromNow(200),
      review: daysFromNow(30),
      owner: 'Attendance lead',
    };
    await fillAttendanceTarget(page, target, meanAttendance(autumn).exact);
    const before = await revision(page);
    await page.getByRole('form', { name: 'Add a target' }).getByRole('button', { name: 'Add target' }).click();
    await savedSince(page, before);
    const table = page.getByRole('table', { name: 'Targets' });

    // Broken down: a part per year group, under the target, each with its own figure.
    const beforeParts = await revision(page);
    await table.getByRole('button', { name: `Break down by year group ${target.description}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `broken down into ${years.length} year group targets` })).toBeVisible();
    await savedSince(page, beforeParts);
    await expect(table.getByRole('row')).toHaveCount(years.length + 2);
    const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const part = (year: string) => new RegExp(`${escaped(`${target.description} (${year})`)}$`);
    await expect(table.getByRole('rowheader')).toHaveText([new RegExp(`^${target.description}$`), ...years.map(part)]);
    for (const year of years) {
      const row = table.getByRole('row').filter({ hasText: `${target.description} (${year})` });
      await expect(row).toContainText(`${byYear.get(year)!.shown} (Autumn 2025/26)`);
    }

    // Edit one part's target value.
    const edited = `${target.description} (${years[0]})`;
    await table.getByRole('button', { name: `Edit ${edited}`, exact: true }).click();
    const form = page.getByRole('form', { name: `Edit target: ${edited}` });
    await expect(page.getByRole('heading', { name: `Edit target: ${edited}` })).toBeFocused();
    await form.getByRole('textbox', { name: 'Target value' }).fill('98');
    const beforeEdit = await revision(page);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Saved the changes to “${edited}”.` })).toBeVisible();
    await savedSince(page, beforeEdit);
    await expect(table.getByRole('row').filter({ hasText: edited })).toContainText('98.0%');

    // Delete the whole-school target, after a confirmation: its parts stay.
    const remove = table.getByRole('button', { name: `Delete ${target.description}`, exact: true });
    await remove.click();
    const question = table.getByRole('group', { name: `Delete the target “${target.description}”?` });
    await expect(question.getByRole('button', { name: 'Yes, delete it' })).toBeFocused();
    await question.getByRole('button', { name: 'Keep it' }).click();
    await expect(table.getByRole('row')).toHaveCount(years.length + 2);
    await remove.click();
    const beforeDelete = await revision(page);
    await question.getByRole('button', { name: 'Yes, delete it' }).click();
    await expect(
      page.getByRole('status').filter({
        hasText: `Deleted “${target.description}”. Its ${years.length} year group targets stay as targets of their own.`,
      }),
    ).toBeVisible();
    await savedSince(page, beforeDelete);
    await expect(table.getByRole('row')).toHaveCount(years.length + 1);

    // Filtered by status: Met where the year group's figure has reached its target value.
    const goal = (year: string) => (year === years[0] ? 980_000n : 970_000n);
    const met = years.filter((year) => byYear.get(year)!.tenThousandths >= goal(year));
    await page.getByLabel('Show status').selectOption({ label: 'Met' });
    if (met.length === 0) {
      await expect(page.getByText('No target has the level and status chosen.')).toBeVisible();
    } else {
      await expect(table.getByRole('rowheader')).toHaveText(met.map(part));
      await expect(table.getByRole('row').filter({ hasText: 'Met (suggested)' })).toHaveCount(met.length);
    }
    await page.getByLabel('Show status').selectOption({ label: 'All statuses' });
    await page.getByLabel('Show level').selectOption({ label: 'Whole school' });
    await expect(page.getByText('No target has the level and status chosen.')).toBeVisible();
  });
});
