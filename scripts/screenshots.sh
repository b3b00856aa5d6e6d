#!/usr/bin/env bash
# Screenshots for review: imports tests/fixtures/secondary_1200.xlsx in headless Chromium
# (release build in dist/, 1366×900) and saves full-page PNGs of the Import summary, the
# Shortlist, the Cohorts page and the first shortlisted pupil's profile to
# target/screens/*.png, and what a 1366×768 school laptop shows without scrolling
# (*-1366x768.png: Shortlist, All pupils, Costs). Not part of the test suite.
#
#   scripts/screenshots.sh            (SCREENS_PORT=4195 by default)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$PLANNER_ROOT"

if [ ! -f dist/index.html ] || [ ! -f dist/planner_bg.wasm ]; then
  note "dist/ missing: building the release app"
  # Others build in this checkout too: every trunk/cargo wasm build takes this lock.
  flock /tmp/planner-build.lock env TRUNK_SKIP_VERSION_CHECK=true trunk build --release
fi

rm -rf target/screens && mkdir -p target/screens
npx playwright test --config tests/screens/playwright.config.ts
ls -l target/screens/*.png
