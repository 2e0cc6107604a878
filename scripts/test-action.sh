#!/usr/bin/env bash
# The GitHub Action (action.yml, action/): the node:test suites in tests/action/ run its entry
# point end to end (local bare git remote, 127.0.0.1 stand-in for the REST API, native and WASM
# backends) and test its parts. Needs what scripts/test-js.sh builds (the npm workspace, the
# native addon, the WASM module); scripts/test.sh runs that first, and run alone this script
# runs it when something is missing. Needs git >= 2.31 (GIT_CONFIG_COUNT).
set -euo pipefail
cd "$(dirname "$0")/.."
last=$SECONDS
step() { printf '\n==> %s (previous step: %ss)\n' "$*" $((SECONDS - last)); last=$SECONDS; }

step "action: prerequisites (git, npm workspace, native addon, WASM module)"
command -v git >/dev/null || { echo "git not found"; exit 1; }
git --version
if [ ! -f bindings-node/benchcore.node ] || [ ! -f bindings-wasm/pkg/node/benchcore_wasm.js ] ||
  [ ! -f node_modules/@actions/core/package.json ]; then
  echo "missing build outputs: running scripts/test-js.sh first"
  bash scripts/test-js.sh
fi

step "action: node --test tests/action/*.test.mjs (full report: tests/artifacts/action-tests.txt)"
mkdir -p tests/artifacts
status=0
node --test --test-reporter=dot --test-reporter-destination=stdout \
  --test-reporter=spec --test-reporter-destination=tests/artifacts/action-tests.txt \
  tests/action/*.test.mjs || status=$?
grep -E '^ℹ (tests|suites|pass|fail) ' tests/artifacts/action-tests.txt || true
echo "action tests: $((SECONDS - last))s"
exit "$status"
