// Screenshots for review (issue #4 "Must show" 6), not a test suite: scripts/screenshots.sh
// runs this. Same browser, launch options and web server as tests/e2e; 1366×900 viewport.
import { defineConfig } from '@playwright/test';

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
    baseURL: `http://127.0.0.1:${port}/planner/`,
    viewport: { width: 1366, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // Served under a sub-path, as in tests/e2e.
    command: `node ../../tools/serve.mjs --dir ../../dist --port ${port} --base /planner/`,
    url: `http://127.0.0.1:${port}/planner/`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
});
