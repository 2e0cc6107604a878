#!/usr/bin/env bash
# One command to see a dashboard: builds the assets (scripts/build-dashboard.sh) and the CLI,
# writes the site of a history into target/site with `benchcore dashboard`, and serves it on
# http://127.0.0.1:${PORT:-8000} until Ctrl-C (opening a browser when one is available).
#
#   ./scripts/dashboard.sh                                  # examples/history
#   ./scripts/dashboard.sh --history .benchcore/history --repo-url https://github.com/OWNER/REPO
#
# Arguments other than the defaults below go to `benchcore dashboard` as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
port=${PORT:-8000}
site=${SITE:-target/site}

bash scripts/build-dashboard.sh
cargo build -p benchcore-cli --quiet
if [ $# -eq 0 ]; then
  # The example history: chewdata's github-action-benchmark history and the example suites.
  set -- --history examples/history --repo-url https://github.com/jmfiaschi/chewdata \
    --title "benchcore example history"
fi
"${CARGO_TARGET_DIR:-target}/debug/benchcore" dashboard --out "$site" "$@"

url="http://127.0.0.1:$port/"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null; then
  (sleep 1 && xdg-open "$url" >/dev/null 2>&1) &
elif [ "$(uname)" = Darwin ]; then
  (sleep 1 && open "$url") &
fi
exec node bindings-wasm/dashboard/serve.mjs "$site" "$port"
