// Termly files of a made-up school, made by the project's own generator
// (`examples/generate_school`, `--drops N`), read back here so a test can work out what
// the planner should show, and imported as data drops filed under their term.
import { expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannerApp } from './planner-app';
import { revision, savedSince } from './saving';

const ROOT = join(__dirname, '..', '..', '..');

/** The terms of an academic year, in order, as the generator names its files. */
export const TERMS = ['autumn', 'spring', 'summer'] as const;
export type TermName = (typeof TERMS)[number];

/** "Autumn 2025/26": how the planner names the drop for `term` of 2025/26. */
export const periodLabel = (term: TermName): string => `${term[0].toUpperCase()}${term.slice(1)} 2025/26`;

/** One pupil of a generated file. */
export interface TermlyRow {
  upn: string;
  /** As the planner names a pupil: preferred forename (else legal) and surname. */
  name: string;
  /** Attendance in hundredths of a percent, as the file gives it. */
  attendance: number | null;
}

/** One pupil of a generated file as the planner counts them (figures, targets). */
export interface CountedRow {
  upn: string;
  /** As the file writes it, dd/mm/yyyy. */
  dateOfBirth: string;
  /** "Reception", "Year 3": as the planner labels year groups. */
  year: string;
  /**
   * Attendance in hundredths of a percent as the planner reads it: the percentage, or
   * when it is blank worked out from sessions, half up (scoring::pupil_attendance); null
   * when neither is recorded.
   */
  attendance: number | null;
  /** FSM eligible or pupil premium (core::cohort::disadvantaged). */
  disadvantaged: boolean;
}

/** "92.2" → 9220, exactly (no floating point). */
export function hundredths(text: string): number {
  const [whole, part = ''] = text.trim().split('.');
  return Number(whole) * 100 + Number((part + '00').slice(0, 2));
}

/** Where the files for `drops` terms of 2025/26 are made under `target/<dir>`. */
export class TermlyFiles {
  readonly out: string;

  constructor(dir: string, readonly seed: number, readonly drops: number) {
    this.out = join(ROOT, 'target', dir);
  }

  /** The file for `term`. */
  file(term: TermName): string {
    return join(this.out, `school_${term}_2025-26.csv`);
  }

  /** Runs the generator: 210 primary pupils, one file a term from the autumn of 2025/26. */
  generate(): void {
    mkdirSync(this.out, { recursive: true });
    execFileSync(
      'cargo',
      ['run', '--locked', '--quiet', '--example', 'generate_school', '--', '--pupils', '210', '--phase', 'primary',
        '--seed', String(this.seed), '--drops', String(this.drops), '--as-of', '13/03/2026',
        '--out', join(this.out, 'school'), '--formats', 'csv'],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }

  /**
   * A file's rows as cells, with the place of each named column (the generator writes no
   * quoted commas in the columns read here).
   */
  private table(term: TermName): { at: (name: string) => number; rows: string[][] } {
    const [head, ...lines] = readFileSync(this.file(term), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const columns = head.split(',');
    const at = (name: string) => {
      const index = columns.indexOf(name);
      if (index < 0) throw new Error(`no column ${name}`);
      return index;
    };
    return { at, rows: lines.map((line) => line.split(',')) };
  }

  /** A file's pupils. */
  read(term: TermName): TermlyRow[] {
    const { at, rows } = this.table(term);
    return rows.map((cells) => {
      const attendance = cells[at('Attendance %')];
      const forename = cells[at('Preferred Forename')] || cells[at('Legal Forename')];
      return {
        upn: cells[at('UPN')].trim().toUpperCase(),
        name: `${forename} ${cells[at('Legal Surname')]}`.trim(),
        attendance: attendance === '' ? null : Math.round(Number(attendance) * 100),
      };
    });
  }

  /** A file's pupils as the planner counts them. */
  counted(term: TermName): CountedRow[] {
    const { at, rows } = this.table(term);
    return rows.map((cells) => {
      const percent = cells[at('Attendance %')];
      const possible = Number(cells[at('Possible Sessions')] || 0);
      const attended = Number(cells[at('Attended Sessions')] || 0);
      const fromSessions =
        possible > 0 && attended <= possible ? Math.floor((attended * 20_000 + possible) / (2 * possible)) : null;
      return {
        upn: cells[at('UPN')].trim().toUpperCase(),
        dateOfBirth: cells[at('Date of Birth')],
        year: cells[at('Year Group')],
        attendance: percent.trim() === '' ? fromSessions : hundredths(percent),
        disadvantaged: cells[at('FSM Eligible')] === 'Y' || cells[at('Pupil Premium')] === 'Y',
      };
    });
  }

  /** Imports the file for `term`, filed under that term of 2025/26, and waits for the save. */
  async import(app: PlannerApp, term: TermName, pupils: number): Promise<void> {
    const page = app.page;
    await app.goTo('Import');
    await app.fileInput.setInputFiles(this.file(term));
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
}

/** Attendance as the planner writes it: hundredths to one decimal, rounded half up, and "%". */
export function oneDecimal(hundredths: number): string {
  const tenths = Math.floor((hundredths + 5) / 10);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}
