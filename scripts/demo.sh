#!/usr/bin/env bash
# The main job on the shipped examples: build the CLI, then ask "is the PR slower than main?"
# of a criterion tree and of two pytest-benchmark files. Extra arguments go to both compares
# (e.g. --format markdown, --fail-on-regression).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p benchcore-cli
bin=target/release/benchcore
echo "== criterion: target/criterion@main vs @pr (fib/20 was made ~20% slower)"
"$bin" compare examples/criterion/target/criterion@main examples/criterion/target/criterion@pr "$@"
echo
echo "== pytest-benchmark: main.json vs pr.json (test_sum_squares was made ~20% slower)"
"$bin" compare examples/pytest-benchmark/main.json examples/pytest-benchmark/pr.json "$@"
