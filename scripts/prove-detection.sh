#!/usr/bin/env bash
# How often does benchcore catch a 10% and a 20% slowdown, and how often does it cry wolf?
# Runs N trials (default 20) of the detection proof (scripts/lib/selfbench.sh: the slowdown
# example's suite run unchanged, x1.10, unchanged, x1.20 on checksum/fnv1a) and counts, over
# all trials:
#   - detection: a->s10 and a->s20 flag checksum/fnv1a (at the 5% threshold, and for
#     comparison at 10%, the threshold a 10% change straddles);
#   - false alarms: a->b (unchanged) flags anything; and any of the three control benchmarks
#     flagged in any comparison.
# Usage: scripts/prove-detection.sh [N]    (25-60 s per trial; the README's figures)
# BENCHCORE=path/to/benchcore to use a given CLI; BENCHCORE_SELFBENCH_ARGS for criterion flags.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
# shellcheck source=scripts/lib/selfbench.sh
. scripts/lib/selfbench.sh
n=${1:-20}
selfbench_build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "prove-detection: $n trials on $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "prove-detection: load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
det10=0 det20=0 det10_at10=0 fa=0 ctl=0 exact10=0 exact20=0 passed=0
changes10=() changes20=() loads=()
start=$SECONDS
for i in $(seq 1 "$n"); do
  home="$work/$i"
  mkdir -p "$home"
  selfbench_run "$home" a 1.0
  selfbench_run "$home" s10 1.10
  selfbench_run "$home" b 1.0
  selfbench_run "$home" s20 1.20
  IFS='|' read -r _ bad_b ch_b <<<"$(selfbench_compare "$home" a b "$SELFBENCH_THRESHOLD")"
  IFS='|' read -r _ bad10 ch10 <<<"$(selfbench_compare "$home" a s10 "$SELFBENCH_THRESHOLD")"
  IFS='|' read -r _ bad20 ch20 <<<"$(selfbench_compare "$home" a s20 "$SELFBENCH_THRESHOLD")"
  IFS='|' read -r _ bad10t _ <<<"$(selfbench_compare "$home" a s10 10%)"
  load=$(cut -d' ' -f1 /proc/loadavg)
  loads+=("$load")
  changes10+=("$ch10") changes20+=("$ch20")
  has() { [[ ",$1," == *",$SELFBENCH_SLOW,"* ]]; }
  others() { tr "," "\n" <<<"$1" | { grep -v -x -e "$SELFBENCH_SLOW" -e - || true; } | wc -l; }
  has "$bad10" && det10=$((det10 + 1))
  has "$bad20" && det20=$((det20 + 1))
  has "$bad10t" && det10_at10=$((det10_at10 + 1))
  [ "$bad10" = "$SELFBENCH_SLOW" ] && exact10=$((exact10 + 1))
  [ "$bad20" = "$SELFBENCH_SLOW" ] && exact20=$((exact20 + 1))
  [ "$bad_b" != - ] && fa=$((fa + 1))
  ctl=$((ctl + $(others "$bad_b") + $(others "$bad10") + $(others "$bad20")))
  [ "$bad_b" = - ] && [ "$bad10" = "$SELFBENCH_SLOW" ] && [ "$bad20" = "$SELFBENCH_SLOW" ] &&
    passed=$((passed + 1))
  printf 'trial %3d (load %5s): unchanged: %-14s | x1.10: %-16s (%s) | x1.20: %-16s (%s) | x1.10 at 10%%: %s\n' \
    "$i" "$load" "$bad_b (${ch_b})" "$bad10" "$ch10" "$bad20" "$ch20" "$bad10t"
done
echo
echo "prove-detection: $n trials in $((SECONDS - start)) s; load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "prove-detection: load (1-min average) per trial: min $(printf '%s\n' "${loads[@]}" | sort -n | head -1), max $(printf '%s\n' "${loads[@]}" | sort -n | tail -1)"
echo "prove-detection: measured change of $SELFBENCH_SLOW, x1.10: $(printf '%s\n' "${changes10[@]}" | sort -g | sed -n '1p;$p' | paste -sd' ' | sed 's/ / to /')," \
  "x1.20: $(printf '%s\n' "${changes20[@]}" | sort -g | sed -n '1p;$p' | paste -sd' ' | sed 's/ / to /')"
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%", 100 * a / b }'; }
cat <<TABLE

| what (threshold $SELFBENCH_THRESHOLD unless said) | trials | rate |
| --- | ---: | ---: |
| 10% slowdown flagged | $det10/$n | $(pct "$det10" "$n") |
| 10% slowdown flagged, and nothing else | $exact10/$n | $(pct "$exact10" "$n") |
| 20% slowdown flagged | $det20/$n | $(pct "$det20" "$n") |
| 20% slowdown flagged, and nothing else | $exact20/$n | $(pct "$exact20" "$n") |
| false alarm: unchanged run flagged anything | $fa/$n | $(pct "$fa" "$n") |
| control benchmarks flagged (3 per comparison, 3 comparisons) | $ctl/$((9 * n)) | $(pct $ctl $((9 * n))) |
| whole trial right (what scripts/test-selfbench.sh requires) | $passed/$n | $(pct "$passed" "$n") |
| for comparison: 10% slowdown flagged at a 10% threshold | $det10_at10/$n | $(pct "$det10_at10" "$n") |
TABLE
