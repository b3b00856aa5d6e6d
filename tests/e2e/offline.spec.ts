// Offline (SPEC §10): after one visit the app loads and works with the network off, and a
// new build is offered as "Reload to update". public/sw.js is the service worker,
// tools/stamp-sw.mjs stamps it with the build's file list and hash (a trunk post_build hook).
import { test, expect } from './support/harness';
import { Importer } from './support/importer';
import type { Page } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const dist = join(root, 'dist');
const stampScript = join(root, 'tools', 'stamp-sw.mjs');

/** Waits until the service worker is active and controls the page (reloading once if not). */
async function waitUntilControlled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!(await controlled())) await page.reload();
  await expect.poll(controlled, { message: 'page controlled by the service worker' }).toBe(true);
}

/** The stamped VERSION and FILES of a sw.js. */
function readStamp(source: string): { version: string; files: string[] } {
  const version = /const VERSION = "([0-9a-f]+)";/.exec(source)?.[1] ?? '';
  const files = JSON.parse(/const FILES = (\[[\s\S]*?\]);/.exec(source)?.[1] ?? '[]') as string[];
  return { version, files };
}

const stamp = (dir: string): void => {
  execFileSync(process.execPath, [stampScript, dir], { stdio: 'pipe' });
};

test('after one visit the app loads and imports a spreadsheet with the network off', async ({
  app,
  page,
  context,
}) => {
  await app.open();
  await waitUntilControlled(page);

  await context.setOffline(true);
  try {
    const notFromCache: string[] = [];
    page.on('response', (response) => {
      if (!response.fromServiceWorker()) notFromCache.push(response.url());
    });
    await page.reload();
    await expect(app.navigation).toBeVisible();
    await expect(app.fileInput).toBeVisible();
    await app.checkAccessibility('start page, offline');
    // The import runs in the Web Worker, whose script and wasm also come from the cache.
    await new Importer(app).importFile('primary_210.csv', 210);
    expect(notFromCache, 'responses not served by the service worker').toEqual([]);
    // A reload is a new page: the offline check starts again.
    await page.reload();
    await expect(app.navigation).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test('the build stamps sw.js with every built file and a hash that changes with any file', () => {
  const built = readFileSync(join(dist, 'sw.js'), 'utf8');
  const { version, files } = readStamp(built);
  expect(version).toMatch(/^[0-9a-f]{64}$/);
  const expected = readdirSync(dist)
    .filter((name) => name !== 'sw.js' && !name.startsWith('.'))
    .map((name) => (name === 'index.html' ? './' : `./${name}`));
  expect([...files].sort()).toEqual(expected.sort());
  const appFiles = ['./', './boot.js', './import-worker.js', './planner.js', './planner_bg.wasm'];
  for (const file of [...appFiles, './favicon.svg', './app.css', './tokens.css', './table.css']) {
    expect(files).toContain(file);
  }

  const copy = mkdtempSync(join(tmpdir(), 'planner-sw-'));
  try {
    cpSync(dist, copy, { recursive: true });
    // Stamping is idempotent, and dist/sw.js is the stamp of exactly this build …
    stamp(copy);
    expect(readFileSync(join(copy, 'sw.js'), 'utf8')).toBe(built);
    // … also from the unstamped source.
    cpSync(join(root, 'public', 'sw.js'), join(copy, 'sw.js'));
    stamp(copy);
    expect(readFileSync(join(copy, 'sw.js'), 'utf8')).toBe(built);
    // One changed byte in any file is a new version.
    appendFileSync(join(copy, 'table.css'), '\n');
    stamp(copy);
    const changed = readStamp(readFileSync(join(copy, 'sw.js'), 'utf8'));
    expect(changed.version).toMatch(/^[0-9a-f]{64}$/);
    expect(changed.version).not.toBe(version);
    expect(changed.files).toEqual(files);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

// A real version change: a copy of dist/ on its own server, changed and re-stamped while a
// page is open on it.
const updateTest = test.extend<{ copy: string }, { server: { url: string; dir: string } }>({
  server: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'planner-update-'));
      cpSync(dist, dir, { recursive: true });
      const port = await freePort();
      const child = spawn(
        process.execPath,
        [join(root, 'tools', 'serve.mjs'), '--dir', dir, '--port', String(port), '--base', '/planner/'],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve, reject) => {
        child.once('error', reject);
        child.stdout?.once('data', () => resolve());
      });
      await use({ url: `http://127.0.0.1:${port}/planner/`, dir });
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  copy: async ({ server }, use) => use(server.dir),
});

updateTest('a new build is offered as "Reload to update" and takes over on reload', async ({
  app,
  page,
  copy,
}) => {
  await app.open();
  await waitUntilControlled(page);
  const before = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
  expect(before).toMatch(/\/planner\/sw\.js$/);
  const banner = page.getByRole('status').filter({ hasText: 'A new version of the planner is available.' });
  await expect(banner).toHaveCount(0);

  // A new build: the page changed (trunk's integrity hashes keep the other files tied to
  // it, so a real build changes index.html whenever any asset changes), sw.js re-stamped.
  appendFileSync(join(copy, 'index.html'), '<!-- new build -->\n');
  stamp(copy);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });

  await expect(banner).toBeVisible({ timeout: 30_000 });
  await app.checkAccessibility('update banner');
  const reloaded = page.waitForEvent('load');
  await banner.getByRole('button', { name: 'Reload to update' }).click();
  await reloaded;
  await expect(app.navigation).toBeVisible();
  await expect(banner).toHaveCount(0);

  // The page is now served by the new version, and the old cache is gone.
  const state = await page.evaluate(async () => ({
    html: await (await fetch('./')).text(),
    caches: await caches.keys(),
  }));
  expect(state.html).toContain('<!-- new build -->');
  expect(state.caches.filter((name) => name.startsWith('planner:'))).toHaveLength(1);
});

/** A TCP port nobody is listening on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
