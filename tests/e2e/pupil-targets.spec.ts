// A pupil's curricular targets and the parents' progress report (issue 15, SPEC §8.3).
// Two termly files of a made-up school (the project's own generator) are imported; on a
// pupil's profile a short-term target is added with the pupil and parents both taking part
// in setting it; it is listed, kept through a reload, shown in the individual provision map
// and on the progress report for parents, whose attendance is checked against the files and
// which names no other pupil; in print preview the app's header and navigation are hidden.
// The target is then reviewed through Edit, and the report says so. A blank target is
// refused beside its field and nothing is added; put right it is added, then deleted.
import { test, expect } from './support/harness';
import { Importer } from './support/importer';
import { opened, revision, savedSince } from './support/saving';
import { TermlyFiles, oneDecimal, periodLabel } from './support/termly-files';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const FILES = new TermlyFiles('e2e-pupil-targets', 15, 2);
const SCREENS = join(__dirname, '..', '..', 'target', 'screens');

/** dd/mm/yyyy and the date input's yyyy-mm-dd of `days` from today. */
function fromToday(days: number): { uk: string; iso: string } {
  const when = new Date();
  when.setDate(when.getDate() + days);
  const dd = String(when.getDate()).padStart(2, '0');
  const mm = String(when.getMonth() + 1).padStart(2, '0');
  const yyyy = String(when.getFullYear());
  return { uk: `${dd}/${mm}/${yyyy}`, iso: `${yyyy}-${mm}-${dd}` };
}

test.describe('pupil targets and the progress report for parents', () => {
  test.beforeAll(() => FILES.generate());

  test('a target added on the profile is kept, printed with the map and reported to parents alone', async ({ app }) => {
    test.setTimeout(240_000);
    const page = app.page;
    const drops = [FILES.read('autumn'), FILES.read('spring')];
    await app.open();
    await opened(page);
    await FILES.import(app, 'autumn', drops[0].length);
    await FILES.import(app, 'spring', drops[1].length);

    // A pupil in both files, with attendance recorded in each.
    const pupil = drops[0].find(
      (row) =>
        row.upn &&
        row.attendance !== null &&
        drops[1].some((later) => later.upn === row.upn && later.attendance !== null),
    )!;
    const later = drops[1].find((row) => row.upn === pupil.upn)!;
    const others = drops[1].filter(
      (row) => row.upn && row.upn !== pupil.upn && row.name && !pupil.name.includes(row.name),
    );

    // Support running now for the pupil, for the report's "Support in school now".
    const start = fromToday(-30);
    const end = fromToday(60);
    await app.goTo('Provision');
    const provision = page.getByRole('form', { name: 'Add provision' });
    await provision.getByLabel('Intervention', { exact: true }).selectOption({ label: 'Daily report' });
    await provision.getByLabel('One pupil').check();
    await provision.getByLabel("Pupil's UPN or name").fill(pupil.upn);
    await provision.getByLabel('Start date').fill(start.iso);
    await provision.getByLabel('End date').fill(end.iso);
    const beforeProvision = await revision(page);
    await provision.getByRole('button', { name: 'Add provision', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added Daily report for' })).toBeVisible();
    await savedSince(page, beforeProvision);

    // The target, added on the profile.
    await page.goto(`./#pupil/${pupil.upn}`);
    const section = page.getByRole('region', { name: 'Targets', exact: true });
    await expect(section.getByRole('heading', { name: 'Targets', level: 2 })).toBeVisible();
    await expect(section).toContainText('No targets recorded for this pupil yet.');
    const text = 'Read a page of a new book aloud to an adult each day';
    const form = page.getByRole('form', { name: 'Add a target' });
    await form.getByLabel('How far ahead').selectOption({ label: 'Short term' });
    await form.getByLabel('Area', { exact: true }).fill('Reading');
    await form.getByLabel('Target', { exact: true }).fill(text);
    await form.getByLabel('Set on').fill('02/03/2026');
    await form.getByLabel('Review on').fill('15/05/2026');
    await form.getByLabel('Pupil took part in setting it').check();
    await form.getByLabel('Parents took part in setting it').check();
    const before = await revision(page);
    await form.getByRole('button', { name: 'Add target' }).click();
    await savedSince(page, before);
    const table = page.getByRole('table', { name: `${pupil.name}'s short-term targets` });
    const row = table.getByRole('row').filter({ hasText: text });
    await expect(row).toContainText('Reading');
    await expect(row).toContainText('02/03/2026');
    await expect(row).toContainText('15/05/2026');
    await expect(row).toContainText('Set with: pupil, parents');
    await expect(row).toContainText('Not yet reviewed');
    await app.checkAccessibility('the pupil profile with a target');
    mkdirSync(SCREENS, { recursive: true });
    await section.screenshot({ path: join(SCREENS, 'pupil-targets.png') });

    // Kept through a reload.
    await page.reload();
    await opened(page);
    await expect(
      page.getByRole('table', { name: `${pupil.name}'s short-term targets` }).getByRole('row').filter({ hasText: text }),
    ).toContainText('Set with: pupil, parents');

    // In the individual provision map, which is what prints on the profile.
    const map = page.getByRole('region', { name: 'Individual provision map' });
    const mapTargets = map.getByRole('table', { name: 'Targets' });
    await expect(mapTargets.getByRole('row').filter({ hasText: text })).toContainText('Short term');
    await page.emulateMedia({ media: 'print' });
    await expect(mapTargets).toBeVisible();
    await expect(page.getByRole('region', { name: 'Targets', exact: true })).toBeHidden();
    await page.emulateMedia({ media: 'screen' });

    // Reviewed: edited in place, with the parents taking part and what was agreed.
    const agreed = 'Read together at home three evenings a week';
    await page.getByRole('button', { name: `Edit the target “${text.split(' ').slice(0, 8).join(' ')}…”` }).click();
    const edit = page.getByRole('form', { name: /^Edit the target/ });
    await expect(edit.getByRole('heading', { level: 3 })).toBeFocused();
    await expect(edit.getByLabel('Target', { exact: true })).toHaveValue(text);
    await edit.getByLabel('Progress').selectOption({ label: 'Partly achieved' });
    await edit.getByLabel('Parents took part in reviewing it').check();
    await edit.getByLabel('What was agreed at review').fill(agreed);
    const beforeEdit = await revision(page);
    await edit.getByRole('button', { name: 'Save target' }).click();
    await savedSince(page, beforeEdit);
    await expect(edit).toHaveCount(0);
    const reviewed = page
      .getByRole('table', { name: `${pupil.name}'s short-term targets` })
      .getByRole('row')
      .filter({ hasText: text });
    await expect(reviewed).toContainText('Partly achieved');
    await expect(reviewed).toContainText('Reviewed with: parents');
    await expect(reviewed).toContainText(agreed);

    // The progress report for parents.
    await page.getByRole('link', { name: 'Progress report for parents' }).click();
    await expect(page).toHaveURL(new RegExp(`#report/${pupil.upn}$`));
    const report = page.getByRole('article', { name: `Progress report for ${pupil.name}` });
    await expect(report.getByRole('heading', { level: 1 })).toHaveText(`Progress report for ${pupil.name}`);
    await expect(report.getByRole('table', { name: 'Short-term targets' })).toContainText(text);
    const reportTarget = report.getByRole('table', { name: 'Short-term targets' }).getByRole('row').filter({ hasText: text });
    await expect(reportTarget).toContainText('Set with: pupil, parents');
    await expect(reportTarget).toContainText('Reviewed with: parents');
    await expect(reportTarget).toContainText('Partly achieved');
    await expect(reportTarget).toContainText(`Agreed at review: ${agreed}`);
    const support = report.getByRole('table', { name: 'Support in school now' });
    await expect(support.getByRole('row').filter({ hasText: 'Daily report' })).toContainText(end.uk);
    // Attendance at each drop, from the files.
    const attendance = report.getByRole('list', { name: 'Attendance at each data drop' });
    await expect(attendance.getByRole('listitem')).toHaveText([
      `${periodLabel('autumn')} — ${oneDecimal(pupil.attendance!)}`,
      `${periodLabel('spring')} — ${oneDecimal(later.attendance!)}`,
    ]);
    await expect(report.getByRole('img', { name: /^Attendance at each data drop/ })).toBeVisible();
    // Nothing of any other pupil: a few of their names from the file.
    const main = page.getByRole('main');
    await expect(main).toContainText(pupil.name);
    for (const other of [others[0], others[1], others[Math.floor(others.length / 2)], others[others.length - 1]]) {
      await expect(main).not.toContainText(other.name);
      await expect(main).not.toContainText(other.upn);
    }
    await app.checkAccessibility('the progress report for parents');

    // On paper: the report alone, without the app's header, navigation or tools.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
    await expect(report).toBeVisible();
    await expect(report).toContainText(text);
    mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: join(SCREENS, 'parent-report-print.png'), fullPage: true });
    // One A4 portrait page, as the browser would print it.
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1);
    await page.emulateMedia({ media: 'screen' });
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  });
});

test('a blank target is refused beside its field and nothing is added; put right it is added, then deleted', async ({ app }) => {
  test.setTimeout(120_000);
  const page = app.page;
  await app.open();
  await opened(page);
  await new Importer(app).importFile('primary_210.csv', 210);
  const upn = 'W373210125361';
  await page.goto(`./#pupil/${upn}`);
  const section = page.getByRole('region', { name: 'Targets', exact: true });
  const form = page.getByRole('form', { name: 'Add a target' });
  await form.getByLabel('Area', { exact: true }).fill('Maths');
  await form.getByLabel('Target', { exact: true }).fill('   ');
  await form.getByLabel('Pupil took part in setting it').check();
  await form.getByRole('button', { name: 'Add target' }).click();
  const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toContainText('Enter the target');
  // The message beside the field, which is marked invalid and described by it.
  const field = form.getByLabel('Target', { exact: true });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/Enter the target/);
  // The summary's link moves focus to the field.
  await summary.getByRole('link', { name: /Enter the target/ }).click();
  await expect(field).toBeFocused();
  // Nothing was added, and what was typed is still there to put right.
  await expect(section).toContainText('No targets recorded for this pupil yet.');
  await expect(section.getByRole('table')).toHaveCount(0);
  await expect(form.getByLabel('Area', { exact: true })).toHaveValue('Maths');
  await app.checkAccessibility('the target form with a problem');
  // Still nothing after a reload: the refused target was never saved.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();
  await opened(page);
  await expect(page.getByRole('region', { name: 'Targets', exact: true })).toContainText(
    'No targets recorded for this pupil yet.',
  );

  // Put right, it is added; then deleted, after saying it cannot be brought back.
  const again = page.getByRole('form', { name: 'Add a target' });
  await again.getByLabel('How far ahead').selectOption({ label: 'Long term' });
  await again.getByLabel('Target', { exact: true }).fill('Count to 100 in tens');
  const before = await revision(page);
  await again.getByRole('button', { name: 'Add target' }).click();
  await savedSince(page, before);
  const longTerm = page.getByRole('region', { name: 'Targets', exact: true }).getByRole('table', { name: /'s long-term targets$/ });
  await expect(longTerm).toContainText('Count to 100 in tens');
  await longTerm.getByRole('button', { name: 'Delete the target “Count to 100 in tens”' }).click();
  const question = page.getByRole('group', { name: /^Delete the target “Count to 100 in tens”\?/ });
  await expect(question.getByRole('button', { name: 'Delete target' })).toBeFocused();
  const beforeDelete = await revision(page);
  await question.getByRole('button', { name: 'Delete target' }).click();
  await savedSince(page, beforeDelete);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted the target “Count to 100 in tens”.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Targets', exact: true })).toContainText(
    'No targets recorded for this pupil yet.',
  );
});
