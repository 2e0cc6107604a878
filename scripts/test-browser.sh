#!/usr/bin/env bash
# The dashboard in a real browser: Debian's chromium driven by playwright-core (npm, pinned;
# no browser download), against sites written by `benchcore dashboard` and served on
# 127.0.0.1 (tests/browser/*.test.mjs; screenshots in tests/artifacts/). Installs chromium
# with apt when /usr/bin/chromium is missing (as root; otherwise says how), builds the
# dashboard assets (scripts/build-dashboard.sh) and the CLI the expectations come from.
# Idempotent: a warm rerun only runs the tests. Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
last=$SECONDS
step() { printf '\n==> %s (previous step: %ss)\n' "$*" $((SECONDS - last)); last=$SECONDS; }

step "browser: chromium (${CHROMIUM:-/usr/bin/chromium})"
if [ -z "${CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
  else
    echo "chromium not found: install it (Debian/Ubuntu: sudo apt-get install --no-install-recommends chromium)"
    echo "or point CHROMIUM at a Chromium/Chrome binary"
    exit 1
  fi
fi
"${CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null | head -1

step "browser: dashboard assets (scripts/build-dashboard.sh)"
bash scripts/build-dashboard.sh

step "browser: the benchcore CLI the tests compare with"
cargo build -p benchcore-cli --quiet

step "browser: node --test tests/browser/*.test.mjs (report: tests/artifacts/browser-tests.txt)"
mkdir -p tests/artifacts
status=0
node --test --test-concurrency=1 --test-reporter=dot --test-reporter-destination=stdout \
  --test-reporter=spec --test-reporter-destination=tests/artifacts/browser-tests.txt \
  tests/browser/*.test.mjs || status=$?
grep -E '^ℹ (tests|suites|pass|fail) ' tests/artifacts/browser-tests.txt || true
echo "screenshots: $(ls tests/artifacts/*.png 2>/dev/null | tr '\n' ' ')"
exit "$status"
