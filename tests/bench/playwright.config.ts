// The benchmark (scripts/bench.sh): drives the release build (dist/) in Debian's
// Chromium and PRINTS figures; it asserts no timings. Kept outside tests/e2e so the test
// command's browser tests never pick it up.
import { defineConfig } from '@playwright/test';

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
    baseURL: `http://127.0.0.1:${port}/planner/`,
    headless: true,
    trace: 'off',
    screenshot: 'off',
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
    command: `node ../../tools/serve.mjs --dir ../../dist --port ${port} --base /planner/`,
    url: `http://127.0.0.1:${port}/planner/`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
});
