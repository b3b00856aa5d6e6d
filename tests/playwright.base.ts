// What every Playwright config here shares (tests/e2e, tests/bench, tests/screens): Debian's
// Chromium with the launch options this machine needs (Playwright's own browser download
// fails here, and without the background-networking flags Chromium keeps dialling Google),
// and the release build in dist/ served under a sub-path by tools/serve.mjs.
import type { PlaywrightTestConfig } from '@playwright/test';

/** Chromium as every config launches it. */
export const chromium = {
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
};

/** The app's address when served on `port`: under /planner/, to prove relative URLs work. */
export const baseURL = (port: number): string => `http://127.0.0.1:${port}/planner/`;

/** The web server for dist/ (paths relative to a config one folder below tests/). */
export const servedOn = (port: number): PlaywrightTestConfig['webServer'] => ({
  command: `node ../../tools/serve.mjs --dir ../../dist --port ${port} --base /planner/`,
  url: baseURL(port),
  reuseExistingServer: false,
  stdout: 'ignore',
});
