#!/usr/bin/env bash
# The benchmark (SPEC §12): PRINTS figures for import, sort/filter, scrolling, download
# size and start-up, measured in headless Chromium on the release build. It asserts no
# timings. What each figure means: tests/bench/README.md.
#
#   scripts/bench.sh            (BENCH_RUNS=3 by default; BENCH_PORT=4190;
#                                BENCH_HOLD_BUILD_LOCK=1 holds the build lock meanwhile)
#
# Builds dist/ if it is missing and generates the benchmark schools (target/bench/) if
# they are missing, with the project's own generator. Figures are only comparable on an
# otherwise idle machine: the load average is printed first.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$PLANNER_ROOT"

if [ ! -f dist/index.html ] || [ ! -f dist/planner_bg.wasm ]; then
  note "dist/ missing: building the release app"
  # Others build in this checkout too: every trunk/cargo wasm build takes this lock.
  flock /tmp/planner-build.lock trunk build --release
fi

mkdir -p target/bench
for pupils in 2000 50000; do
  if [ ! -f "target/bench/school_${pupils}.xlsx" ]; then
    note "generating the ${pupils}-pupil school"
    cargo run --release --example generate_school -- --pupils "$pupils" --phase secondary \
      --seed 7 --out "target/bench/school_${pupils}" --formats csv,xlsx
  fi
done

note "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
rm -f target/bench/results.json
set +e
if [ "${BENCH_HOLD_BUILD_LOCK:-0}" = 1 ]; then
  # Keeps other builds in this checkout from running while measuring (they wait).
  flock /tmp/planner-build.lock npx playwright test --config tests/bench/playwright.config.ts
else
  npx playwright test --config tests/bench/playwright.config.ts
fi
status=$?
set -e
node tests/bench/report.mjs target/bench/results.json
exit "$status"
