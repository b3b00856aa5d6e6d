// Browser tests drive the real release build (dist/) in Debian's Chromium.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT || 4173);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../target/e2e-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: '../../target/e2e-report.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/planner/`,
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
    // Served under a sub-path to prove the build uses relative asset URLs (SPEC §10).
    command: `node ../../tools/serve.mjs --dir ../../dist --port ${port} --base /planner/`,
    url: `http://127.0.0.1:${port}/planner/`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
});
