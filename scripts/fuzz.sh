#!/usr/bin/env bash
# Bounded fuzzing of every cargo-fuzz target in core/fuzz/ (see core/fuzz/src/lib.rs).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     default: 60 s, every target
#
# Installs cargo-fuzz when missing, builds the targets with nightly (no sanitizer: the core is
# #![forbid(unsafe_code)]; debug assertions and overflow checks on), seeds each target's corpus
# from tests/fixtures and tests/vectors (core/fuzz/src/seeds.rs), then runs each target for
# SECONDS with a 10 s per-input timeout and a 2 GiB memory limit. The corpora grow in
# target/fuzz/corpus/ and are reused by the next run on the same checkout.
#
# Any crash, timeout or out-of-memory input is kept in target/fuzz/artifacts/<target>/; the
# script carries on with the other targets, prints a summary and exits 1. Copy such an input to
# tests/fixtures/fuzz-regressions/<target>/ and fix the core: core/tests/fuzz_regressions.rs
# replays it in every `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

secs=${1:-60}
shift || true
fuzz_dir=core/fuzz
if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=()
    for f in "$fuzz_dir"/fuzz_targets/*.rs; do targets+=("$(basename "$f" .rs)"); done
fi

rustup toolchain list | grep -q '^nightly' || {
    echo "fuzz.sh: the nightly toolchain is needed (rustup toolchain install nightly)" >&2
    exit 1
}
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "==> installing cargo-fuzz"
    cargo install cargo-fuzz --version 0.13.2 --locked
fi

work=$root/target/fuzz
mkdir -p "$work"
echo "==> building ${#targets[@]} fuzz targets (nightly, debug assertions)"
start=$(date +%s)
mkdir -p "$work/logs"
if ! (cd "$fuzz_dir" && cargo +nightly fuzz build -O -a -s none) >"$work/logs/build.log" 2>&1; then
    cat "$work/logs/build.log" >&2
    exit 1
fi
bin=$root/$fuzz_dir/target/x86_64-unknown-linux-gnu/release
echo "    built in $(($(date +%s) - start)) s"

echo "==> seed corpora from tests/fixtures and tests/vectors"
rm -rf "$work/seeds"
BENCHCORE_FUZZ_SEEDS=$work/seeds cargo test --quiet --workspace --test fuzz_regressions \
    seed_corpora_cover_every_target >"$work/logs/seeds.log" 2>&1 || { cat "$work/logs/seeds.log" >&2; exit 1; }

# Writes of the history target go to a tmpfs when there is one (no fsync cost).
scratch_base=/dev/shm
[ -d "$scratch_base" ] && [ -w "$scratch_base" ] || scratch_base=${TMPDIR:-/tmp}
scratch=$(mktemp -d "$scratch_base/benchcore-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export BENCHCORE_FUZZ_SCRATCH=$scratch

failed=()
total_execs=0
printf '\n%-16s %8s %12s %9s %10s %8s  %s\n' target seconds executions exec/s "peak RSS" corpus result
for t in "${targets[@]}"; do
    corpus=$work/corpus/$t
    artifacts=$work/artifacts/$t
    log=$work/logs/$t.log
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    seeds=$work/seeds/$t
    mkdir -p "$seeds"
    t0=$(date +%s)
    set +e
    "$bin/$t" "$corpus" "$seeds" \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" >"$log" 2>&1
    rc=$?
    set -e
    took=$(($(date +%s) - t0))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
    execs=${execs:-0}
    total_execs=$((total_execs + execs))
    result=ok
    if [ "$rc" -ne 0 ]; then
        result="FAILED (exit $rc): $(grep -m1 -oE 'Test unit written to .*' "$log" || echo "see $log")"
        failed+=("$t")
    fi
    printf '%-16s %8s %12s %9s %8s MB %8s  %s\n' "$t" "$took" "$execs" "${rate:-0}" "${rss:-?}" \
        "$(find "$corpus" -type f | wc -l)" "$result"
done
echo
echo "fuzzed ${#targets[@]} targets for ${secs} s each: $total_execs executions in total"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: failing targets: ${failed[*]} (logs in $work/logs, inputs in $work/artifacts)" >&2
    echo "Replay one: $bin/<target> <input>; keep it in tests/fixtures/fuzz-regressions/<target>/." >&2
    exit 1
fi
