// Page object for the planner: tests speak in the app's roles and labels (SPEC §11),
// never in CSS selectors.
import { expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { Observations } from './harness';
import { PlannerGrid, type GridName } from './planner-grid';

/** The navigation items, in order. */
export const NAV_ITEMS = [
  'Import',
  'Data drops',
  'Shortlist',
  'All pupils',
  'Cohorts',
  'Provision',
  'Costs',
  'What works',
  'Benchmarks',
  'Settings',
  'Help',
] as const;
export type NavItem = (typeof NAV_ITEMS)[number];

export class PlannerApp {
  constructor(
    readonly page: Page,
    readonly observations: Observations,
  ) {}

  /** Loads the app and waits until the WebAssembly has rendered the shell. */
  async open(path = './'): Promise<void> {
    await this.page.goto(path);
    await expect(this.navigation).toBeVisible();
    await this.checkAccessibility('start page');
  }

  get navigation(): Locator {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  /** Goes to a page through the navigation, as a user would, and checks it with axe. */
  async goTo(item: NavItem): Promise<void> {
    await this.navigation.getByRole('link', { name: item, exact: true }).click();
    await expect(
      this.navigation.getByRole('link', { name: item, exact: true }),
    ).toHaveAttribute('aria-current', 'page');
    await this.checkAccessibility(item);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** The file input, found by its accessible name. */
  get fileInput(): Locator {
    return this.page.getByLabel('Import pupil spreadsheet');
  }

  /** Runs axe-core (WCAG 2.2 A/AA rules) and fails on serious or critical violations. */
  async checkAccessibility(where: string): Promise<void> {
    const results = await new AxeBuilder({ page: this.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    const serious = results.violations.filter(
      (violation) => violation.impact === 'serious' || violation.impact === 'critical',
    );
    const summary = serious.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
    expect(summary, `accessibility violations on ${where}`).toEqual([]);
  }

  /** One of the planner grids, "All pupils" or "Shortlist" (SPEC §11). */
  grid(name: GridName): PlannerGrid {
    return new PlannerGrid(this, name);
  }
}
