#!/usr/bin/env bash
# On demand: what the pytest plugin adds to a session of 100 benchmarks
# (tests/python/bench_plugin_overhead.py), measured on a release wheel. Run scripts/test-python.sh
# first (it creates the venv); it reinstalls the dev wheel afterwards. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${BENCHCORE_VENV:-.venv}
rm -f target/wheels-release/benchcore-*.whl
"$VENV/bin/maturin" build --release --quiet --manifest-path bindings-python/Cargo.toml \
    --target-dir target/python --out target/wheels-release
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
    target/wheels-release/benchcore-*.whl
"$VENV/bin/python" -m pytest tests/python/bench_plugin_overhead.py -p no:cacheprovider -s \
    --benchmark-columns=min,median,max,rounds --benchmark-sort=name "$@"
