// The benchmark (scripts/bench.sh): drives the release build (dist/) in Debian's
// Chromium and PRINTS figures; it asserts no timings. Kept outside tests/e2e so the test
// command's browser tests never pick it up.
import { defineConfig } from '@playwright/test';
import { baseURL, chromium, servedOn } from '../playwright.base';

const port = Number(process.env.BENCH_PORT || 4190);

export default defineConfig({
  testDir: '.',
  testMatch: 'bench.spec.ts',
  outputDir: '../../target/bench/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 20 * 60_000,
  reporter: [['list']],
  use: {
    baseURL: baseURL(port),
    headless: true,
    trace: 'off',
    screenshot: 'off',
    launchOptions: chromium,
  },
  webServer: servedOn(port),
});
