#!/usr/bin/env bash
# Installs whatever the planner needs to build and test, and skips what is already there.
# Safe to run again and again. Never downloads from GitHub: every tool comes from Debian,
# crates.io or the npm registry.
#
# Source it (`. scripts/setup.sh`) to get the tools on PATH in the calling shell.
set -euo pipefail
PLANNER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$PLANNER_ROOT"

TRUNK_VERSION="0.21.14"
note() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian's Chromium and ChromeDriver (Playwright's own browser download fails here).
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  note "chromium: present ($(chromium --version 2>/dev/null | head -1))"
else
  note "chromium: installing from Debian"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 2. The wasm32 target for the pinned toolchain (rust-toolchain.toml).
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  note "wasm32 target: present"
else
  note "wasm32 target: adding"
  rustup target add wasm32-unknown-unknown
fi

export PATH="$HOME/.cargo/bin:$PLANNER_ROOT/node_modules/.bin:$PATH"

# 3. trunk, the exact version (0.22 needs a newer rustc).
if trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  note "trunk $TRUNK_VERSION: present"
else
  note "trunk $TRUNK_VERSION: installing from crates.io (about 9 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 4. wasm-bindgen-cli matching the wasm-bindgen in Cargo.lock (they must match exactly).
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$WASM_BINDGEN_VERSION" ]; then
  echo "Could not find wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  note "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  note "wasm-bindgen-cli $WASM_BINDGEN_VERSION: installing from crates.io (about 4 minutes)"
  # Not --locked: its lock file names a crate missing from the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# 5. npm dev tools: binaryen 132 (wasm-opt), Playwright (driving Debian's Chromium), axe-core.
if [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/playwright ] \
  && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  note "npm dev tools: present"
else
  note "npm dev tools: installing"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

export TRUNK_SKIP_VERSION_CHECK=true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMEDRIVER=/usr/bin/chromedriver
note "set-up done"
