#!/usr/bin/env bash
# Speed of change-point detection in the dashboard page against the native CLI, on a
# generated bundle of ${SERIES:-1000} series × ${POINTS:-500} points (seeded): builds the release
# CLI and the dashboard assets, writes the site with `benchcore dashboard --bundle`, then
# tests/browser/speed.mjs times `detectBundle` in chromium and `benchcore detect` on the same
# values and fails when the page takes more than twice as long. Not part of scripts/test.sh
# (it needs a release build); see the README's Dashboard section for the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
target_dir=${CARGO_TARGET_DIR:-target}
dir=$target_dir/dashboard-bench
cargo build -p benchcore-cli --release --quiet
bash scripts/build-dashboard.sh
node tests/browser/generate.mjs "$dir" "${SERIES:-1000}" "${POINTS:-500}" 1
"$target_dir/release/benchcore" dashboard --bundle "$dir/bundle.json" --out "$dir/site" >/dev/null
node tests/browser/speed.mjs "$dir" "$dir/site" "$target_dir/release/benchcore"
