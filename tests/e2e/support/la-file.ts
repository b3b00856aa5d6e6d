// A made-up local authority's file of many schools, made by the project's own generator
// (`examples/generate_school`, `--schools N`) and read back here, so a test can work out
// from the file's own cells what the Schools page should show.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hundredths } from './termly-files';

const ROOT = join(__dirname, '..', '..', '..');

/** One row of the file, as the planner reads the cells a test checks. */
export interface LaRow {
  /** The school's URN; '' when the row gives no school. */
  urn: string;
  /** The school's name; '' when the row gives no school. */
  school: string;
  upn: string;
  /**
   * Attendance in hundredths of a percent as the planner reads it: the percentage, else
   * worked out from sessions, half up (scoring::pupil_attendance); null when neither.
   */
  attendance: number | null;
  /** One or more suspensions this year: the count, else sessions of suspension; null when neither. */
  suspended: boolean | null;
}

/** One line of CSV as cells: RFC 4180 quoting (quoted commas, doubled quotes). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      out.push(cell);
      cell = '';
    } else {
      cell += c;
    }
  }
  out.push(cell);
  return out;
}

/** The file `target/<dir>/la.csv` of `schools` schools from `seed`. */
export class LaFile {
  readonly out: string;

  constructor(dir: string, readonly seed: number, readonly schools: number) {
    this.out = join(ROOT, 'target', dir);
  }

  get path(): string {
    return join(this.out, 'la.csv');
  }

  /** Runs the generator. */
  generate(): void {
    mkdirSync(this.out, { recursive: true });
    execFileSync(
      'cargo',
      ['run', '--locked', '--quiet', '--example', 'generate_school', '--', '--schools', String(this.schools),
        '--seed', String(this.seed), '--as-of', '13/03/2026', '--out', join(this.out, 'la'), '--formats', 'csv'],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }

  /** Every row of the file. */
  rows(): LaRow[] {
    const [head, ...lines] = readFileSync(this.path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const columns = cells(head);
    const at = (name: string) => {
      const index = columns.indexOf(name);
      if (index < 0) throw new Error(`no column ${name}`);
      return index;
    };
    return lines.map(cells).map((row) => {
      const percent = row[at('Attendance %')].trim();
      const possible = Number(row[at('Possible Sessions')] || 0);
      const attended = Number(row[at('Attended Sessions')] || 0);
      const fromSessions =
        possible > 0 && attended <= possible ? Math.floor((attended * 20_000 + possible) / (2 * possible)) : null;
      const count = row[at('Suspensions')].trim();
      const sessions = row[at('Suspension Sessions')].trim();
      return {
        urn: row[at('URN')].trim(),
        school: row[at('School Name')].trim(),
        upn: row[at('UPN')].trim().toUpperCase(),
        attendance: percent === '' ? fromSessions : hundredths(percent),
        suspended: count !== '' ? Number(count) >= 1 : sessions !== '' ? Number(sessions) > 0 : null,
      };
    });
  }
}

/** The rows of each school by URN, in the order the file first names it ('' for no school). */
export function bySchool(rows: LaRow[]): Map<string, LaRow[]> {
  const schools = new Map<string, LaRow[]>();
  for (const row of rows) {
    const list = schools.get(row.urn) ?? [];
    list.push(row);
    schools.set(row.urn, list);
  }
  return schools;
}

/** Mean attendance in hundredths of those with it recorded, rounded half up; null for none. */
export function meanAttendance(rows: LaRow[]): number | null {
  const known = rows.map((row) => row.attendance).filter((value): value is number => value !== null);
  if (known.length === 0) return null;
  const sum = known.reduce((total, value) => total + value, 0);
  return Math.floor((2 * sum + known.length) / (2 * known.length));
}
