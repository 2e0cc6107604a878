#!/usr/bin/env bash
# The proof that benchcore catches 10% slowdowns, as a test (called by scripts/test.sh): builds
# the slowdown example (examples/slowdown) in its own target dir, runs its criterion suite
# unchanged twice and with checksum/fnv1a slowed by 10% and by 20%, and requires that
# `benchcore compare --threshold 5%` flags nothing between the unchanged runs and exactly
# checksum/fnv1a in both slowed runs. See scripts/lib/selfbench.sh for the trial and why 5%.
#
# A trial takes 25-60 s (four 6 s runs of the suite, longer under load), the cold build of the
# example 30 s-2 min. A failed trial is repeated once (BENCHCORE_SELFBENCH_ATTEMPTS), so one
# burst of machine load does not fail the build, while a real loss of detection (or a false
# alarm that repeats) still does. The rates over many trials: scripts/prove-detection.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
# shellcheck source=scripts/lib/selfbench.sh
. scripts/lib/selfbench.sh
attempts=${BENCHCORE_SELFBENCH_ATTEMPTS:-2}
start=$SECONDS

echo "selfbench: building examples/slowdown (release, $SELFBENCH_TARGET) and the CLI"
selfbench_build
echo "selfbench: built in $((SECONDS - start)) s; load average $(cut -d' ' -f1-3 /proc/loadavg)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for attempt in $(seq 1 "$attempts"); do
  t=$SECONDS
  echo "selfbench: trial $attempt of at most $attempts (threshold $SELFBENCH_THRESHOLD)"
  status=0
  selfbench_trial "$work/trial-$attempt" || status=$?
  echo "selfbench: trial $attempt took $((SECONDS - t)) s, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$status" -eq 0 ]; then
    echo "selfbench: proof passed in $((SECONDS - start)) s in all"
    echo "selfbench: 1 passed, 0 failed"
    exit 0
  fi
  [ "$status" -eq 1 ] || { tail -20 "$work/trial-$attempt/criterion.log"; exit 1; }
done
echo "selfbench: detection proof failed in $attempts trials; criterion's log of the last:"
tail -20 "$work/trial-$attempts/criterion.log"
echo "selfbench: 0 passed, 1 failed"
exit 1
