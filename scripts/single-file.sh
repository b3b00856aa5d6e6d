#!/usr/bin/env bash
# The single-file build (SPEC §10): one self-contained .html, with the wasm inlined, that
# runs when opened from disk (file://) on a machine that only allows opening files.
# Usage: scripts/single-file.sh [--rebuild]
#   Builds the release app into dist/ first if it is missing (or with --rebuild), then
#   writes dist-single/personalisation-planner.html (tools/single-file.mjs).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
if [ "${1:-}" = "--rebuild" ] || [ ! -f dist/index.html ] || [ ! -f dist/planner_bg.wasm ]; then
  echo "==> building the release app (trunk build --release)"
  # Serialised with any other build on this machine (they share target/ and dist/).
  flock /tmp/planner-build.lock trunk build --release
fi
node tools/single-file.mjs dist dist-single/personalisation-planner.html
echo "==> open dist-single/personalisation-planner.html in Chrome, Edge or Firefox (file://)"
