#!/usr/bin/env bash
# Build a publishable copy of the GitHub Action: GitHub runs an action's files as they are in
# the tagged commit, without `npm install`, so a release needs its JavaScript bundled and the
# native addon next to it. This writes, under OUT (default target/action-release):
#
#   action.yml                               the root action.yml, `main: dist/index.mjs`
#   dist/index.mjs                           action/ and @actions/* bundled by esbuild (pinned)
#   dist/node_modules/@benchcore/node/       index.js, fallback.js, package.json and the
#                                            linux-x64 release addon benchcore.node
#   dist/node_modules/@benchcore/wasm/       the WebAssembly build (the fallback for runners
#                                            where the addon cannot load: macOS, Windows, arm64)
#
# Release: run this on linux-x64, copy OUT's content to the root of a release branch (or a
# separate action repository), commit it there and tag it (`v1`). Nothing built is committed
# on the development branch. Check the copy with the end-to-end tests:
#   BENCHCORE_ACTION_ENTRY=target/action-release/dist/index.mjs node --test tests/action/action.test.mjs
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-target/action-release}
ESBUILD=esbuild@0.28.2 # pinned: the bundle is part of the release
target_dir=${CARGO_TARGET_DIR:-target}

[ -f node_modules/@actions/core/package.json ] || npm ci --ignore-scripts --no-audit --no-fund
[ -f bindings-wasm/pkg/node/benchcore_wasm.js ] || {
  echo "no WASM build in bindings-wasm/pkg/node: run scripts/test-js.sh first"
  exit 1
}
cargo build -p benchcore-node --release --quiet

rm -rf "$OUT"
mkdir -p "$OUT/dist"
# @actions/* are ESM with CommonJS dependencies: give the ESM bundle a `require` for them.
# @benchcore/node is loaded through createRequire at run time, from dist/node_modules.
npm exec --yes --package="$ESBUILD" -- esbuild action/index.mjs --bundle --platform=node \
  --target=node20 --format=esm --outfile="$OUT/dist/index.mjs" --log-level=warning \
  --banner:js="import { createRequire as __benchcoreRequire } from 'node:module'; const require = __benchcoreRequire(import.meta.url);"

node_pkg=$OUT/dist/node_modules/@benchcore/node
wasm_pkg=$OUT/dist/node_modules/@benchcore/wasm
mkdir -p "$node_pkg" "$wasm_pkg/pkg/node"
cp bindings-node/index.js bindings-node/fallback.js bindings-node/package.json "$node_pkg/"
cp "$target_dir/release/libbenchcore_node.so" "$node_pkg/benchcore.node"
cp bindings-wasm/package.json "$wasm_pkg/"
cp bindings-wasm/pkg/node/benchcore_wasm.js bindings-wasm/pkg/node/benchcore_wasm_bg.wasm "$wasm_pkg/pkg/node/"
sed "s|^  main: 'action/index.mjs'$|  main: 'dist/index.mjs'|" action.yml >"$OUT/action.yml"
grep -q "main: 'dist/index.mjs'" "$OUT/action.yml" || {
  echo "action.yml: could not point main at dist/index.mjs"
  exit 1
}
echo "$OUT:"
(cd "$OUT" && find . -type f -exec ls -l {} + | awk '{ print $5, $9 }' | sort -k2)
