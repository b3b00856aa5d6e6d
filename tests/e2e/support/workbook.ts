// Reading a downloaded workbook back outside the browser, with the project's own reader
// (examples/read_export.rs: calamine for the values, the zip's styles.xml for fills).
// scripts/test.sh builds the reader once before the browser tests; to run a spec on its
// own, build it first: `cargo build --example read_export`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type Cell = string | number | boolean | null;
export type Sheet = { name: string; rows: Cell[][]; fills: Record<string, string> };

const ROOT = join(__dirname, '..', '..', '..');
const READER = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'debug', 'examples', 'read_export');

/** Every sheet of the workbook at `path`, by name, in the workbook's order. */
export function readWorkbook(path: string): Map<string, Sheet> {
  if (!existsSync(READER)) {
    throw new Error(`The workbook reader is not built: run \`cargo build --example read_export\` (looked for ${READER}).`);
  }
  const out = execFileSync(READER, [path], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const sheets: Sheet[] = JSON.parse(out).sheets;
  return new Map(sheets.map((sheet) => [sheet.name, sheet]));
}
