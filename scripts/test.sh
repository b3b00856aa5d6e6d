#!/usr/bin/env bash
# The README's test command: every check, in order, then a pass/fail summary.
#   1. set-up (idempotent)          5. native cargo test
#   2. cargo fmt --check            6. trunk build --release (+ download size)
#   3. clippy, native               7. browser tests (Playwright, Debian Chromium)
#   4. clippy, wasm32
# A failing step does not stop the later ones (except that the browser tests need the
# build), so one run shows everything that is wrong.
set -uo pipefail
START=$SECONDS
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh" || { echo "set-up failed"; exit 1; }
set +e
mkdir -p target
LOG=target/test-logs
rm -rf "$LOG" && mkdir -p "$LOG"

declare -a STEPS RESULTS
TESTS_PASSED=0
TESTS_FAILED=0

run_step() { # name command...
  local name="$1"; shift
  local log="$LOG/$(echo "$name" | tr ' /' '__').log"
  printf '\n==> %s\n' "$name"
  local started=$SECONDS
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  STEPS+=("$name")
  if [ "$status" = 0 ]; then RESULTS+=("PASS ($((SECONDS - started)) s)"); else RESULTS+=("FAIL ($((SECONDS - started)) s)"); fi
  return "$status"
}

count_cargo_tests() { # log
  local passed failed
  passed=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$1" | awk '{s+=$4} END {print s+0}')
  failed=$(grep -Eo '[0-9]+ failed;' "$1" | awk '{s+=$1} END {print s+0}')
  TESTS_PASSED=$((TESTS_PASSED + passed)); TESTS_FAILED=$((TESTS_FAILED + failed))
}

run_step "cargo fmt --check" cargo fmt --all -- --check
run_step "clippy native" cargo clippy --all-targets --locked -- -D warnings
run_step "clippy wasm32" cargo clippy --target wasm32-unknown-unknown --lib --bins --locked -- -D warnings
run_step "cargo test" cargo test --locked --no-fail-fast
count_cargo_tests "$LOG/cargo_test.log"
if run_step "trunk build --release" trunk build --release; then
  run_step "download size" node tools/size.mjs dist
  # The browser tests read downloaded workbooks back with the project's own reader: built
  # once here, not inside a test.
  run_step "workbook reader" cargo build --locked --example read_export
  run_step "browser tests" npx playwright test --config tests/e2e/playwright.config.ts
  if [ -f target/e2e-report.json ]; then
    read -r e2e_passed e2e_failed < <(node -e '
      const r = require("./target/e2e-report.json").stats;
      console.log((r.expected || 0) + " " + ((r.unexpected || 0) + (r.flaky || 0)));')
    TESTS_PASSED=$((TESTS_PASSED + e2e_passed)); TESTS_FAILED=$((TESTS_FAILED + e2e_failed))
  else
    TESTS_FAILED=$((TESTS_FAILED + 1))
  fi
else
  STEPS+=("browser tests"); RESULTS+=("NOT RUN (the build failed)")
fi

echo
echo "==================== summary ===================="
FAILED_STEPS=0
for i in "${!STEPS[@]}"; do
  printf '  %-24s %s\n' "${STEPS[$i]}" "${RESULTS[$i]}"
  case "${RESULTS[$i]}" in PASS*) ;; *) FAILED_STEPS=$((FAILED_STEPS + 1)) ;; esac
done
echo "  wall time: $((SECONDS - START)) s; logs in $LOG/"
if [ "$FAILED_STEPS" -gt 0 ] && [ "$TESTS_FAILED" = 0 ]; then TESTS_FAILED=$FAILED_STEPS; fi
echo "tests: $TESTS_PASSED passed, $TESTS_FAILED failed"
[ "$FAILED_STEPS" = 0 ]
