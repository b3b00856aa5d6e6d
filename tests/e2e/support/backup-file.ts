// A planner backup file read and written independently of the app, so a test can set up
// saved state the UI cannot make yet (or makes slowly): download a backup, change its
// records, recompute its checksum, restore it. The checksum is what storage/backup.rs
// says: SHA-256 of the canonical JSON of every field but "checksum" — compact, object keys
// sorted by their UTF-8 bytes (as Rust's BTreeMap sorts them), numbers exactly as written.
// backup.spec.ts checks the app's own checksum with these too.
import { createHash } from 'node:crypto';

export type Json = null | boolean | string | { raw: string } | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Numbers, as their text in the file. */
const RAW = new WeakSet<object>();
const isRaw = (value: Json): value is { raw: string } =>
  typeof value === 'object' && value !== null && RAW.has(value);

/** A number kept as the text it is written as. */
export function raw(text: string | number): { raw: string } {
  const value = { raw: String(text) };
  RAW.add(value);
  return value;
}

/** A number read back (for counters such as `revision`). */
export function numberOf(value: Json): number {
  if (!isRaw(value)) throw new Error(`not a number: ${JSON.stringify(value)}`);
  return Number(value.raw);
}

/** A small JSON parser that keeps each number's text (JSON.parse would turn 1.0 into 1). */
export function parseKeepingNumbers(text: string): Json {
  let at = 0;
  const space = () => {
    while (at < text.length && ' \t\r\n'.includes(text[at])) at++;
  };
  const value = (): Json => {
    space();
    const c = text[at];
    if (c === '{') {
      at++;
      const object: JsonObject = {};
      space();
      if (text[at] === '}') return at++, object;
      for (;;) {
        space();
        const key = value() as string;
        space();
        at++; // ':'
        object[key] = value();
        space();
        if (text[at++] === '}') return object;
      }
    }
    if (c === '[') {
      at++;
      const array: Json[] = [];
      space();
      if (text[at] === ']') return at++, array;
      for (;;) {
        array.push(value());
        space();
        if (text[at++] === ']') return array;
      }
    }
    if (c === '"') {
      const start = at++;
      while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
      at++;
      return JSON.parse(text.slice(start, at)) as string;
    }
    const match = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(at, at + 64));
    if (!match) throw new Error(`not JSON at ${at}`);
    at += match[0].length;
    if (match[0] === 'true') return true;
    if (match[0] === 'false') return false;
    if (match[0] === 'null') return null;
    return raw(match[0]);
  };
  return value();
}

/** Plain JavaScript data (numbers as numbers) as [`Json`], for records a test adds. */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return raw(value);
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(toJson);
  return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toJson(v)]));
}

/** The canonical JSON of `value`. */
export function canonical(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (isRaw(value)) return value.raw;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
}

/** The checksum a backup file carries for its other fields. */
export function checksumOf(file: JsonObject): string {
  const { checksum: _ignored, ...rest } = file;
  return createHash('sha256').update(canonical(rest), 'utf8').digest('hex');
}

/** The backup file's bytes after `file` was changed: its checksum made right again. */
export function sealed(file: JsonObject): Buffer {
  file.checksum = checksumOf(file);
  return Buffer.from(canonical(file), 'utf8');
}
