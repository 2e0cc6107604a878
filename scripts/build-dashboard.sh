#!/usr/bin/env bash
# Builds the dashboard's static assets into bindings-wasm/dashboard/dist/ (gitignored), which
# `benchcore dashboard` copies into every site it writes:
#   dist/index.html, *.js, style.css                         the page (bindings-wasm/dashboard/src/)
#   dist/pkg/benchcore_wasm.js, benchcore_wasm_bg.wasm       the core, wasm-bindgen --target web of
#                                                            bindings-wasm/dashboard/crate (only the
#                                                            page's functions: a quarter of the bytes)
#   dist/vendor/uPlot.iife.min.js, uPlot.min.css, LICENSE    uPlot from npm (pinned)
# The WASM is the profile `wasm-dashboard` (opt-level 3: detection is what the page does when
# the sensitivity moves; see the root Cargo.toml). Installs what is missing (wasm32 target,
# the wasm-bindgen CLI Cargo.lock pins, the npm workspace) the way scripts/test-js.sh does,
# and is idempotent: a rerun with nothing changed takes a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
target_dir=${CARGO_TARGET_DIR:-target}

command -v node >/dev/null && command -v npm >/dev/null || { echo "node/npm not found: install Node.js >= 18"; exit 1; }
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
  rustup target add wasm32-unknown-unknown
# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock (as in test-js.sh).
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want (found: ${have:-none})"
  CARGO_PROFILE_DEV_DEBUG=0 cargo install wasm-bindgen-cli --version "=$want" \
    --no-default-features --debug --bin wasm-bindgen --force --quiet
fi

# The npm workspace (uplot); the same stamp as test-js.sh, so neither reinstalls for the other.
stamp=node_modules/.benchcore-lock-stamp
sum=$(cat package.json package-lock.json bindings-*/package.json | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ] || [ ! -f node_modules/uplot/dist/uPlot.iife.min.js ]; then
  npm ci --ignore-scripts --no-audit --no-fund
  echo "$sum" >"$stamp"
fi

cargo build -p benchcore-dashboard-wasm --target wasm32-unknown-unknown --profile wasm-dashboard --quiet
wasm=$target_dir/wasm32-unknown-unknown/wasm-dashboard/benchcore_dashboard_wasm.wasm

src=bindings-wasm/dashboard/src
out=bindings-wasm/dashboard/dist
tmp=$out.tmp
rm -rf "$tmp"
mkdir -p "$tmp/pkg" "$tmp/vendor"
wasm-bindgen --target web --remove-name-section --no-typescript --out-name benchcore_wasm \
  --out-dir "$tmp/pkg" "$wasm"
cp "$src"/*.html "$src"/*.js "$src"/*.css "$tmp/"
cp node_modules/uplot/dist/uPlot.iife.min.js node_modules/uplot/dist/uPlot.min.css "$tmp/vendor/"
cp node_modules/uplot/LICENSE "$tmp/vendor/uPlot.LICENSE"
rm -rf "$out"
mv "$tmp" "$out"
w=$out/pkg/benchcore_wasm_bg.wasm
echo "dashboard assets: $out ($(find "$out" -type f | wc -l) files); $w: $(wc -c <"$w") bytes, $(gzip -9c "$w" | wc -c) gzipped"
