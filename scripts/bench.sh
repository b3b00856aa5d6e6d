#!/usr/bin/env bash
# The benchmark (SPEC §12): PRINTS figures for import, sort/filter, scrolling, download
# size and start-up, measured in headless Chromium on the release build. It asserts no
# timings. What each figure means: tests/bench/README.md.
#
#   scripts/bench.sh            (BENCH_RUNS=3 by default; BENCH_PORT=4190;
#                                BENCH_HOLD_BUILD_LOCK=1 holds the build lock meanwhile)
#
# Builds dist/ if it is missing and generates the benchmark schools (target/bench/), a
# local authority's file of about 200,000 pupils, and the termly data drops of a 2,000-
# and a 50,000-pupil school, if they are missing, with the project's own generator. Figures are only comparable on an otherwise idle machine:
# the load average is printed first (and at the end).
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
    flock /tmp/planner-build.lock cargo run --release --example generate_school -- \
      --pupils "$pupils" --phase secondary --seed 7 --out "target/bench/school_${pupils}" --formats csv,xlsx
  fi
done
# A made-up local authority's file of about 200,000 pupils (issue 16): 826 schools make
# 199,566 rows. The generator's line (schools, rows) is kept beside it for the report.
if [ ! -f target/bench/la_200000.xlsx ] || [ ! -f target/bench/la_200000.txt ]; then
  note "generating the 200,000-pupil local authority file"
  flock /tmp/planner-build.lock cargo run --release --example generate_school -- \
    --schools 826 --seed 7 --out target/bench/la_200000 --formats xlsx | tee target/bench/la_200000.txt
fi
# Termly data drops of one school (issue 13): the pupils, then the files `--drops N` writes
# (target/bench/drops_<pupils>_<term>_<year>.xlsx, from Autumn 2025/26, one a term).
for set in "2000 autumn_2025-26 spring_2025-26 summer_2025-26 autumn_2026-27" \
           "50000 autumn_2025-26 spring_2025-26 summer_2025-26"; do
  read -r pupils terms <<<"$set"
  missing=0
  for term in $terms; do [ -f "target/bench/drops_${pupils}_${term}.xlsx" ] || missing=1; done
  if [ "$missing" = 1 ]; then
    note "generating the ${pupils}-pupil school's termly drops"
    flock /tmp/planner-build.lock cargo run --release --example generate_school -- \
      --pupils "$pupils" --phase secondary --seed 7 --drops "$(wc -w <<<"$terms")" \
      --out "target/bench/drops_${pupils}" --formats xlsx
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
note "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
node tests/bench/report.mjs target/bench/results.json
exit "$status"
