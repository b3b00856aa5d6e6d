// The app shell: the release build loads from a sub-path, shows what a SENCO needs to
// start, and every page is reachable by keyboard-friendly navigation.
import { test, expect } from './support/harness';
import { NAV_ITEMS } from './support/planner-app';

test('the release build loads and offers the labelled file input', async ({ app, page }) => {
  await app.open();
  await expect(page.getByText('Personalisation Planner', { exact: true })).toBeVisible();
  await expect(page.getByText('Your pupil data stays on this computer')).toBeVisible();
  await expect(app.heading).toHaveText('Import pupils');
  await expect(app.fileInput).toBeVisible();
  await expect(app.fileInput).toHaveAttribute('type', 'file');
  // The app's own files were loaded from the sub-path, relatively. The page fetches the
  // wasm, and the import worker (started early so an import begins at once) may fetch
  // the same file again: every fetch is of that one file under /planner/.
  const wasm = app.observations.requests.filter((url) => url.endsWith('.wasm'));
  expect(wasm.length).toBeGreaterThanOrEqual(1);
  expect(new Set(wasm.map((url) => new URL(url).pathname))).toEqual(new Set(['/planner/planner_bg.wasm']));
});

test('every page in the navigation opens with a heading and says what to do first', async ({ app }) => {
  await app.open();
  for (const item of NAV_ITEMS) {
    await app.goTo(item);
    await expect(app.heading).toBeVisible();
    if (item !== 'Import' && item !== 'Help') {
      await expect(app.page.getByRole('link', { name: 'Import a pupil spreadsheet' })).toBeVisible();
    }
  }
  await expect(app.page).toHaveTitle(/Help – Personalisation Planner/);
});

test('a Content-Security-Policy allows nothing from another origin', async ({ app, page }) => {
  await app.open();
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("connect-src 'self'");
  expect(policy).not.toMatch(/https?:|\*/);
  expect(policy).not.toContain("'unsafe-inline'");
  // The policy is enforced: an inline script injected into the page does not run.
  app.observations.expectConsoleError(/Content Security Policy/);
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.appendChild(script);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
});

test('the keyboard reaches the skip link and the navigation first', async ({ app, page }) => {
  await app.open();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  // Then at most the header's own links (how safe the saved work is, a backup reminder),
  // then the navigation.
  const importLink = app.navigation.getByRole('link', { name: 'Import' });
  for (let press = 0; press < 3; press++) {
    await page.keyboard.press('Tab');
    if (await importLink.evaluate((link) => link === document.activeElement)) break;
    await expect(page.getByRole('banner').locator(':focus')).toHaveCount(1);
  }
  await expect(importLink).toBeFocused();
});
