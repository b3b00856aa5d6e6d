// Self-evaluation (issue 15, SPEC §8.4 and §11). The practical guide itself
// (tests/fixtures/seeds/001_…, a copy of ../shared/seeds) is read here: each chapter's "Developing practice checklist"
// gives the feature (the chapter's heading) and its prompts, so nothing the page should show
// is copied into the test. Checked: the nine features' headings in the guide's order, each
// with its prompts; a prompt made a development priority with an effectiveness, Phase 1–3
// dates and a note survives a reload and is its row of the workbook's Self-evaluation
// sheet; a date that cannot be read, and a phase before an earlier one, are said beside the
// field and never saved.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/harness';
import type { PlannerApp } from './support/planner-app';
import { opened, revision, savedSince } from './support/saving';
import { readWorkbook } from './support/workbook';

const GUIDE = join(__dirname, '..', 'fixtures', 'seeds', '001_bb5b8b04b821f101.txt');

type Feature = { title: string; prompts: string[] };

/** A markdown heading's text without its #s, bold marks or chapter number ("9. "). */
function heading(line: string): string | null {
  const match = /^#+\s*(.*)$/.exec(line.trim());
  if (!match) return null;
  return match[1]
    .replace(/^\*+|\*+$/g, '')
    .trim()
    .replace(/^\d+\.\s+/, '');
}

/** Each chapter's heading and checklist prompts, in the guide's order. A checklist
 *  belongs to the heading just before its chapter's "Rationale". */
function checklists(): Feature[] {
  const lines = readFileSync(GUIDE, 'utf8').split(/\r?\n/);
  const features: Feature[] = [];
  lines.forEach((line, at) => {
    if (heading(line) !== 'Developing practice checklist') return;
    let rationale = at - 1;
    while (heading(lines[rationale]) !== 'Rationale') rationale--;
    let title = rationale - 1;
    while (heading(lines[title]) === null) title--;
    const prompts: string[] = [];
    for (const next of lines.slice(at + 1)) {
      if (heading(next) !== null) break;
      if (next.startsWith('- ')) prompts.push(next.slice(2).trim());
    }
    features.push({ title: heading(lines[title])!, prompts });
  });
  return features;
}

const FEATURES = checklists();

/** A day `days` from today, as typed without leading zeros ("1/9/2026") and as the
 *  planner writes it ("01/09/2026"). */
function fromToday(days: number): { typed: string; shown: string } {
  const when = new Date();
  when.setDate(when.getDate() + days);
  const [d, m, y] = [when.getDate(), when.getMonth() + 1, when.getFullYear()];
  const pad = (n: number) => String(n).padStart(2, '0');
  return { typed: `${d}/${m}/${y}`, shown: `${pad(d)}/${pad(m)}/${y}` };
}

async function openSelfEvaluation(app: PlannerApp): Promise<void> {
  const link = app.navigation.getByRole('link', { name: 'Self-evaluation', exact: true });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
  await expect(app.heading).toHaveText('Self-evaluation');
  await app.checkAccessibility('Self-evaluation');
}

/** The controls of one prompt, by their accessible names (each names its prompt). */
function controls(page: Page, prompt: string) {
  const named = (label: string) => `${label} ${prompt}`;
  return {
    effectiveness: page.getByRole('combobox', { name: named('How effective now'), exact: true }),
    priority: page.getByRole('checkbox', { name: named('Development priority'), exact: true }),
    phase: (n: 1 | 2 | 3) => page.getByRole('textbox', { name: named(`Phase ${n}`), exact: true }),
    notes: page.getByRole('textbox', { name: named('Notes'), exact: true }),
  };
}

test('the nine features of the guide, each with its checklist prompts', async ({ app, page }) => {
  expect(FEATURES).toHaveLength(9);
  await app.open();
  await openSelfEvaluation(app);
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toContainText(
    FEATURES.map((feature) => feature.title),
  );
  for (const feature of FEATURES) {
    expect(feature.prompts.length).toBeGreaterThan(0);
    const section = page.getByRole('region', { name: feature.title, exact: true });
    await expect(section.getByRole('heading', { level: 2, name: feature.title, exact: true })).toBeVisible();
    await expect(section.getByRole('group')).toHaveCount(feature.prompts.length);
    for (const prompt of feature.prompts) {
      await expect(section.getByRole('group', { name: prompt, exact: true })).toBeVisible();
      await expect(controls(page, prompt).effectiveness).toHaveValue('');
    }
  }
  const total = FEATURES.reduce((sum, feature) => sum + feature.prompts.length, 0);
  await expect(page.getByText(`0 of ${total} prompts answered; 0 development priorities.`)).toBeVisible();
  // Where the planner holds evidence, the feature links to it.
  const targetSetting = page.getByRole('region', { name: FEATURES[1].title, exact: true });
  await expect(targetSetting.getByRole('link', { name: 'Targets', exact: true })).toHaveAttribute('href', '#targets');
  const intervention = page.getByRole('region', { name: FEATURES[3].title, exact: true });
  await expect(intervention.getByRole('link', { name: 'What works', exact: true })).toHaveAttribute(
    'href',
    '#what-works',
  );

  // On paper: the Annex-style grid (a heading row per feature, a row per prompt) instead
  // of the form, on A4 landscape (297 mm wide: 841.92 points).
  await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  const grid = page.getByRole('table', { name: 'Self-evaluation (for printing)' });
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('row')).toHaveCount(1 + FEATURES.length + total);
  await expect(grid.getByRole('columnheader', { name: FEATURES[8].title })).toBeVisible();
  await expect(page.getByRole('group', { name: FEATURES[0].prompts[0], exact: true })).toBeHidden();
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const pages = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  expect(pages.length).toBeGreaterThan(0);
  for (const [, width, height] of pages) {
    expect(Math.round((Number(width) * 25.4) / 72)).toBe(297);
    expect(Math.round((Number(height) * 25.4) / 72)).toBe(210);
  }
});

test('a development priority with its dates and a note survives a reload and is exported', async ({ app, page }, testInfo) => {
  test.setTimeout(120_000);
  await app.open();
  await opened(page);
  let before = await revision(page);
  await page.getByRole('button', { name: 'Try it with a made-up school' }).click();
  await savedSince(page, before);
  await openSelfEvaluation(app);

  const feature = FEATURES[1];
  const prompt = feature.prompts[1];
  const mine = controls(page, prompt);
  const phases = [fromToday(30), fromToday(120), fromToday(240)];
  const note = '  Use the termly drops to list pupils off trajectory.  ';

  before = await revision(page);
  await mine.effectiveness.selectOption({ label: 'Developing' });
  await mine.priority.check();
  for (const [at, phase] of phases.entries()) {
    await mine.phase((at + 1) as 1 | 2 | 3).fill(phase.typed);
    await mine.phase((at + 1) as 1 | 2 | 3).press('Tab');
  }
  await mine.notes.fill(note);
  await mine.notes.press('Tab');
  await savedSince(page, before);
  for (const [at, phase] of phases.entries()) {
    await expect(mine.phase((at + 1) as 1 | 2 | 3)).toHaveValue(phase.shown);
  }
  const total = FEATURES.reduce((sum, f) => sum + f.prompts.length, 0);
  await expect(page.getByText(`1 of ${total} prompts answered; 1 development priority.`)).toBeVisible();
  const priorities = page.getByRole('table', { name: /Development priorities/ });
  await expect(priorities.getByRole('row').nth(1)).toContainText(prompt);
  await expect(priorities.getByRole('row').nth(1)).toContainText(phases[0].shown);

  // A date that cannot be read, and a phase before an earlier one: said beside the field,
  // and nothing saved (a later change to the notes is saved without them).
  const unreadable = '31/02/' + phases[1].shown.slice(6);
  await mine.phase(2).fill(unreadable);
  await mine.phase(2).press('Tab');
  await expect(mine.phase(2)).toHaveAttribute('aria-invalid', 'true');
  await expect(mine.phase(2)).toHaveAccessibleDescription(new RegExp(`Phase 2 date: .${unreadable}. is not a date`));
  await expect(mine.phase(2)).toHaveValue(unreadable);
  await mine.phase(2).fill(phases[1].typed);
  await mine.phase(2).press('Tab');
  await expect(mine.phase(2)).not.toHaveAttribute('aria-invalid', 'true');
  await mine.phase(3).fill(phases[0].typed);
  await mine.phase(3).press('Tab');
  await expect(mine.phase(3)).toHaveAccessibleDescription(
    new RegExp(`Phase 3 date \\(${phases[0].shown}\\) is before the Phase 2 date \\(${phases[1].shown}\\)`),
  );
  await mine.phase(1).fill('next term');
  await mine.phase(1).press('Tab');
  await expect(mine.phase(1)).toHaveAccessibleDescription(/Phase 1 date: .next term. is not a date/);
  before = await revision(page);
  const later = `${note.trim()} Review at the spring data drop.`;
  await mine.notes.fill(later);
  await mine.notes.press('Tab');
  await savedSince(page, before);

  await page.reload();
  await opened(page);
  await expect(app.heading).toHaveText('Self-evaluation');
  await expect(mine.effectiveness.locator('option:checked')).toHaveText('Developing');
  await expect(mine.priority).toBeChecked();
  for (const [at, phase] of phases.entries()) {
    await expect(mine.phase((at + 1) as 1 | 2 | 3)).toHaveValue(phase.shown);
  }
  await expect(mine.notes).toHaveValue(later);
  // Another prompt is still unanswered.
  await expect(controls(page, feature.prompts[0]).priority).not.toBeChecked();

  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export to Excel', exact: true }).click(),
  ]);
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toBeVisible();
  const path = testInfo.outputPath('self-evaluation.xlsx');
  await file.saveAs(path);
  const sheet = readWorkbook(path).get('Self-evaluation');
  expect(sheet, 'a Self-evaluation sheet').toBeDefined();
  const rows = sheet!.rows;
  expect(rows[0]).toEqual([
    'Feature',
    'Prompt',
    'How effective now',
    'Development priority',
    'Phase 1 date',
    'Phase 2 date',
    'Phase 3 date',
    'Notes',
  ]);
  // Every prompt of every feature, in the guide's order.
  const listed = rows.slice(1, 1 + total).map((row) => [row[0], row[1]]);
  expect(listed).toEqual(FEATURES.flatMap((f) => f.prompts.map((p) => [f.title, p])));
  const row = rows.find((cells) => cells[1] === prompt)!;
  expect(row).toEqual([
    feature.title,
    prompt,
    'Developing',
    'Yes',
    phases[0].shown,
    phases[1].shown,
    phases[2].shown,
    later,
  ]);
  const unanswered = rows.find((cells) => cells[1] === feature.prompts[0])!;
  expect(unanswered.slice(2).every((cell) => cell === null || cell === undefined)).toBe(true);
});
