#!/usr/bin/env bash
# The Python surface: venv with pinned tools (created and filled only when missing), the
# benchcore wheel built by maturin (its own target dir, so it does not rebuild cargo's pyo3),
# installed into the venv, then pytest over tests/python. Called by scripts/test.sh; a warm
# rerun takes seconds. Extra arguments go to pytest (e.g. -k plugin, -x).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> %s\n' "$*"; }

VENV=${BENCHCORE_VENV:-.venv}
PY=${PYTHON:-python3}
# Pinned test tools; the pytest-benchmark pin is the version the fixtures were made with.
PINS=(maturin==1.16.0 pytest==9.2.0 pytest-benchmark==5.3.1 pytest-xdist==3.8.0)

step "python venv ($VENV)"
if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
fi
installed=$("$VENV/bin/python" -m pip list --format=freeze --disable-pip-version-check 2>/dev/null | tr 'A-Z_' 'a-z-')
missing=()
for pin in "${PINS[@]}"; do
    grep -qx "$pin" <<<"$installed" || missing+=("$pin")
done
if [ ${#missing[@]} -gt 0 ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${missing[@]}"
fi

step "maturin build (dev profile, target/python)"
rm -f target/wheels/benchcore-*.whl
"$VENV/bin/maturin" build --quiet --manifest-path bindings-python/Cargo.toml \
    --target-dir target/python --out target/wheels
wheel=$(ls target/wheels/benchcore-*.whl)
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"

step "pytest tests/python"
# The CLI is the oracle of the JSON-equality tests; cargo test built it already, this is a no-op then.
cargo build --quiet -p benchcore-cli
"$VENV/bin/python" -m pytest tests/python -q -p no:cacheprovider "$@"
