// The harness every browser test uses. It records every request, console error and page
// error, and after each test fails it if:
//   - any request went to an origin other than the app's own (privacy: SPEC §10);
//   - any console error or uncaught page error happened;
// and PlannerApp runs axe-core on every page a test visits (serious/critical fail).
// Playwright itself keeps a screenshot of any failure (config: screenshot on failure).
import { test as base, expect } from '@playwright/test';
import { PlannerApp } from './planner-app';

export { expect };

/** What the browser did during one test. */
export class Observations {
  /** Requests made by the page and its Web Workers. */
  readonly requests: string[] = [];
  /** Requests the service worker made itself (precaching, cache misses): public/sw.js. */
  readonly serviceWorkerRequests: string[] = [];
  readonly foreignRequests: string[] = [];
  readonly consoleErrors: string[] = [];
  readonly pageErrors: string[] = [];

  private readonly expectedConsoleErrors: RegExp[] = [];
  /** Exact URLs that count as the app's own although their origin differs (file://). */
  private readonly ownUrls = new Set<string>();

  constructor(private readonly allowedOrigin: string) {}

  /** A test that provokes a console error on purpose declares it here. */
  expectConsoleError(pattern: RegExp): void {
    this.expectedConsoleErrors.push(pattern);
  }

  /** Console errors nobody declared. */
  unexpectedConsoleErrors(): string[] {
    return this.consoleErrors.filter(
      (text) => !this.expectedConsoleErrors.some((pattern) => pattern.test(text)),
    );
  }

  /**
   * A test that opens the app from disk (the single-file build) declares that file here: a
   * file:// URL's origin is opaque ("null"), so it cannot match by origin, and any other
   * file:// request stays foreign.
   */
  allowOwnUrl(url: string): void {
    this.ownUrls.add(new URL(url).href);
  }

  /** Records one request; anything not from the app's own origin is foreign. */
  request(url: string, fromServiceWorker = false): void {
    (fromServiceWorker ? this.serviceWorkerRequests : this.requests).push(url);
    const { protocol, origin, href } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:') return;
    if (this.ownUrls.has(href)) return;
    if (protocol === 'file:' || origin !== this.allowedOrigin) this.foreignRequests.push(url);
  }
}

type Fixtures = { app: PlannerApp; observations: Observations };

export const test = base.extend<Fixtures>({
  observations: async ({ context, page, baseURL }, use, testInfo) => {
    const observations = new Observations(new URL(baseURL ?? 'http://127.0.0.1').origin);
    // Context-level, so requests from workers and the service worker are seen too.
    context.on('request', (request) =>
      observations.request(request.url(), request.serviceWorker() !== null),
    );
    page.on('console', (message) => {
      if (message.type() === 'error') observations.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => observations.pageErrors.push(String(error)));

    await use(observations);

    await testInfo.attach('requests.txt', {
      body:
        [
          ...observations.requests,
          ...observations.serviceWorkerRequests.map((url) => `${url} (service worker)`),
        ].join('\n') || '(none)',
      contentType: 'text/plain',
    });
    expect(observations.foreignRequests, 'requests to another origin').toEqual([]);
    expect(observations.pageErrors, 'uncaught page errors').toEqual([]);
    expect(observations.unexpectedConsoleErrors(), 'console errors').toEqual([]);
  },
  app: async ({ page, observations }, use) => {
    await use(new PlannerApp(page, observations));
  },
});
