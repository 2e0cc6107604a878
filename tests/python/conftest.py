"""Shared fixtures of the Python test suite (run by scripts/test-python.sh)."""

import os
import subprocess
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
FIXTURES = TESTS / "fixtures"


@pytest.fixture(scope="session")
def cli() -> Path:
    """The `benchcore` binary (the oracle of the JSON-equality tests): $BENCHCORE_CLI, or
    target/debug/benchcore, built with cargo when missing."""
    explicit = os.environ.get("BENCHCORE_CLI")
    if explicit:
        return Path(explicit)
    path = REPO / "target" / "debug" / "benchcore"
    if not path.exists():
        subprocess.run(["cargo", "build", "--quiet", "-p", "benchcore-cli"], cwd=REPO, check=True)
    return path


@pytest.fixture
def in_tests_dir(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run with tests/ as the working directory, as the golden vectors expect."""
    monkeypatch.chdir(TESTS)
    return TESTS
