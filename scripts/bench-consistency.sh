#!/usr/bin/env bash
# How consistent are benchcore's own benchmarks, run after run on this machine, and which are
# steady enough to gate on? Runs the core's criterion suites (default: `gate`, the suite the
# workflow gates on) K times (default 10) into a temporary benchcore history, then builds the table from benchcore's own machinery:
#   history add (each run) -> history export (one series per benchmark: the run medians)
#   compare run(k-1) run(k) (within-run detectable change)
#   check run(K) against runs 1..K-1 (the history gate's bound)
# and prints, per benchmark: runs, median, run-to-run CV, the minimal detectable change
# between two runs (MDC95 = 1.96 x sqrt(2) x CV), and whether it can gate at the threshold
# (scripts/lib/consistency.py says how).
#
#   scripts/bench-consistency.sh [K]
#   scripts/bench-consistency.sh --example [K]   the slowdown example's suite (examples/slowdown,
#                                                unchanged) instead: the same table for a suite
#                                                built for noisy machines (2 ms samples)
#   BENCHCORE_CONSISTENCY_BENCHES   suites (default "gate"; the large suites:
#                                   "core changepoint history")
#   BENCHCORE_CONSISTENCY_ARGS      criterion flags for every suite (default: none for `gate`,
#                                   which sets its own short samples; "--warm-up-time 0.5
#                                   --measurement-time 2" for the others)
#   HISTORY_BENCH_RUNS              size of the history bench's store (default 200)
#   BENCHCORE_THRESHOLD             gating threshold in percent (default 10)
#   BENCHCORE_CONSISTENCY_DIR       keep the runs here instead of a temporary directory
# About 15 s per repetition of `gate`, 70 s of the three large suites, on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
example=0
if [ "${1:-}" = --example ]; then
  example=1
  shift
fi
k_runs=${1:-10}
[ "$k_runs" -ge 3 ] || { echo "K must be at least 3"; exit 2; }
benches=${BENCHCORE_CONSISTENCY_BENCHES:-gate}
# Criterion flags of one suite: BENCHCORE_CONSISTENCY_ARGS when set (even empty), else none for
# `gate` (its own config: 400 flat samples of about 2.5 ms) and shortened times for the others.
bench_args() {
  if [ -n "${BENCHCORE_CONSISTENCY_ARGS+set}" ]; then
    printf '%s' "$BENCHCORE_CONSISTENCY_ARGS"
  elif [ "$1" = gate ]; then
    printf ''
  else
    printf '%s' "--warm-up-time 0.5 --measurement-time 2"
  fi
}
args=$(for bench in $benches; do a=$(bench_args "$bench"); printf '%s: %s; ' "$bench" "${a:-its own sampling}"; done)
args=${args%; }
threshold=${BENCHCORE_THRESHOLD:-10}
threshold=${threshold%\%}
export HISTORY_BENCH_RUNS=${HISTORY_BENCH_RUNS:-200}
if [ -n "${BENCHCORE_CONSISTENCY_DIR:-}" ]; then
  work=$BENCHCORE_CONSISTENCY_DIR
  rm -rf "$work" && mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
home=$work/criterion
history=$work/history

cargo build --release --quiet -p benchcore-cli
benchcore=${CARGO_TARGET_DIR:-target}/release/benchcore
if [ "$example" = 1 ]; then
  # shellcheck source=scripts/lib/selfbench.sh
  . scripts/lib/selfbench.sh
  BENCHCORE=$benchcore selfbench_build
  benches="examples/slowdown"
  args="(its defaults)"
else
  cargo bench --quiet -p benchcore --no-run 2>/dev/null
fi
echo "bench-consistency: $k_runs runs of: $benches ($args); $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)"
start=$SECONDS
loads=()
for k in $(seq 1 "$k_runs"); do
  t=$SECONDS
  load=$(cut -d' ' -f1 /proc/loadavg)
  loads+=("$load")
  if [ "$example" = 1 ]; then
    mkdir -p "$home"
    selfbench_run "$home" "run$k" 1.0
  else
    for bench in $benches; do
      # shellcheck disable=SC2046 # the criterion flags are words
      CRITERION_HOME=$home cargo bench --quiet -p benchcore --bench "$bench" -- \
        --save-baseline "run$k" --noplot $(bench_args "$bench") >>"$work/criterion.log" 2>&1 ||
        { tail -30 "$work/criterion.log"; exit 1; }
    done
  fi
  if [ "$k" -gt 1 ]; then
    "$benchcore" compare "$home@run$((k - 1))" "$home@run$k" --format json >"$work/compare-$k.json"
  fi
  if [ "$k" -eq "$k_runs" ]; then
    # The last run against the K-1 before it, before it joins them.
    "$benchcore" check "$home@run$k" --history "$history" --branch consistency \
      --min-sample-size 2 --format json >"$work/check.json"
    "$benchcore" check "$home@run$k" --history "$history" --branch consistency \
      --min-sample-size 2 >"$work/check.txt"
  fi
  "$benchcore" history add "$home@run$k" --history "$history" --branch consistency \
    --time "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --env "load_average=$load" >/dev/null
  echo "bench-consistency: run $k/$k_runs in $((SECONDS - t)) s (load average at start $load)"
done
"$benchcore" history export --history "$history" --out "$work/bundle.json" >/dev/null
echo "bench-consistency: $k_runs runs in $((SECONDS - start)) s; load average (1 min) per run:" \
  "min $(printf '%s\n' "${loads[@]}" | sort -g | head -1), max $(printf '%s\n' "${loads[@]}" | sort -g | tail -1)"
echo
python3 scripts/lib/consistency.py "$work/bundle.json" "$work/check.json" "$threshold" "$work"/compare-*.json
