// Provision through the year and its impact (issue 14, SPEC §8.2): provision is edited
// after it is added (staff, end date, a pupil joining part-way), it names a measure, and
// entry and exit values come from a column pasted from Excel or from the data drops
// nearest its start and end. Every value checked is worked out here from the inputs.
import { test, expect } from './support/harness';
import type { PlannerApp } from './support/planner-app';
import type { Locator, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { opened, revision, savedSince } from './support/saving';

const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'target', 'e2e-impact');
const TERMS = ['autumn', 'spring'] as const;
const file = (term: string) => join(OUT, `school_${term}_2025-26.csv`);

interface Row {
  upn: string;
  name: string;
  attendance: string;
}

/** A generated CSV's pupils (the generator writes no quoted commas in these columns). */
function read(term: string): Row[] {
  const [head, ...lines] = readFileSync(file(term), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const columns = head.split(',');
  const at = (name: string) => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`no column ${name}`);
    return index;
  };
  return lines.map((line) => {
    const cells = line.split(',');
    const forename = cells[at('Preferred Forename')] || cells[at('Legal Forename')];
    return {
      upn: cells[at('UPN')].trim().toUpperCase(),
      name: `${forename} ${cells[at('Legal Surname')]}`.trim(),
      attendance: cells[at('Attendance %')],
    };
  });
}

/** A percentage as the planner writes a measure: exact, shortest ("93.5", "100"). */
const shortest = (text: string): string => String(Number(Number(text).toFixed(2)));

async function importDrop(app: PlannerApp, term: (typeof TERMS)[number], pupils: number): Promise<void> {
  const page = app.page;
  await app.goTo('Import');
  await app.fileInput.setInputFiles(file(term));
  const confirm = page.getByRole('button', { name: 'Confirm import' });
  await expect(confirm).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Term', { exact: true }).selectOption(term[0].toUpperCase() + term.slice(1));
  await page.getByLabel('Academic year', { exact: true }).selectOption('2025');
  const before = await revision(page);
  await confirm.click();
  await expect(page.getByRole('status').filter({ hasText: `${pupils} pupils imported` })).toBeVisible({
    timeout: 30_000,
  });
  await savedSince(page, before);
}

/** Adds provision of `item` for one pupil through the Add provision form. */
async function addFor(page: Page, item: string, upn: string, start: string, end: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add provision' });
  await form.getByLabel('Intervention', { exact: true }).selectOption({ label: item });
  await form.getByLabel('One pupil').check();
  await form.getByLabel("Pupil's UPN or name").fill(upn);
  await form.getByLabel('Start date').fill(start);
  await form.getByLabel('End date').fill(end);
  await form.getByRole('button', { name: 'Add provision', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added ${item} for` })).toBeVisible();
}

/** Pastes `text` into a box the way a browser does when Excel's column is pasted. */
async function paste(box: Locator, text: string): Promise<void> {
  await box.focus();
  await box.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test.describe('provision through the year', () => {
  test.beforeAll(() => {
    mkdirSync(OUT, { recursive: true });
    execFileSync(
      'cargo',
      ['run', '--locked', '--quiet', '--example', 'generate_school', '--', '--pupils', '210', '--phase', 'primary',
        '--seed', '14', '--drops', '2', '--as-of', '13/03/2026', '--out', join(OUT, 'school'), '--formats', 'csv'],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  });

  test('edit a provision, a pupil joins part-way, and a pasted column gives the gains', async ({ app }) => {
    test.setTimeout(240_000);
    const page = app.page;
    const [autumn] = TERMS.map(read);
    await app.open();
    await opened(page);
    await importDrop(app, 'autumn', autumn.length);
    const [first, second, third, fourth] = autumn.filter((row) => row.upn);

    await app.goTo('Provision');
    await addFor(page, 'FLS', first.upn, '2025-09-08', '2025-12-12');
    const recorded = page.getByRole('table', { name: 'Provision recorded' });
    await expect(recorded.getByRole('row')).toHaveCount(2);

    // Edit: two more pupils from the start, the staff become an HLTA, the end moves on.
    await recorded.getByRole('button', { name: 'Edit FLS', exact: true }).click();
    const edit = page.getByRole('region', { name: 'Edit provision: FLS' });
    await expect(edit.getByRole('heading', { name: 'Edit provision: FLS' })).toBeFocused();
    for (const row of [second, third]) {
      await edit.getByLabel('Joining from').fill('2025-09-08');
      await edit.getByLabel("Pupil's UPN or name").fill(row.upn);
      await edit.getByRole('button', { name: 'Add pupil to the group' }).click();
      await expect(edit.getByRole('status').filter({ hasText: `${row.name} joins from 08/09/2025.` })).toBeVisible();
    }
    // A fourth joins on 03/11/2025: the group's history keeps the day.
    await edit.getByLabel('Joining from').fill('2025-11-03');
    await edit.getByLabel("Pupil's UPN or name").fill(fourth.upn);
    await edit.getByRole('button', { name: 'Add pupil to the group' }).click();
    const members = edit.getByRole('table', { name: 'Pupils in the group' });
    await expect(members.getByRole('row').filter({ hasText: fourth.name })).toContainText('Joined 03/11/2025');
    await expect(members.getByRole('row').filter({ hasText: first.name })).toContainText('The whole provision');

    // A bad value is refused next to its field and nothing changes.
    await edit.getByLabel('End date').fill('01/09/2025');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit.getByRole('alert')).toContainText('The end date must be the same as or after the start date.');
    await edit.getByLabel('End date').fill('13/02/2026');
    await edit.getByLabel('Member of staff 1').selectOption({ label: 'HLTA (£22.00 an hour)' });
    const before = await revision(page);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toHaveCount(0);
    await savedSince(page, before);
    const row = recorded.getByRole('row').filter({ hasText: 'FLS' });
    await expect(row).toContainText('08/09/2025 to 13/02/2026');
    await expect(row).toContainText('HLTA');
    // HLTA £22 × 3 sessions × 20 minutes × 12 weeks ÷ 60 = £264.00, groups of 6: one group.
    await expect(row).toContainText('£264.00');

    // Measures: reading age in months, pasted as a column from Excel.
    await row.getByRole('button', { name: 'Measures for FLS', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Measures: FLS' });
    await panel.getByLabel('Measure', { exact: true }).selectOption({ label: 'Reading age (months, higher is better)' });
    await panel.getByRole('button', { name: 'Use this measure' }).click();
    const grid = panel.getByRole('table', { name: 'Entry and exit values' });
    await expect(grid.getByRole('row')).toHaveCount(5);
    const entries = ['80', '90', '75', '100'];
    const exits = ['86', '92.5', '75', '98'];
    // A value out of range, pasted, changes nothing and says which line.
    await paste(grid.getByLabel(`Entry for ${first.name}`), '80\n300\n75\n100\n');
    await expect(panel.getByRole('status').filter({ hasText: 'Nothing was pasted: line 2' })).toBeVisible();
    await expect(grid.getByLabel(`Entry for ${first.name}`)).toHaveValue('');
    await paste(grid.getByLabel(`Entry for ${first.name}`), entries.join('\r\n') + '\r\n');
    await expect(panel.getByRole('status').filter({ hasText: 'Pasted 4 entry values.' })).toBeVisible();
    await paste(grid.getByLabel(`Exit for ${first.name}`), exits.join('\n'));
    const names = [first, second, third, fourth].map((r) => r.name);
    for (const [at, name] of names.entries()) {
      await expect(grid.getByLabel(`Entry for ${name}`)).toHaveValue(entries[at]);
      await expect(grid.getByLabel(`Exit for ${name}`)).toHaveValue(exits[at]);
      const gain = Number(exits[at]) - Number(entries[at]);
      await expect(grid.getByRole('row').filter({ hasText: name })).toContainText(`${gain > 0 ? '+' : ''}${gain} months`);
    }
    // Typing: a value out of range is refused beside the box and not kept.
    const box = grid.getByLabel(`Exit for ${fourth.name}`);
    await box.fill('250');
    await box.press('Enter');
    await expect(panel.getByText('250 is outside the range for Reading age: type a value between 0 and 240.')).toBeVisible();
    await expect(grid.getByLabel(`Exit for ${fourth.name}`)).toHaveAttribute('aria-invalid', 'true');
    await app.checkAccessibility('the measures grid');

    // A reload keeps the measure, the values, the fourth pupil's joining day and the staff.
    await page.reload();
    await opened(page);
    await app.goTo('Provision');
    const again = page.getByRole('table', { name: 'Provision recorded' }).getByRole('row').filter({ hasText: 'FLS' });
    await expect(again).toContainText('£264.00');
    await again.getByRole('button', { name: 'Measures for FLS', exact: true }).click();
    const kept = page.getByRole('region', { name: 'Measures: FLS' });
    await expect(kept.getByText('Reading age (months, higher is better)')).toBeVisible();
    await expect(kept.getByLabel(`Exit for ${second.name}`)).toHaveValue('92.5');
    await expect(kept.getByLabel(`Exit for ${fourth.name}`)).toHaveValue('98');
  });

  test('three pupils chosen in the grid, edited, a fourth added, measured by paste: What works adds it up', async ({ app }) => {
    test.setTimeout(240_000);
    const page = app.page;
    const [autumn] = TERMS.map(read);
    await app.open();
    await opened(page);
    await importDrop(app, 'autumn', autumn.length);
    const pupils = autumn.filter((row) => row.upn).slice(0, 4);
    const [chosen, late] = [pupils.slice(0, 3), pupils[3]];

    // Tick three pupils on All pupils: two with the mouse, one with Space on its box.
    await app.goTo('All pupils');
    await page.getByRole('checkbox', { name: `Select ${chosen[0].name}`, exact: true }).check();
    await page.getByRole('checkbox', { name: `Select ${chosen[1].name}`, exact: true }).check();
    await page.getByRole('checkbox', { name: `Select ${chosen[2].name}`, exact: true }).focus();
    await page.keyboard.press('Space');
    await expect(page.getByRole('status').filter({ hasText: '3 pupils selected' })).toBeVisible();
    await page.getByRole('button', { name: 'Add provision for 3 selected' }).click();
    const form = page.getByRole('form', { name: 'Add provision' });
    await expect(form.getByLabel('Selected pupils (3)')).toBeChecked();
    await form.getByLabel('Intervention', { exact: true }).selectOption({ label: 'FLS' });
    await form.getByLabel('Start date').fill('2025-09-08');
    await form.getByLabel('End date').fill('2025-12-12');
    await form.getByRole('button', { name: 'Add provision', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added FLS for 3 pupils' })).toBeVisible();

    // Change the staff to a Teacher and the end date; a fourth pupil joins on 03/11/2025.
    const recorded = page.getByRole('table', { name: 'Provision recorded' });
    await recorded.getByRole('button', { name: 'Edit FLS', exact: true }).click();
    const edit = page.getByRole('region', { name: 'Edit provision: FLS' });
    await edit.getByLabel('Member of staff 1').selectOption({ label: 'Teacher (£45.00 an hour)' });
    await edit.getByLabel('End date').fill('06/02/2026');
    await edit.getByLabel('Joining from').fill('2025-11-03');
    await edit.getByLabel("Pupil's UPN or name").fill(late.upn);
    await edit.getByRole('button', { name: 'Add pupil to the group' }).click();
    await expect(edit.getByRole('status').filter({ hasText: `${late.name} joins from 03/11/2025.` })).toBeVisible();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toHaveCount(0);
    const row = recorded.getByRole('row').filter({ hasText: 'FLS' });
    await expect(row).toContainText('08/09/2025 to 06/02/2026');

    // Entry and exit standardised scores, pasted as columns.
    await row.getByRole('button', { name: 'Measures for FLS', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Measures: FLS' });
    await panel.getByLabel('Measure', { exact: true }).selectOption({ label: 'Standardised score (points, higher is better)' });
    await panel.getByRole('button', { name: 'Use this measure' }).click();
    const grid = panel.getByRole('table', { name: 'Entry and exit values' });
    const entries = [85, 92, 100, 88];
    const exits = [91, 92, 97.5, 96];
    await paste(grid.getByLabel(`Entry for ${chosen[0].name}`), entries.join('\n'));
    await paste(grid.getByLabel(`Exit for ${chosen[0].name}`), exits.join('\n'));
    await expect(grid.getByLabel(`Exit for ${late.name}`)).toHaveValue('96');

    // What works, worked out here. Cost: Teacher £45 × 3 sessions × 20 minutes × 12 weeks
    // ÷ 60 = £540.00 for one group of up to 6; all four are measured.
    const costPence = (45_00 * 3 * 20 * 12) / 60;
    const gains = exits.map((exit, at) => exit - entries[at]);
    const total = gains.reduce((a, b) => a + b, 0);
    const improved = gains.filter((g) => g > 0).length;
    const average = total / gains.length;
    const halfUp = (n: number, d: number) => Math.floor((2 * n + d) / (2 * d));
    const money = (pence: number) =>
      `£${Math.floor(pence / 100).toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}`;
    await app.goTo('What works');
    const table = page.getByRole('table', { name: 'What works' });
    const headers = (await table.getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
    const cell = (header: string) => {
      const at = headers.indexOf(header);
      expect(at, header).toBeGreaterThanOrEqual(0);
      return table.getByRole('row').filter({ hasText: 'FLS' }).locator('th, td').nth(at);
    };
    await expect(cell('Pupils')).toHaveText('4');
    await expect(cell('Pupils measured')).toHaveText('4');
    await expect(cell('Average gain')).toHaveText(`+${(Math.round(average * 10) / 10).toFixed(1)} points`);
    await expect(cell('Improved')).toContainText(`${improved} of 4 (${halfUp(100 * improved, 4)}%)`);
    await expect(cell('Cost per pupil')).toHaveText(money(halfUp(costPence, 4)));
    await expect(cell('Cost per unit of gain')).toHaveText(money(halfUp(costPence * 10, total * 10)));
    await expect(table.getByRole('row').filter({ hasText: 'FLS' })).toContainText('Too few to judge');
  });

  test('entry and exit attendance come from the two data drops', async ({ app }) => {
    test.setTimeout(240_000);
    const page = app.page;
    const [autumn, spring] = TERMS.map(read);
    await app.open();
    await opened(page);
    await importDrop(app, 'autumn', autumn.length);
    await importDrop(app, 'spring', spring.length);
    // Pupils in both drops with an attendance figure in each.
    const both = autumn
      .filter((row) => row.upn && row.attendance !== '')
      .map((row) => ({ row, later: spring.find((r) => r.upn === row.upn && r.attendance !== '') }))
      .filter((pair) => pair.later)
      .slice(0, 2);
    expect(both).toHaveLength(2);
    expect(both.some((pair) => pair.row.attendance !== pair.later!.attendance)).toBe(true);

    await app.goTo('Provision');
    // 03/11/2025 is nearest the autumn drop (15/12/2025), 27/03/2026 the spring one (31/03/2026).
    await addFor(page, 'Daily report', both[0].row.upn, '2025-11-03', '2026-03-27');
    const recorded = page.getByRole('table', { name: 'Provision recorded' });
    await recorded.getByRole('button', { name: 'Edit Daily report', exact: true }).click();
    const edit = page.getByRole('region', { name: 'Edit provision: Daily report' });
    await edit.getByLabel('Joining from').fill('2025-11-03');
    await edit.getByLabel("Pupil's UPN or name").fill(both[1].row.upn);
    await edit.getByRole('button', { name: 'Add pupil to the group' }).click();
    await expect(edit.getByRole('table', { name: 'Pupils in the group' }).getByRole('row')).toHaveCount(3);
    await edit.getByRole('button', { name: 'Cancel' }).click();

    await recorded.getByRole('button', { name: 'Measures for Daily report', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Measures: Daily report' });
    await panel.getByLabel('Measure', { exact: true }).selectOption({ label: 'Attendance % (%, higher is better)' });
    await panel.getByRole('button', { name: 'Use this measure' }).click();
    const before = await revision(page);
    await panel.getByRole('button', { name: 'Take entry and exit from the data drops' }).click();
    await expect(
      panel.getByRole('status').filter({ hasText: 'Filled 2 entry and 2 exit values from the Autumn 2025/26 and Spring 2025/26 data drops.' }),
    ).toBeVisible();
    await savedSince(page, before);
    const grid = panel.getByRole('table', { name: 'Entry and exit values' });
    for (const { row, later } of both) {
      await expect(grid.getByLabel(`Entry for ${row.name}`)).toHaveValue(shortest(row.attendance));
      await expect(grid.getByLabel(`Exit for ${row.name}`)).toHaveValue(shortest(later!.attendance));
      await expect(grid.getByRole('row').filter({ hasText: row.name })).toContainText('15/12/2025 → 31/03/2026');
    }
  });
});
