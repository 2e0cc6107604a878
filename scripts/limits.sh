#!/usr/bin/env bash
# Measure how the release CLI copes with absurd inputs: wall time and peak RSS (GNU time -v) of
# each case, and its exit status and first line of stderr. Generates its inputs under
# target/limits/. Not part of CI (it needs a release build and a few GB of scratch files);
# SECURITY.md quotes its output.
#
#   scripts/limits.sh            all cases
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "limits.sh: needs GNU time (apt-get install time)" >&2; exit 1; }

cargo build --release --quiet -p benchcore-cli
bc=$(pwd)/target/release/benchcore
work=target/limits
rm -rf "$work"
mkdir -p "$work"

echo "==> generating inputs"
python3 - "$work" <<'EOF'
import json, sys, os
w = sys.argv[1]
n = 1_000_000
with open(f"{w}/go-1m.txt", "w") as f:
    f.write("goos: linux\ngoarch: amd64\npkg: x\n")
    for i in range(n):
        f.write(f"BenchmarkB{i}-8   \t 1000000 \t {100 + i % 7} ns/op\n")
    f.write("PASS\nok  \tx\t1.0s\n")
with open(f"{w}/go-1m-slow.txt", "w") as f:
    f.write("goos: linux\ngoarch: amd64\npkg: x\n")
    for i in range(n):
        f.write(f"BenchmarkB{i}-8   \t 1000000 \t {130 + i % 7} ns/op\n")
    f.write("PASS\nok  \tx\t1.0s\n")
with open(f"{w}/bmf-1m.json", "w") as f:
    json.dump({f"bench/{i}": {"latency": {"value": 100.0 + i % 7}} for i in range(n)}, f)
with open(f"{w}/deep.json", "w") as f:
    f.write("[" * (64 * 1024 * 1024))
with open(f"{w}/deep-ignored.json", "w") as f:
    f.write('{"machine_info": {"x": ' + "[" * (64 * 1024 * 1024))
with open(f"{w}/line.txt", "w") as f:
    f.write("BenchmarkFoo-8 \t 1000 \t " + "9" * (200 * 1024 * 1024) + " ns/op\n")
name = "<b>" + "n" * (100 * 1024) + "</b>"
for tag, v in (("a", 100.0), ("b", 150.0)):
    with open(f"{w}/name-100k-{tag}.json", "w") as f:
        json.dump({name: {"latency": {"value": v}}, "short": {"latency": {"value": v}}}, f)
os.truncate(f"{w}/sparse-300m.json", 0) if os.path.exists(f"{w}/sparse-300m.json") else None
with open(f"{w}/sparse-300m.json", "wb") as f:
    f.truncate(300 * 1024 * 1024)
EOF
ls -la "$work" | sed 1d

printf '\n%-44s %9s %11s %5s  %s\n' case "wall s" "peak RSS" exit "stderr (first line)"
measure() {
    local label=$1
    shift
    local out=$work/out.txt err=$work/err.txt tv=$work/time.txt
    set +e
    /usr/bin/time -v -o "$tv" "$@" >"$out" 2>"$err"
    local rc=$?
    set -e
    local wall rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tv" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tv")
    printf '%-44s %9.2f %8d MB %5s  %s\n' "$label" "$wall" $((rss / 1024)) "$rc" "$(head -c 90 "$err" | head -1)"
}

h=$work/history
measure "parse 1M benchmarks (Go text, 46 MB)" "$bc" parse "$work/go-1m.txt"
measure "parse 1M benchmarks (BMF JSON)" "$bc" parse "$work/bmf-1m.json"
measure "compare 1M vs 1M, table" "$bc" compare "$work/go-1m.txt" "$work/go-1m-slow.txt" --format table --color never
measure "compare 1M vs 1M, markdown" "$bc" compare "$work/go-1m.txt" "$work/go-1m-slow.txt" --format markdown
measure "compare 1M vs 1M, json" "$bc" compare "$work/go-1m.txt" "$work/go-1m-slow.txt" --format json
measure "history add 1M-benchmark run" "$bc" history add "$work/go-1m.txt" --history "$h"
measure "history add 2nd 1M-benchmark run" "$bc" history add "$work/go-1m-slow.txt" --history "$h"
measure "history list (2 runs of 1M)" "$bc" history list --history "$h"
measure "history export (2 runs of 1M)" "$bc" history export --history "$h" --out "$work/bundle.json"
measure "parse JSON nested 64M deep" "$bc" parse "$work/deep.json"
measure "parse JSON nested 64M deep in ignored key" "$bc" parse "$work/deep-ignored.json"
measure "parse one 200 MB line" "$bc" parse "$work/line.txt"
measure "parse 300 MB file (default 256 MiB limit)" "$bc" parse "$work/sparse-300m.json"
measure "parse 46 MB with --max-input-bytes 1000000" "$bc" parse "$work/go-1m.txt" --max-input-bytes 1000000
measure "compare 100 KB names, markdown" "$bc" compare "$work/name-100k-a.json" "$work/name-100k-b.json" --format markdown
echo "    (markdown with 100 KB names: $(wc -c <"$work/out.txt") bytes)"
