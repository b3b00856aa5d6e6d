// Two tabs on one workspace editing at the same instant (issue 12 §1). Each tab's edit is
// fired by a timer aimed at the same `Date.now()` in both pages, so the two saves race.
// Edits to different things (two pupils' notes, a flag and a note) are merged and both
// kept; two different notes on the same pupil are a true conflict: one is kept and the
// other tab says plainly that its change was not saved — never "Saved" for a lost edit.
import { test, expect } from './support/harness';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { Importer, fixture } from './support/importer';
import { SAVED, opened, revision } from './support/saving';

const ROUNDS = 20;

type Pupil = { upn: string; name: string };

/** The pupils of primary_210.csv in file order: UPN (their key) and the name shown
 * (preferred forename and surname). */
function upns(): Pupil[] {
  const [, ...rows] = readFileSync(fixture('primary_210.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.length > 0);
  return rows.map((row) => {
    const [upn, surname, , preferred] = row.split(',');
    return { upn, name: `${preferred} ${surname}` };
  });
}

type Edit = { kind: 'note'; text: string } | { kind: 'flag' };

/** Opens a pupil's page in this tab (a same-document navigation: no reload). */
async function showPupil(page: Page, pupil: Pupil): Promise<void> {
  await page.goto(`./#pupil/${pupil.upn}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(pupil.name);
  await expect(page.locator('#pupil-notes')).toBeVisible();
}

/** Makes `edit` on the pupil shown, by a timer that fires at `target` (ms since 1970). */
function editAt(page: Page, target: number, edit: Edit): Promise<number> {
  return page.evaluate(
    ([target, edit]) =>
      new Promise<number>((resolve) => {
        setTimeout(() => {
          if (edit.kind === 'note') {
            const box = document.getElementById('pupil-notes') as HTMLTextAreaElement;
            box.value = edit.text;
            box.dispatchEvent(new Event('input', { bubbles: true }));
          } else {
            (document.getElementById('pupil-focus') as HTMLInputElement).click();
          }
          resolve(Date.now());
        }, Math.max(0, target - Date.now()));
      }),
    [target, edit] as const,
  );
}

/** The header's words about saving. */
const saveState = (page: Page) => page.locator('.save-state');

/** Waits until both tabs hold the same saved revision, at least `atLeast`. */
async function bothSettled(first: Page, second: Page, atLeast: number): Promise<void> {
  await expect
    .poll(async () => {
      const [a, b] = [await revision(first), await revision(second)];
      return a === b && a >= atLeast;
    }, { timeout: 20_000, message: `both tabs at one revision of at least ${atLeast}` })
    .toBe(true);
}

test('edits made in two tabs at the same instant are both kept, 20 times over', async ({ app, page, context }, testInfo) => {
  await app.open();
  await opened(page);
  await new Importer(app).importFile('primary_210.csv', 210);
  const pupils = upns();
  const second = await context.newPage();
  await second.goto(page.url());
  await opened(second);

  const notes = new Map<Pupil, string>();
  const flagged: Pupil[] = [];
  const skews: number[] = [];
  let next = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    // Even rounds: each tab writes a note on a different pupil. Odd rounds: one tab flags
    // a pupil while the other writes a note on the same pupil.
    const firstPupil = pupils[next];
    const secondPupil = round % 2 === 0 ? pupils[next + 1] : firstPupil;
    next += round % 2 === 0 ? 2 : 1;
    await showPupil(page, firstPupil);
    await showPupil(second, secondPupil);
    const before = Math.max(await revision(page), await revision(second));

    const firstEdit: Edit = round % 2 === 0 ? { kind: 'note', text: `Round ${round}: first tab.` } : { kind: 'flag' };
    const secondEdit: Edit = { kind: 'note', text: `Round ${round}: second tab.` };
    const target = Date.now() + 300;
    const [firedFirst, firedSecond] = await Promise.all([
      editAt(page, target, firstEdit),
      editAt(second, target, secondEdit),
    ]);
    skews.push(Math.abs(firedFirst - firedSecond));
    if (firstEdit.kind === 'note') notes.set(firstPupil, firstEdit.text);
    else flagged.push(firstPupil);
    notes.set(secondPupil, secondEdit.text);

    // Both edits written (two saves), both tabs at the merged record, both saying Saved.
    await bothSettled(page, second, before + 2);
    await expect(saveState(page)).toHaveText(SAVED);
    await expect(saveState(second)).toHaveText(SAVED);
  }
  testInfo.annotations.push({
    type: 'timing',
    description: `the two tabs' edits fired within ${Math.max(...skews)} ms of each other (median ${skews.sort((a, b) => a - b)[skews.length >> 1]} ms)`,
  });

  // Each tab shows the other tab's edits without a reload.
  await showPupil(page, pupils[1]);
  await expect(page.locator('#pupil-notes')).toHaveValue('Round 0: second tab.');
  await showPupil(second, pupils[0]);
  await expect(second.locator('#pupil-notes')).toHaveValue('Round 0: first tab.');

  // A fresh tab reads every edit back from IndexedDB.
  await second.close();
  await page.reload();
  await opened(page);
  for (const [pupil, text] of notes) {
    await showPupil(page, pupil);
    await expect(page.locator('#pupil-notes')).toHaveValue(text);
  }
  for (const pupil of flagged) {
    await showPupil(page, pupil);
    await expect(page.getByLabel('Focus: flag this pupil for attention')).toBeChecked();
  }
  expect(notes.size).toBe(30);
  expect(flagged.length).toBe(10);
});

test('two different notes on the same pupil at the same instant: one is kept, the other tab says it was not saved', async ({ app, page, context }) => {
  await app.open();
  await opened(page);
  await new Importer(app).importFile('primary_210.csv', 210);
  const [pupil] = upns();
  const second = await context.newPage();
  await second.goto(page.url());
  await opened(second);
  await showPupil(page, pupil);
  await showPupil(second, pupil);
  const before = Math.max(await revision(page), await revision(second));

  const target = Date.now() + 300;
  await Promise.all([
    editAt(page, target, { kind: 'note', text: 'Written in the first tab.' }),
    editAt(second, target, { kind: 'note', text: 'Written in the second tab.' }),
  ]);

  // Exactly one tab's save lands; the other says plainly that its change was not saved.
  const notSaved = /Not saved: another tab changed the note on a pupil/;
  await expect
    .poll(async () => {
      const states = [await saveState(page).textContent(), await saveState(second).textContent()];
      return states.filter((text) => notSaved.test(text ?? '')).length;
    }, { timeout: 20_000 })
    .toBe(1);
  const firstLost = notSaved.test((await saveState(page).textContent()) ?? '');
  const [winner, loser] = firstLost ? [second, page] : [page, second];
  const kept = firstLost ? 'Written in the second tab.' : 'Written in the first tab.';
  const lost = firstLost ? 'Written in the first tab.' : 'Written in the second tab.';
  await expect(saveState(winner)).toHaveText(SAVED);
  expect(await revision(winner)).toBe(before + 1);
  // The losing tab keeps its text on screen (to note down), and keeps saying not saved.
  await expect(loser.locator('#pupil-notes')).toHaveValue(lost);
  await expect(saveState(loser)).toHaveText(notSaved);
  await expect(saveState(loser)).not.toHaveText(SAVED);

  // What is stored is the winner's note, read back by a fresh load.
  await loser.close();
  await winner.reload();
  await opened(winner);
  await showPupil(winner, pupil);
  await expect(winner.locator('#pupil-notes')).toHaveValue(kept);
  const after = await revision(winner);
  expect(after).toBe(before + 1);
});
