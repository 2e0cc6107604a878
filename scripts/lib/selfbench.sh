# shellcheck shell=bash
# Shared by scripts/test-selfbench.sh and scripts/prove-detection.sh (sourced, not run): build
# the slowdown example (examples/slowdown, its own workspace and target dir) and the CLI, run
# one trial of the detection proof, and judge it.
#
# A trial runs the example's four criterion benchmarks four times, interleaved so that a change
# of machine load hits the unchanged and the slowed runs alike:
#   a (unchanged) -> s10 (checksum/fnv1a x1.10) -> b (unchanged) -> s20 (x1.20)
# then compares a with each of the others with `benchcore compare --threshold 5%`. It passes
# when a->b flags nothing and a->s10, a->s20 flag exactly checksum/fnv1a.
#
# Why 5%: a 10% slowdown measures as 10% +/- noise, so a 10% threshold flags it only when the
# noise pushes it over (23 of 30 trials in the README's measurement; scripts/prove-detection.sh
# measures it too). Half the smallest slowdown we promise to catch leaves room for noise on
# both sides: the slowed benchmark must measure above 5%, an unchanged one below it.

SELFBENCH_THRESHOLD=${BENCHCORE_SELFBENCH_THRESHOLD:-5%}
SELFBENCH_SLOW=checksum/fnv1a
SELFBENCH_TARGET=${BENCHCORE_SELFBENCH_TARGET:-${CARGO_TARGET_DIR:-target}/slowdown-example}

# Build the example's bench binary and the CLI; sets SELFBENCH_BIN and BENCHCORE.
selfbench_build() {
  local out
  out=$(CARGO_TARGET_DIR=$SELFBENCH_TARGET cargo bench --quiet \
    --manifest-path examples/slowdown/Cargo.toml --bench slowdown --no-run \
    --message-format=json)
  SELFBENCH_BIN=$(printf '%s\n' "$out" | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "slowdown" and m.get("executable"):
        print(m["executable"])')
  [ -x "$SELFBENCH_BIN" ] || { echo "slowdown bench binary not found"; return 1; }
  if [ -z "${BENCHCORE:-}" ]; then
    cargo build --quiet -p benchcore-cli
    BENCHCORE=${CARGO_TARGET_DIR:-target}/debug/benchcore
  fi
  [ -x "$BENCHCORE" ] || { echo "benchcore CLI not found at $BENCHCORE"; return 1; }
}

# selfbench_run HOME NAME FACTOR: one run of the suite into criterion baseline NAME under HOME.
# Extra criterion flags come from BENCHCORE_SELFBENCH_ARGS (e.g. "--measurement-time 0.2").
selfbench_run() {
  local home=$1 name=$2 factor=$3
  # shellcheck disable=SC2086 # word splitting of the extra flags is intended
  CRITERION_HOME=$home BENCHCORE_EXAMPLE_SLOWDOWN=$factor \
    "$SELFBENCH_BIN" --bench --save-baseline "$name" ${BENCHCORE_SELFBENCH_ARGS:-} \
    >>"$home/criterion.log" 2>&1
}

# selfbench_compare HOME BASE CAND THRESHOLD: prints "STATUS|REGRESSED|CHANGE" where STATUS is
# the exit status of `compare --fail-on-regression`, REGRESSED the regressed benchmarks
# (comma-separated, "-" for none) and CHANGE the median change of the slowed benchmark.
selfbench_compare() {
  local home=$1 base=$2 cand=$3 threshold=$4 json status=0
  json=$("$BENCHCORE" compare "$home@$base" "$home@$cand" --threshold "$threshold" \
    --format json --fail-on-regression) || status=$?
  [ "$status" -le 1 ] || { echo "benchcore compare failed (exit $status)" >&2; return 1; }
  printf '%s' "$json" | python3 -c '
import json, sys
status, slow = sys.argv[1], sys.argv[2]
rows = [r for r in json.load(sys.stdin)["benchmarks"] if r["metric"] == "time"]
bad = sorted(r["name"] for r in rows if r["verdict"] == "regressed")
change = next((r["relative_change"] for r in rows if r["name"] == slow), None)
shown = "?" if change is None else "%+.1f%%" % (change * 100)
print("|".join([status, ",".join(bad) or "-", shown]))
' "$status" "$SELFBENCH_SLOW"
}

# selfbench_trial HOME: one trial; prints one line per comparison and returns 0 when all three
# verdicts are right.
selfbench_trial() {
  local home=$1 ok=0 line status bad change
  mkdir -p "$home"
  selfbench_run "$home" a 1.0
  selfbench_run "$home" s10 1.10
  selfbench_run "$home" b 1.0
  selfbench_run "$home" s20 1.20
  for pair in "b:unchanged:-" "s10:slowed 10%:$SELFBENCH_SLOW" "s20:slowed 20%:$SELFBENCH_SLOW"; do
    IFS=: read -r cand what want <<<"$pair"
    line=$(selfbench_compare "$home" a "$cand" "$SELFBENCH_THRESHOLD") || return 2
    IFS='|' read -r status bad change <<<"$line"
    local expect_status=1
    [ "$want" = - ] && expect_status=0
    if [ "$bad" = "$want" ] && [ "$status" = "$expect_status" ]; then
      printf '  ok    %-13s regressed: %-16s (%s %s, exit %s)\n' "$what" "$bad" "$SELFBENCH_SLOW" "$change" "$status"
    else
      printf '  WRONG %-13s regressed: %-16s (%s %s, exit %s), expected: %s\n' "$what" "$bad" "$SELFBENCH_SLOW" "$change" "$status" "$want"
      ok=1
    fi
  done
  return $ok
}
