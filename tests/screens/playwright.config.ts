// Screenshots for review, not a test suite: scripts/screenshots.sh runs this. Same
// browser, launch options and web server as tests/e2e (tests/playwright.base.ts); a
// 1366×900 viewport, with 1366×768 shots of a school laptop's first screen.
import { defineConfig } from '@playwright/test';
import { baseURL, chromium, servedOn } from '../playwright.base';

const port = Number(process.env.SCREENS_PORT || 4195);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../target/screens-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 120_000,
  reporter: [['list']],
  use: {
    baseURL: baseURL(port),
    viewport: { width: 1366, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
    acceptDownloads: true,
    launchOptions: chromium,
  },
  webServer: servedOn(port),
});
