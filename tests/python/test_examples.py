"""examples/python runs as its README says (on a copy, so the example folder stays clean)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

from conftest import REPO


def pytest_run(where: Path, args: List[str], env: Dict[str, str]) -> "subprocess.CompletedProcess[str]":
    full_env = {**os.environ, **env}
    full_env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", *args], cwd=where, env=full_env, capture_output=True, text=True, check=False
    )


@pytest.fixture
def example(tmp_path: Path) -> Path:
    where = tmp_path / "example"
    shutil.copytree(REPO / "examples" / "python", where)
    first = pytest_run(where, ["--benchmark-json=main.json"], {})
    assert first.returncode == 0, first.stdout + first.stderr
    return where


def test_the_plugin_catches_the_switch(example: Path) -> None:
    slow = pytest_run(example, ["--benchcore-baseline=main.json", "--benchcore-fail-on-regression"], {"SLOWLIB_SLOW": "1"})
    assert slow.returncode == 1, slow.stdout + slow.stderr
    rows = [line.split()[0] for line in slow.stdout.splitlines() if "::test_load_settings " in line + " "]
    assert rows and rows[0] == "regressed", slow.stdout
    # word_counts is CPU-bound: on a machine shared with compilers its timing moves by tens of
    # percent, so the "same code passes" check sticks to the sleep-bound benchmark.
    same = pytest_run(
        example, ["--benchcore-baseline=main.json", "--benchcore-fail-on-regression", "-k", "load_settings"], {}
    )
    assert same.returncode == 0, same.stdout + same.stderr


def test_the_conftest_uses_the_library(example: Path) -> None:
    env = {"SLOWLIB_SLOW": "1", "BENCH_BASELINE": "main.json"}
    slow = pytest_run(example, ["--benchmark-json=current.json"], env)
    assert slow.returncode == 1, slow.stdout + slow.stderr
    assert "REGRESSED project/test_slowlib.py::test_load_settings" in slow.stdout
    same = pytest_run(example, ["--benchmark-json=current.json", "-k", "load_settings"], {"BENCH_BASELINE": "main.json"})
    assert same.returncode == 0, same.stdout + same.stderr
    assert "conftest.py: benchcore vs main.json" in same.stdout
