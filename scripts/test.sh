#!/usr/bin/env bash
# Every check CI runs, in the order CI runs them. Installs whatever is missing first, and
# skips what is already installed, so a rerun takes seconds. `.ci/run` calls this script.
#
#   scripts/test.sh               every check, with a fuzz smoke test (10 s per target)
#   scripts/test.sh --extended    the same, fuzzing 60 s per target (also BENCHCORE_EXTENDED=1;
#                                 BENCHCORE_FUZZ_SECONDS overrides either duration)
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz_seconds=10
if [ "${1:-}" = "--extended" ] || [ -n "${BENCHCORE_EXTENDED:-}" ]; then
    fuzz_seconds=60
fi
fuzz_seconds=${BENCHCORE_FUZZ_SECONDS:-$fuzz_seconds}
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
command -v cargo >/dev/null || { echo "cargo not found: install Rust (rustup)"; exit 1; }
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "cargo test (unit, integration, golden vectors, doc tests)"
cargo test --workspace --quiet

step "javascript: WASM and N-API modules, vectors (scripts/test-js.sh)"
bash scripts/test-js.sh

step "browser: the dashboard in Debian's chromium (scripts/test-browser.sh)"
bash scripts/test-browser.sh

step "github action: end to end against a local git remote and API stand-in (scripts/test-action.sh)"
bash scripts/test-action.sh

step "python: benchcore wheel, pytest plugin, vectors (scripts/test-python.sh)"
bash scripts/test-python.sh

step "selfbench: a 10% and a 20% slowdown caught, unchanged runs pass (scripts/test-selfbench.sh)"
bash scripts/test-selfbench.sh

step "fuzzing: every cargo-fuzz target for ${fuzz_seconds} s (scripts/fuzz.sh)"
bash scripts/fuzz.sh "$fuzz_seconds"

echo
echo "All checks passed."
