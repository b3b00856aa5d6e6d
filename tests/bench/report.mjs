// Prints the benchmark's figures (target/bench/results.json, written by bench.spec.ts)
// as one table, beside SPEC §12's targets. Only prints: it never fails on a slow figure.
//   node tests/bench/report.mjs [target/bench/results.json]
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] || 'target/bench/results.json';
if (!existsSync(file)) {
  console.log(`No results in ${file}: the benchmark did not run.`);
  process.exit(1);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
const ms = (v) => (v === undefined || v === null || Number.isNaN(v) ? '—' : `${Math.round(v)} ms`);
const ms1 = (v) => (v === undefined || v === null || Number.isNaN(v) ? '—' : `${v.toFixed(1)} ms`);
const minMed = (s, f = ms) => (s ? `${f(s.min)} / ${f(s.median)}` : '—');
const rows = [];
const row = (what, value, target = '') => rows.push([what, value, target]);
const gap = () => rows.push(null);

if (r.size) {
  row('Download, gzipped (all of dist/)', `${r.size.gzipKB} KB (raw ${r.size.rawKB} KB)`, '≤ 800 KB');
  row('SheetJS in dist/', r.size.sheetjsInDist ? 'YES (it must not be)' : 'no', 'no');
}
if (r.interactive) row('Interactive on localhost (nav shown), min / median', minMed(r.interactive), '≤ 1000 ms');
for (const n of [2000, 50000]) {
  const imp = r[`import${n}`];
  const again = r[`import${n}again`];
  const sheet = r[`sheetjs${n}`];
  const target = n === 2000 ? '≤ 300 ms' : '≤ 4000 ms';
  if (!imp && !sheet) continue;
  gap();
  if (imp) {
    row(`${n} xlsx: chosen → review shown, min / median`, minMed(imp.toReview));
    row(`${n} xlsx: Confirm → "${n} pupils imported", min / median`, minMed(imp.toImported));
    row(`${n} xlsx: total (both), min / median`, minMed(imp.total), target);
    row(`${n} xlsx: longest main-thread task, min / median / max`,
      `${minMed(imp.longestTask)} / ${ms(imp.longestTask.max)}`, '≤ 100 ms');
    row(`${n} xlsx: tasks > 100 ms per import (runs)`, imp.longTasksOver100.join(', '));
    row(`${n} xlsx: progress bar shown`, imp.progressSeen ? 'yes' : 'no', n === 50000 ? 'yes' : '');
    row(`${n} xlsx: reading: start-up / worker reads / to screen (med.)`,
      `${ms(imp.beforeOpen.median)} / ${ms(imp.workerOpen.median)} / ${ms(imp.afterOpen.median)}`);
    row(`${n} xlsx: building: to worker / worker builds / to screen (med.)`,
      `${ms(imp.beforeBuild.median)} / ${ms(imp.workerBuild.median)} / ${ms(imp.afterBuild.median)}`);
    row(`${n} xlsx: JSON encode in worker / decode in page, max (med.)`,
      `${ms(imp.workerEncodeMax.median)} / ${ms(imp.replyDecodeMax.median)}`);
  }
  if (again) {
    row(`${n} xlsx again, same tab (worker running): total, min / median`, minMed(again.total), target);
    row(`${n} xlsx again: longest main-thread task, median`, ms(again.longestTask.median), '≤ 100 ms');
  }
  if (sheet) {
    row(`${n} xlsx: SheetJS read + sheet_to_json, min / median`, minMed(sheet.total));
    if (imp) {
      const ratio = imp.total.median / sheet.total.median;
      const reading = imp.toReview.median / sheet.total.median;
      row(`${n} xlsx: planner total / SheetJS (medians)`, `${ratio.toFixed(2)}×`, n === 2000 ? '≤ 1.00×' : '');
      row(`${n} xlsx: planner chosen→review / SheetJS`, `${reading.toFixed(2)}×`);
      if (again) {
        row(`${n} xlsx: planner again (worker running) / SheetJS`,
          `${(again.total.median / sheet.total.median).toFixed(2)}×`);
      }
    }
  }
}
const g = r.grid50000;
if (g) {
  gap();
  const line = (what, s, compute) =>
    row(`50000: ${what}, painted (compute), median`,
      `${ms(s.painted.median)} (${ms1(s[compute].median)})`, '≤ 100 ms');
  if (g.openAllPupils) {
    const o = g.openAllPupils;
    row('50000: open All pupils (first visit, scores everyone), painted',
      `${ms(o.painted)} (scoring ${o.score.map(ms).join(', ') || '—'})`);
    row('50000: open All pupils, longest main-thread task', ms(Math.max(0, ...o.longTasks)), '≤ 100 ms');
  }
  line('sort by Overall', g.sortOverall, 'computeRows');
  line('sort by Name', g.sortName, 'computeRows');
  line(`search "${g.search.text}" (${g.search.matches} match)`, g.search, 'computeRows');
  line('clear the search', g.clearSearch, 'computeRows');
  line('filter Year group (first year)', g.yearFilter, 'computeRows');
  line('filter Year group back to Any', g.anyYear, 'computeRows');
  if (g.yearFilterSortedByName) {
    line('filter Year group, sorted by Name', g.yearFilterSortedByName, 'computeRows');
    line('back to Any, sorted by Name', g.anyYearSortedByName, 'computeRows');
  }
  row('50000: of a sort click, filter / sort compute, median',
    `${ms1(g.sortOverall.computeFilter.median)} / ${ms1(g.sortOverall.computeSort.median)}`);
}
const s = r.scroll50000;
if (s) {
  gap();
  row('50000: scroll 120 px/frame for 3 s, mean fps', `${s.meanFps.toFixed(1)} fps (${s.frames} frames)`, '60 fps');
  row('50000: scroll frame time p95 / max', `${ms1(s.p95Ms)} / ${ms1(s.maxMs)}`);
  row('50000: frames > 16.7 ms / > 25 ms / > 50 ms', `${s.over16_7} / ${s.over25} / ${s.over50}`);
  row('50000: frames whose top row was not rendered', String(s.framesWithTopRowMissing), '0');
}

const k = r.storage2000;
if (k) {
  gap();
  row('2000 saved: reopen (reload → first row), min / median', minMed(k.reopenFirstRow), '≤ 300 ms');
  row('2000 saved: of which app start (nav shown), median', ms(k.reopenNavShown.median));
  row('2000 saved: one edit → "Saved", min / median', minMed(k.saveOneEdit), '≤ 50 ms');
  row('2000 backup: file / compact / gzipped',
    `${(k.backupBytes / 1024).toFixed(0)} KB / ${(k.backupCompactBytes / 1024).toFixed(0)} KB / ${(k.backupGzipBytes / 1024).toFixed(0)} KB`);
}

// LA scale (SPEC §8.5, issue 16): the 50,000-pupil import's figures beside the 200,000-row
// LA file's, with the tab's memory (its renderer process, worker included).
const memWords = (m) =>
  m && Number.isFinite(m.peakMB) ? `${Math.round(m.baselineMB)} → ${Math.round(m.peakMB)} MB (+${Math.round(m.addedMB)})` : '—';
const la = r.la200000;
const notes = [];
const fifty = r.import50000;
if (la || fifty?.memory) {
  gap();
  if (fifty) {
    row('LA scale, 50000 xlsx: chosen → "50000 pupils imported", min / median', minMed(fifty.total));
    row('LA scale, 50000 xlsx: longest main-thread task, median / max; tasks > 100 ms (runs)',
      `${ms(fifty.longestTask.median)} / ${ms(fifty.longestTask.max)}; ${fifty.longTasksOver100.join(', ')}`, '≤ 100 ms');
    if (fifty.memory) {
      row('LA scale, 50000 xlsx: tab memory, baseline → peak (each run)', fifty.memory.map(memWords).join('; '));
    }
  }
  if (la) {
    const what = `LA scale, ${Number.isFinite(la.rows) ? la.rows : '≈200000'} rows xlsx (once)`;
    row(la.outcome === 'refused' ? `${what}: chosen → plain refusal shown` : `${what}: chosen → imported`,
      ms(la.timeMs), 'imported, or refused plainly');
    row(`${what}: longest main-thread task; tasks > 100 ms`, `${ms(la.longestTask)}; ${la.longTasksOver100}`, '≤ 100 ms');
    row(`${what}: tab memory, baseline → peak`, memWords(la.memory));
    row(`${what}: load average when it started`, la.loadAverage);
    if (la.generated) notes.push(`LA scale file: ${la.generated}.`);
    notes.push(`LA scale, what the page said (${la.outcome}): ${la.message}`);
  }
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
for (const n of [2000, 50000]) {
  const d = r[`drops${n}`];
  if (!d) continue;
  gap();
  const what = `${n} × ${d.drops} drops (${d.format})`;
  row(`${what}: reopen (reload → first row), min / median`, minMed(d.reopenFirstRow), n === 2000 ? '≤ 300 ms' : '');
  row(`${what}: of which app start (nav shown) / scoring / tracking, median`,
    `${ms(d.reopenNavShown.median)} / ${ms(d.reopenScore.median)} / ${ms(d.reopenTracking.median)}`);
  row(`${what}: stored, IndexedDB records (drops)`,
    `${mb(d.recordBytes)} (${d.stores.drops ? `${d.stores.drops.records} records, ${mb(d.stores.drops.bytes)}` : '—'})`);
  row(`${what}: storage.estimate() usage (of which IndexedDB)`,
    `${mb(d.usage)}${d.usageDetails.indexedDB !== undefined ? ` (${mb(d.usageDetails.indexedDB)})` : ''}`);
  row(`${what}: pupils per drop; Confirm → imported per drop`,
    `${d.pupilsPerDrop.join(', ')}; ${d.confirmToImported.map(ms).join(', ')}`);
  if (d.rightSchoolWarnings.length) row(`${what}: "Is this the right school?" asked for`, d.rightSchoolWarnings.join(', '));
  row(`${what}: load average when it started`, d.loadAverage);
}

const width = [0, 0, 0];
for (const r of rows) if (r) r.forEach((cell, i) => (width[i] = Math.max(width[i], cell.length)));
const rule = width.map((w) => '─'.repeat(w + 2)).join('┼');
const fmt = (cells) => cells.map((c, i) => ` ${c.padEnd(width[i])} `).join('│');
console.log('\nPersonalisation Planner benchmark (headless Chromium, release build)');
console.log(fmt(['What', 'Measured', 'SPEC §12']));
console.log(rule);
for (const r of rows) console.log(r ? fmt(r) : rule);
for (const note of notes) console.log(`\n${note}`);
console.log('\nAll figures are printed, none asserted; see tests/bench/README.md for what each means.');
