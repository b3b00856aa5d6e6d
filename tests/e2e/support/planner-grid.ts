// Planner helpers for the page object: the grids named "All pupils" and "Shortlist"
// (SPEC §11), their rows, sorting, filters and the pupil profile. Kept beside
// planner-app.ts and used through PlannerApp, speaking in roles and labels; the only CSS
// here reads aria-rowindex / aria-colindex, which have no role-based locator.
import path from 'node:path';
import { expect, type Locator } from '@playwright/test';
import type { PlannerApp } from './planner-app';

export const FIXTURES = path.resolve(__dirname, '../../fixtures');

/** Column positions (aria-colindex) in the planner grid: the tick boxes come first. */
export const COLUMN = {
  select: 1,
  name: 2,
  upn: 3,
  year: 4,
  class: 5,
  overall: 11,
  deprivation: 12,
  attendance: 13,
  attainment: 15,
  interventions: 16,
} as const;

export type GridName = 'All pupils' | 'Shortlist';

export class PlannerGrid {
  constructor(
    readonly app: PlannerApp,
    readonly name: GridName,
  ) {}

  get grid(): Locator {
    return this.app.page.getByRole('grid', { name: this.name, exact: true });
  }

  /** The rendered body rows (virtualised: only those near the viewport). */
  get bodyRows(): Locator {
    return this.grid.locator('[role="row"]:not([aria-rowindex="1"])');
  }

  cell(row: Locator, column: number): Locator {
    return row.locator(`[role="gridcell"][aria-colindex="${column}"]`);
  }

  /** The text of one column in every rendered row, top to bottom. */
  async columnTexts(column: number): Promise<string[]> {
    return this.grid
      .locator(`[role="row"]:not([aria-rowindex="1"]) [role="gridcell"][aria-colindex="${column}"]`)
      .allInnerTexts()
      .then((texts) => texts.map((text) => text.trim()));
  }

  /**
   * The text of one column in EVERY row, top to bottom: scrolls the virtualised grid from
   * top to bottom, collecting cells by aria-rowindex, and checks none was missed.
   */
  async allColumnTexts(column: number): Promise<string[]> {
    const total = Number(await this.grid.getAttribute('aria-rowcount')) - 1;
    const byIndex = new Map<number, string>();
    const collect = async (): Promise<void> => {
      const rows = await this.grid
        .locator('[role="row"]:not([aria-rowindex="1"])')
        .evaluateAll(
          (elements, col) =>
            elements.map((row) => [
              Number(row.getAttribute('aria-rowindex')),
              (row.querySelector(`[role="gridcell"][aria-colindex="${col}"]`) as HTMLElement | null)
                ?.innerText ?? '',
            ]),
          column,
        );
      for (const [index, text] of rows) byIndex.set(index as number, String(text).trim());
    };
    await this.grid.evaluate((el) => el.scrollTo(0, 0));
    for (let guard = 0; guard < 10_000; guard += 1) {
      // Let the scroll handler render the new window.
      await this.app.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      await collect();
      const atEnd = await this.grid.evaluate((el) => {
        const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
        el.scrollBy(0, Math.max(40, Math.floor(el.clientHeight / 2)));
        return end;
      });
      if (atEnd) break;
    }
    await this.grid.evaluate((el) => el.scrollTo(0, 0));
    const texts: string[] = [];
    for (let index = 2; index <= total + 1; index += 1) {
      const text = byIndex.get(index);
      expect(text, `${this.name}: row ${index} was rendered while scrolling`).toBeDefined();
      texts.push(text!);
    }
    return texts;
  }

  /** The overall indicator of every rendered row, as numbers. */
  async overallValues(): Promise<number[]> {
    const texts = await this.columnTexts(COLUMN.overall);
    return texts.map((text) => Number(/(\d+\.\d)/.exec(text)?.[1] ?? NaN));
  }

  columnHeader(label: string): Locator {
    return this.grid.getByRole('columnheader', { name: label, exact: true });
  }

  /** Sorts by a column by activating its heading button. */
  async sortBy(label: string): Promise<void> {
    await this.columnHeader(label).getByRole('button').click();
  }

  async expectRowCount(pupils: number): Promise<void> {
    await expect(this.grid).toHaveAttribute('aria-rowcount', String(pupils + 1));
  }
}

/** Imports a fixture through the Import page and waits for the announcement. */
export async function importPupils(app: PlannerApp, fixture: string, pupils: number): Promise<void> {
  await app.goTo('Import');
  await app.fileInput.setInputFiles(path.join(FIXTURES, fixture));
  await app.page.getByRole('button', { name: 'Confirm import' }).click();
  await expect(app.page.getByRole('status').filter({ hasText: `${pupils} pupils imported` })).toBeVisible();
}
