// The secondary school (issue #4, "Must show" 2): secondary_1200.xlsx imported through the
// UI gives an "All pupils" grid with aria-rowcount 1201, a "Shortlist" with 24 + 1, and the
// shortlist's UPNs, read from every row of the virtualised grid, in the order of
// tests/fixtures/expected/secondary_1200.json.
import { readFileSync } from 'node:fs';
import { test, expect } from './support/harness';
import { Importer, fixture } from './support/importer';
import { COLUMN } from './support/planner-grid';

type Expected = {
  pupils: number;
  rag: { green: number; amber: number; red: number };
  shortlist_size: number;
  shortlist: string[];
};

const expected: Expected = JSON.parse(readFileSync(fixture('expected/secondary_1200.json'), 'utf8'));

test('secondary_1200.xlsx: All pupils counts 1,200, the Shortlist 24, in the expected order', async ({ app, page }) => {
  // The fixture's own promise, so a changed fixture cannot silently weaken the test.
  expect(expected.pupils).toBe(1200);
  expect(expected.shortlist).toHaveLength(expected.shortlist_size);

  await app.open();
  await new Importer(app).importFile('secondary_1200.xlsx', expected.pupils);

  await app.goTo('All pupils');
  const all = app.grid('All pupils');
  await expect(all.grid).toHaveAttribute('aria-rowcount', '1201');
  // Virtualised: far fewer rows in the DOM than pupils.
  await expect.poll(() => all.bodyRows.count()).toBeLessThan(100);
  const { red, amber, green } = expected.rag;
  await expect(page.getByText(`${expected.pupils} pupils: ${red} red, ${amber} amber, ${green} green`)).toBeVisible();

  await app.goTo('Shortlist');
  const shortlist = app.grid('Shortlist');
  await expect(shortlist.grid).toHaveAttribute('aria-rowcount', String(expected.shortlist_size + 1));
  await expect(shortlist.grid).toHaveAttribute('aria-rowcount', '25');
  // Every row, scrolling through the virtualised grid, in rank order.
  expect(await shortlist.allColumnTexts(COLUMN.upn)).toEqual(expected.shortlist);
  await expect(
    page.getByText(`(${expected.shortlist_size} of ${expected.pupils}) with the highest overall indicator`),
  ).toBeVisible();
});
