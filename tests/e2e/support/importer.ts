// The import flow, as a user does it: choose a file, check the columns, confirm.
import { expect, type Locator } from '@playwright/test';
import { join } from 'node:path';
import type { PlannerApp } from './planner-app';

/** Path of a fixture file in tests/fixtures. */
export const fixture = (name: string): string => join(__dirname, '..', '..', 'fixtures', name);

export class Importer {
  constructor(readonly app: PlannerApp) {}

  get status(): Locator {
    return this.app.page.getByRole('status').filter({ hasText: /pupils imported|cancelled/ });
  }

  get alert(): Locator {
    return this.app.page.getByRole('alert');
  }

  get confirmButton(): Locator {
    return this.app.page.getByRole('button', { name: 'Confirm import' });
  }

  /** Chooses a fixture and waits for the review screen (or an alert). */
  async choose(name: string): Promise<void> {
    await this.app.fileInput.setInputFiles(fixture(name));
  }

  /** Chooses a fixture, reviews, confirms, and waits for "<N> pupils imported". */
  async importFile(name: string, expectedPupils: number): Promise<void> {
    await this.choose(name);
    await expect(this.confirmButton).toBeVisible({ timeout: 30_000 });
    await this.app.checkAccessibility(`review of ${name}`);
    await this.confirmButton.click();
    await expect(this.app.page.getByRole('status')).toContainText(
      `${expectedPupils} pupils imported`,
      { timeout: 30_000 },
    );
  }

  /** Chooses a file that must be refused, and returns the alert's text. */
  async refuse(name: string): Promise<string> {
    await this.choose(name);
    await expect(this.alert).toBeVisible({ timeout: 30_000 });
    await expect(this.confirmButton).toHaveCount(0);
    return (await this.alert.textContent()) ?? '';
  }
}
