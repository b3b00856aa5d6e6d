// Installed in every benchmark page with page.addInitScript (before the app's own
// scripts), so everything is timed inside the page with performance.now() and no
// Playwright round trip counts. It only observes: it never changes the app.
//
// window.__bench records:
//   nav            when the main navigation first appeared (ms since navigation start)
//   chosen         the file input's change event (the moment a file is chosen)
//   review         "Confirm import" appeared in the DOM; reviewPainted: the frame after
//   confirmClicked the click on "Confirm import" (capture phase, before the app sees it)
//   imported       a role="status" says "<N> pupils imported"; importedPainted: frame after
//   refused        a role="alert" says "This file could not be imported" (a refusal, such
//                  as a file past the row limit); refusedPainted: the frame after
//   progressSeen   a <progress> bar was on screen at some point during the import
//   longtasks      every main-thread task over 50 ms: { start, duration }
// window.__benchAct(kind, arg) does one grid action and times it (see below).
(() => {
  const bench = {
    nav: undefined,
    chosen: undefined,
    review: undefined,
    reviewPainted: undefined,
    confirmClicked: undefined,
    imported: undefined,
    importedPainted: undefined,
    refused: undefined,
    refusedPainted: undefined,
    progressSeen: false,
    longtasks: [],
  };
  window.__bench = bench;

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        bench.longtasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    bench.longtasksUnsupported = true;
  }

  // The first frame after now: a requestAnimationFrame callback runs just before the
  // frame's paint, and a task queued from it runs just after.
  const afterPaint = (done) =>
    requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));

  const confirmButton = () =>
    [...document.querySelectorAll('button')].find(
      (button) => button.textContent.trim() === 'Confirm import',
    );
  const importedStatus = () =>
    [...document.querySelectorAll('[role="status"]')].some((el) =>
      /\d+ pupils imported/.test(el.textContent),
    );

  const refusal = () =>
    [...document.querySelectorAll('[role="alert"]')].some((el) =>
      /could not be imported/.test(el.textContent),
    );

  const watch = () => {
    if (bench.nav === undefined && document.querySelector('nav[aria-label="Main"]')) {
      bench.nav = performance.now();
    }
    if (bench.chosen === undefined || bench.importedPainted !== undefined) return;
    if (bench.refused !== undefined) return;
    if (document.querySelector('progress')) bench.progressSeen = true;
    if (refusal()) {
      bench.refused = performance.now();
      afterPaint((t) => (bench.refusedPainted = t));
      return;
    }
    if (bench.review === undefined && confirmButton()) {
      bench.review = performance.now();
      afterPaint((t) => (bench.reviewPainted = t));
    }
    if (bench.confirmClicked !== undefined && bench.imported === undefined && importedStatus()) {
      bench.imported = performance.now();
      afterPaint((t) => (bench.importedPainted = t));
    }
  };
  new MutationObserver(watch).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
  });

  document.addEventListener(
    'change',
    (event) => {
      if (event.target instanceof HTMLInputElement && event.target.type === 'file') {
        bench.chosen = performance.now();
      }
    },
    true,
  );
  document.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (button && button.textContent.trim() === 'Confirm import') {
        bench.confirmClicked = performance.now();
      }
    },
    true,
  );

  // One grid action on the "All pupils" grid, timed from just before the action to the
  // DOM showing its result (`domMs`) and to the frame after that (`paintedMs`), plus
  // the app's own User Timing measures taken meanwhile (`compute`: planner:rows,
  // planner:filter, planner:sort, in ms).
  //   kind 'sort'   arg = aria-colindex of the heading whose button to click; done when
  //                 the first row's UPN changes
  //   kind 'search' arg = text typed into the search box (one input event, as a paste);
  //                 done when aria-rowcount changes
  //   kind 'select' arg = [select id, option value]; done when aria-rowcount changes
  //   kind 'tick'   arg = a checkbox's id (the filter bar's year groups): toggles it; done
  //                 when aria-rowcount changes
  window.__benchAct = (kind, arg) =>
    new Promise((resolve, reject) => {
      const grid = document.querySelector('[role="grid"][aria-label="All pupils"]');
      if (!grid) return reject(new Error('no All pupils grid'));
      const firstUpn = () =>
        grid.querySelector('[role="row"][aria-rowindex="2"] [aria-colindex="3"]')?.textContent; // UPN
      const rowCount = () => grid.getAttribute('aria-rowcount');
      const before = kind === 'sort' ? firstUpn() : rowCount();
      const done = () => (kind === 'sort' ? firstUpn() : rowCount()) !== before;
      performance.clearMeasures();
      let finished = false;
      const observer = new MutationObserver(() => check());
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`${kind} ${JSON.stringify(arg)}: nothing changed within 30 s`));
      }, 30_000);
      const check = () => {
        if (finished || !done()) return;
        finished = true;
        const dom = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        afterPaint((painted) => {
          const sum = (name) =>
            performance.getEntriesByName(name).reduce((total, e) => total + e.duration, 0);
          resolve({
            domMs: dom - start,
            paintedMs: painted - start,
            compute: {
              rows: sum('planner:rows'),
              filter: sum('planner:filter'),
              sort: sum('planner:sort'),
            },
            before,
            after: kind === 'sort' ? firstUpn() : rowCount(),
          });
        });
      };
      observer.observe(grid, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
      const start = performance.now();
      if (kind === 'sort') {
        grid.querySelector(`[role="columnheader"][aria-colindex="${arg}"] button`).click();
      } else if (kind === 'search') {
        const box = document.getElementById('pupil-search');
        box.value = arg;
        box.dispatchEvent(new Event('input', { bubbles: true }));
      } else if (kind === 'tick') {
        document.getElementById(arg).click();
      } else if (kind === 'select') {
        const select = document.getElementById(arg[0]);
        select.value = arg[1];
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }
      check();
    });
})();
