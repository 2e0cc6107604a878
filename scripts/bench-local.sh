#!/usr/bin/env bash
# The performance workflow (.github/workflows/benchmarks.yml) on this machine, offline: run
# benchcore's own benchmarks, compare them with the previous run on the same branch, judge
# them against the branch's history, and remember the run.
#
#   scripts/bench-local.sh                 # the core's gate suite (criterion bench `gate`)
#   scripts/bench-local.sh --python        # also the pytest-benchmark benches (needs .venv,
#                                          # made by scripts/test-python.sh)
#   BENCHCORE_LOCAL_BENCHES="core history" scripts/bench-local.sh
#
# Per run:
#   1. cargo bench of each suite in BENCHCORE_LOCAL_BENCHES (default "gate", the suite the
#      workflow gates on, with its own short samples; the large suites core, changepoint and
#      history get short measurement times; BENCHCORE_LOCAL_CRITERION_ARGS, when set, gives
#      the criterion flags of every suite, default none for gate and "--warm-up-time 1
#      --measurement-time 3" for the others; the history bench is shortened with
#      HISTORY_BENCH_RUNS, default 500), into .benchcore/criterion/<branch>/ as criterion
#      baseline `local`, the previous run's moved to `previous`;
#   2. `benchcore compare previous local` (threshold BENCHCORE_THRESHOLD, default 10%);
#   3. `benchcore check` of the run against .benchcore/history on this branch (inconclusive
#      until the branch has 5 runs);
#   4. `benchcore history add` with commit, branch and environment (CPU, cores, OS, rustc,
#      load average), so the next run has a baseline.
# .benchcore/ is gitignored. Exit status 1 when step 2 or 3 found a regression and
# BENCHCORE_LOCAL_FAIL=1.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
python=0
for arg in "$@"; do
  case $arg in
    --python) python=1 ;;
    -h | --help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)"; exit 2 ;;
  esac
done
benches=${BENCHCORE_LOCAL_BENCHES:-gate}
# Criterion flags of one suite: BENCHCORE_LOCAL_CRITERION_ARGS when set (even empty), else none
# for `gate` (its own config: 400 flat samples of about 2.5 ms) and shortened times for the rest.
criterion_args() {
  if [ -n "${BENCHCORE_LOCAL_CRITERION_ARGS+set}" ]; then
    printf '%s' "$BENCHCORE_LOCAL_CRITERION_ARGS"
  elif [ "$1" = gate ]; then
    printf ''
  else
    printf '%s' "--warm-up-time 1 --measurement-time 3"
  fi
}
threshold=${BENCHCORE_THRESHOLD:-10%}
history=${BENCHCORE_LOCAL_HISTORY:-.benchcore/history}
export HISTORY_BENCH_RUNS=${HISTORY_BENCH_RUNS:-500}
fail=()
[ "${BENCHCORE_LOCAL_FAIL:-0}" = 1 ] && fail=(--fail-on-regression)

branch=$(git rev-parse --abbrev-ref HEAD 2>/dev/null || echo local)
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
dirty=clean
git diff --quiet HEAD 2>/dev/null || dirty=modified
slug=$(printf '%s' "$branch" | tr -c 'A-Za-z0-9._-' '_')
home=$PWD/.benchcore/criterion/$slug
pyhome=.benchcore/pytest/$slug
mkdir -p "$home" "$pyhome"

cargo build --release --quiet -p benchcore-cli
benchcore=${CARGO_TARGET_DIR:-target}/release/benchcore

env_args=(
  --env "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //' || uname -m)"
  --env "cpu_count=$(nproc)"
  --env "arch=$(uname -m)"
  --env "os=$(uname -sr)"
  --env "runtime=$(rustc -V | cut -d' ' -f1-2)"
  --env "load_average=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  --env "worktree=$dirty"
)

echo "bench-local: branch $branch at ${commit:0:12} ($dirty), benches: $benches; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The previous run of this branch becomes `previous`; this run is saved as `local`.
find "$home" -type d -name previous -prune -exec rm -rf {} +
while IFS= read -r dir; do mv "$dir" "$(dirname "$dir")/previous"; done \
  < <(find "$home" -type d -name local -prune)
for bench in $benches; do
  echo "bench-local: cargo bench -p benchcore --bench $bench"
  # shellcheck disable=SC2046 # the criterion flags are words
  CRITERION_HOME=$home cargo bench --quiet -p benchcore --bench "$bench" -- \
    --save-baseline local --noplot $(criterion_args "$bench") >"$home/$bench.log" 2>&1 ||
    { tail -30 "$home/$bench.log"; exit 1; }
done
runs=("$home@local")
if [ "$python" = 1 ]; then
  venv=${BENCHCORE_VENV:-.venv}
  [ -x "$venv/bin/python" ] || { echo "no $venv: run scripts/test-python.sh first"; exit 2; }
  [ -f "$pyhome/local.json" ] && mv "$pyhome/local.json" "$pyhome/previous.json"
  echo "bench-local: pytest-benchmark (tests/python/bench_plugin_overhead.py)"
  "$venv/bin/python" -m pytest tests/python/bench_plugin_overhead.py -q -p no:cacheprovider \
    --benchmark-json="$pyhome/local.json" >"$pyhome/pytest.log" 2>&1 ||
    { tail -30 "$pyhome/pytest.log"; exit 1; }
  runs+=("$pyhome/local.json")
fi

status=0
# Exit 1 (a regression under BENCHCORE_LOCAL_FAIL=1) is remembered; any other failure stops.
gate() {
  local s=0
  "$@" || s=$?
  case $s in 0) ;; 1) status=1 ;; *) exit "$s" ;; esac
}
for run in "${runs[@]}"; do
  case $run in
    *@local) previous=${run%@local}@previous; [ -n "$(find "$home" -type d -name previous -print -quit)" ] || previous= ;;
    *) previous=$pyhome/previous.json; [ -f "$previous" ] || previous= ;;
  esac
  echo
  if [ -n "$previous" ]; then
    echo "== compare with the previous run on $branch (threshold $threshold)"
    gate "$benchcore" compare "$previous" "$run" --threshold "$threshold" "${fail[@]}"
  else
    echo "== no previous run on $branch yet: nothing to compare with"
  fi
  echo
  if [ -f "$history/history.json" ]; then
    echo "== check against the history of $branch ($history)"
    gate "$benchcore" check "$run" --history "$history" --branch "$branch" "${fail[@]}"
  else
    echo "== no history in $history yet: this run starts it"
  fi
  "$benchcore" history add "$run" --history "$history" --branch "$branch" --commit "$commit" \
    "${env_args[@]}"
done
exit $status
