#!/usr/bin/env bash
# The README's run command: set up what is missing, build the release app, and serve it
# on 127.0.0.1. Usage: scripts/run.sh [port]   (default 8080)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
PORT="${1:-${PORT:-8080}}"
echo "==> building the release app (trunk build --release)"
trunk build --release
exec node tools/serve.mjs --dir dist --port "$PORT"
