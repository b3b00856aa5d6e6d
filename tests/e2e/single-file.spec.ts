// The single-file build (SPEC §10, issue #5): one self-contained .html, opened from disk
// (file://) as on a machine that only allows opening files, imports a spreadsheet. The
// import runs in the page (ImportRunner::InPage, src/web/worker.rs): no worker can start
// from file://, and the page's CSP allows no request at all.
import { test, expect } from './support/harness';
import { Importer } from './support/importer';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(__dirname, '..', '..');
const wasm = join(root, 'dist', 'planner_bg.wasm');
const single = join(root, 'dist-single', 'personalisation-planner.html');

/** Build-time prerequisite: (re)make the single file from dist/ when it is missing or stale. */
function ensureSingleFile(): void {
  if (!existsSync(wasm)) throw new Error('no dist/planner_bg.wasm: run trunk build --release first');
  if (existsSync(single) && statSync(single).mtimeMs >= statSync(wasm).mtimeMs) return;
  execFileSync(
    process.execPath,
    [join(root, 'tools', 'single-file.mjs'), join(root, 'dist'), single],
    { cwd: root, stdio: 'pipe' },
  );
}

test.beforeAll(ensureSingleFile);

test('the single-file build opens from file:// and imports a spreadsheet without a request', async ({
  app,
  page,
  observations,
}) => {
  const url = pathToFileURL(single).href;
  observations.allowOwnUrl(url);

  await app.open(url);
  await expect(app.fileInput).toBeVisible();
  // The page really is the inline build: no worker, no service worker, nothing fetched.
  expect(await page.evaluate(() => location.protocol)).toBe('file:');

  await new Importer(app).importFile('primary_210.csv', 210);
  await app.goTo('All pupils');
  await expect(app.grid('All pupils').grid).toBeVisible();

  // IndexedDB from file:// may work (per file) or not; either way the header says where the
  // work stands, and the app carries on.
  await expect(
    page.getByRole('banner').getByText(/^(✓ Saved on this computer|Saved in this browser — not yet protected|⚠ .+)/),
  ).toBeVisible({ timeout: 15_000 });

  const others = observations.requests.filter(
    (request) => request !== url && !request.startsWith('data:'),
  );
  expect(others, 'requests other than the file itself and data: URLs').toEqual([]);
  expect(observations.serviceWorkerRequests).toEqual([]);
  expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
});

test('the single file is self-contained, with a hash-only CSP', () => {
  const html = readFileSync(single, 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("connect-src 'none'");
  expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval'(;|$)/);
  expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain("'self'");
  // Nothing refers to another file.
  expect(html).not.toMatch(/\s(src|href)="(?!data:)/);
  expect(html.match(/<script/g)).toHaveLength(1);
  expect(html.match(/<style/g)).toHaveLength(1);
});
