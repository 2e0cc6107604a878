#!/usr/bin/env bash
# The JavaScript surfaces: builds the WASM module (bindings-wasm, both wasm-bindgen targets) and
# the native Node addon (bindings-node), then runs the node:test suites in tests/js/ (golden
# vectors, CLI equality, error codes) against both. Installs what is missing first (the
# wasm32 target, the wasm-bindgen CLI pinned by Cargo.lock, the npm workspace) and skips what
# is already there, so a warm rerun takes seconds. Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
target_dir=${CARGO_TARGET_DIR:-target}
last=$SECONDS
step() { printf '\n==> %s (previous step: %ss)\n' "$*" $((SECONDS - last)); last=$SECONDS; }

step "js: toolchain (wasm32 target, wasm-bindgen CLI, node)"
command -v node >/dev/null && command -v npm >/dev/null || { echo "node/npm not found: install Node.js >= 18"; exit 1; }
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
  rustup target add wasm32-unknown-unknown
# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want (found: ${have:-none})"
  # Debug build without debuginfo, one binary, no TLS: ~40 s instead of ~3 min, same output.
  # Not --locked: the CLI's own lockfile pins a webpki-roots version this registry lacks.
  CARGO_PROFILE_DEV_DEBUG=0 cargo install wasm-bindgen-cli --version "=$want" \
    --no-default-features --debug --bin wasm-bindgen --force --quiet
fi

step "js: npm workspace"
stamp=node_modules/.benchcore-lock-stamp
sum=$(cat package.json package-lock.json bindings-*/package.json | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
  npm ci --ignore-scripts --no-audit --no-fund
  echo "$sum" >"$stamp"
else
  echo "node_modules up to date"
fi

step "js: WASM module (profile wasm-release) and wasm-bindgen (nodejs, web)"
cargo build -p benchcore-wasm --target wasm32-unknown-unknown --profile wasm-release --quiet
wasm=$target_dir/wasm32-unknown-unknown/wasm-release/benchcore_wasm.wasm
flags="--remove-name-section"
# wasm-bindgen takes ~1 s per target on this module: rerun it only when its input changed.
stamp=bindings-wasm/pkg/.input-stamp
sum=$( (sha256sum <"$wasm"; wasm-bindgen --version; echo "$flags") | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ] || [ ! -f bindings-wasm/pkg/node/benchcore_wasm.js ] ||
  [ ! -f bindings-wasm/pkg/web/benchcore_wasm.js ]; then
  for target in nodejs web; do
    out=bindings-wasm/pkg/$([ "$target" = nodejs ] && echo node || echo web)
    wasm-bindgen --target "$target" $flags --out-dir "$out" "$wasm"
  done
  echo "$sum" >"$stamp"
fi
out=bindings-wasm/pkg/node/benchcore_wasm_bg.wasm
echo "$out: $(wc -c <"$out") bytes, $(gzip -9c "$out" | wc -c) gzipped"

step "js: native addon (dev profile) and the CLI the tests compare with"
cargo build --workspace --quiet
cmp -s "$target_dir/debug/libbenchcore_node.so" bindings-node/benchcore.node ||
  cp "$target_dir/debug/libbenchcore_node.so" bindings-node/benchcore.node

step "js: node --test tests/js/*.test.mjs (full report: tests/artifacts/js-tests.txt)"
mkdir -p tests/artifacts
status=0
node --test --test-reporter=dot --test-reporter-destination=stdout \
  --test-reporter=spec --test-reporter-destination=tests/artifacts/js-tests.txt \
  tests/js/*.test.mjs || status=$?
grep -E '^ℹ (tests|suites|pass|fail) ' tests/artifacts/js-tests.txt || true
echo "node tests: $((SECONDS - last))s"
exit "$status"
