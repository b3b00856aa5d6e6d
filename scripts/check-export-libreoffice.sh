#!/usr/bin/env bash
# Checks that an exported planner workbook opens cleanly in LibreOffice (SPEC §9: "opens
# cleanly in Excel and LibreOffice"), by converting each sheet to CSV headless.
#
#   scripts/check-export-libreoffice.sh [workbook.xlsx]
#
# With no argument it checks the newest workbook the browser test downloaded
# (target/e2e-results/**/planner.xlsx), so run
# `npx playwright test --config tests/e2e/playwright.config.ts export.spec.ts` once before.
#
# Passes (exit 0) when LibreOffice converts the workbook and the All pupils CSV has a header
# and at least one pupil row; fails (exit 1) otherwise. When LibreOffice is not installed it
# says so and exits 0 without checking: it is an optional, manual check, never a CI gate.
set -euo pipefail
cd "$(dirname "$0")/.."

office="$(command -v libreoffice || command -v soffice || true)"
if [[ -z "$office" ]]; then
  echo "check-export-libreoffice: LibreOffice is not installed; nothing checked." >&2
  echo "  (Debian/Ubuntu: apt-get install libreoffice-calc-nogui, then run this again.)" >&2
  exit 0
fi

workbook="${1:-}"
if [[ -z "$workbook" ]]; then
  workbook="$(find target/e2e-results -name 'planner.xlsx' -printf '%T@ %p\n' 2>/dev/null | sort -n | tail -1 | cut -d' ' -f2-)"
fi
if [[ -z "$workbook" || ! -f "$workbook" ]]; then
  echo "check-export-libreoffice: no workbook given and none found in target/e2e-results." >&2
  exit 1
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# A private profile, so a running LibreOffice or a first-start dialog cannot interfere.
profile="file://$out/profile"
# Sheet 2 is "All pupils"; 44 = comma, 34 = double quote, 76 = UTF-8, 1 = first line,
# and the final field picks the sheet (LibreOffice 7.2 and later).
"$office" -env:UserInstallation="$profile" --headless --norestore \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2' \
  --outdir "$out" "$workbook" >/dev/null 2>&1 || {
  echo "check-export-libreoffice: LibreOffice could not convert $workbook" >&2
  exit 1
}
csv="$(find "$out" -maxdepth 1 -name '*.csv' | head -1)"
if [[ -z "$csv" ]]; then
  echo "check-export-libreoffice: LibreOffice wrote no CSV for $workbook" >&2
  exit 1
fi
rows="$(wc -l < "$csv")"
if ! head -1 "$csv" | grep -q 'UPN'; then
  echo "check-export-libreoffice: the All pupils sheet has no UPN heading:" >&2
  head -1 "$csv" >&2
  exit 1
fi
if (( rows < 2 )); then
  echo "check-export-libreoffice: the All pupils sheet has no pupils" >&2
  exit 1
fi
echo "check-export-libreoffice: $workbook opened in LibreOffice; All pupils has $((rows - 1)) pupil rows."
