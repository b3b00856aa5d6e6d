// Waiting for a save the test itself caused. The header says "Saved" most of the time, so
// waiting for that text after an action proves nothing; the header also carries the
// revision of the workspace record last written (`data-revision`), which rises with every
// save. Read it BEFORE the action, then wait for a higher one.
import { expect, type Page } from '@playwright/test';

/** The header once work is saved: protected, or saved but not yet protected by the browser. */
export const SAVED = /✓ Saved on this computer|Saved in this browser — not yet protected/;

/** The revision last saved or loaded (0 before the saved work has been opened). */
export async function revision(page: Page): Promise<number> {
  const text = await page.locator('.save-state').getAttribute('data-revision');
  return Number(text ?? '0');
}

/** Waits until a save newer than `before` has finished and the header says so. */
export async function savedSince(page: Page, before: number, timeout = 15_000): Promise<void> {
  await expect.poll(() => revision(page), { timeout, message: `a save after revision ${before}` }).toBeGreaterThan(before);
  await expect(page.getByRole('banner').getByText(SAVED)).toBeVisible({ timeout });
}

/** Waits until the saved work has been opened (at start-up or after a reload). */
export async function opened(page: Page, timeout = 30_000): Promise<void> {
  await expect(page.getByRole('banner').getByText(SAVED)).toBeVisible({ timeout });
  await expect.poll(() => revision(page), { timeout }).toBeGreaterThan(0);
}
