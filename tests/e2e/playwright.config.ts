// Browser tests drive the real release build (dist/) in Debian's Chromium.
//
// Two workers: each test has its own browser context, so its own IndexedDB, and the tests
// are independent. The offline and single-file specs change what the browser or the
// server sees (a service worker, the network, a file on disk), so they run afterwards,
// one at a time, on their own.
import { defineConfig } from '@playwright/test';
import { baseURL, chromium, servedOn } from '../playwright.base';

const port = Number(process.env.E2E_PORT || 4173);
const ALONE = /(offline|single-file)\.spec\.ts$/;

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../target/e2e-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: '../../target/e2e-report.json' }]],
  use: {
    baseURL: baseURL(port),
    screenshot: 'only-on-failure',
    trace: 'off',
    acceptDownloads: true,
    launchOptions: chromium,
  },
  projects: [
    { name: 'independent', testIgnore: ALONE },
    { name: 'alone', testMatch: ALONE, workers: 1, dependencies: ['independent'] },
  ],
  webServer: servedOn(port),
});
