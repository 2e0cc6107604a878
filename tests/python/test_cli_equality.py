"""The JSON shape is the API: what a Python function returns must EQUAL json.loads of the CLI's
JSON output for the same input and options (exact equality, no tolerance: both come from the
same serde types)."""

import json
import subprocess
from pathlib import Path
from typing import Any, List

import pytest

import benchcore

PYTEST_531 = "fixtures/pytest-benchmark/pytest-benchmark-5.3.1"
PYTEST_400 = "fixtures/pytest-benchmark/pytest-benchmark-4.0.0"
CRITERION = "fixtures/criterion/criterion-0.5.1/tree-after-run5/target-criterion"
CARGO_CRITERION = "fixtures/criterion/cargo-criterion-1.1.0"


def run_cli(cli: Path, args: List[str]) -> Any:
    out = subprocess.run([str(cli), *args], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize(
    "path",
    [
        f"{PYTEST_531}/run1.json",
        f"{PYTEST_531}/run2-slow-save-data.json",
        f"{PYTEST_400}/run1.json",
        f"{CRITERION}@main",
        f"{CRITERION}@pr",
        f"{CARGO_CRITERION}/cargo-criterion.json",
    ],
)
def test_parse_equals_cli_json(cli: Path, in_tests_dir: Path, path: str) -> None:
    assert benchcore.parse(path) == json.loads(run_cli(cli, ["parse", path]))


def test_parse_options_equal_cli_flags(cli: Path, in_tests_dir: Path) -> None:
    path = f"{PYTEST_531}/run1.json"
    got = benchcore.parse(path, commit="abc123", branch="main", time="2026-01-02T03:04:05Z")
    want = json.loads(
        run_cli(cli, ["parse", path, "--commit", "abc123", "--branch", "main", "--time", "2026-01-02T03:04:05Z"])
    )
    assert got == want
    assert got["commit"] == "abc123"


@pytest.mark.parametrize(
    "baseline,candidate,flags,options",
    [
        (f"{PYTEST_531}/run1.json", f"{PYTEST_531}/run2-slow-save-data.json", [], {}),
        (f"{PYTEST_400}/run1.json", f"{PYTEST_400}/run2-slow-save-data.json", ["--threshold", "5%"], {"threshold": "5%"}),
        (
            f"{PYTEST_531}/run1.json",
            f"{PYTEST_531}/run2-slow-save-data.json",
            ["--statistic", "mean", "--no-fdr", "--no-noise-guard", "--seed", "7", "--alpha", "0.01"],
            {"statistic": "mean", "fdr": False, "noise_guard": False, "seed": 7, "alpha": 0.01},
        ),
        (
            f"{PYTEST_531}/run1.json",
            f"{PYTEST_531}/run2-slow-save-data.json",
            ["--threshold-for", "*sum_squares=30%"],
            {"thresholds": [{"pattern": "*sum_squares", "threshold": "30%"}]},
        ),
        (f"{CRITERION}@main", f"{CRITERION}@pr", [], {}),
    ],
)
def test_compare_equals_cli_json(
    cli: Path, in_tests_dir: Path, baseline: str, candidate: str, flags: List[str], options: Any
) -> None:
    want = json.loads(run_cli(cli, ["compare", baseline, candidate, "--format", "json", *flags]))
    got = benchcore.compare(benchcore.parse(baseline), benchcore.parse(candidate), **options)
    assert got == want
    # The path convenience of the Python layer gives the same.
    assert benchcore.compare(baseline, candidate, **options) == want
    # Arrays are lists (as json.loads gives), not tuples.
    assert all(b["ci"] is None or isinstance(b["ci"], list) for b in got["benchmarks"])


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_render_equals_cli_output(cli: Path, in_tests_dir: Path, fmt: str) -> None:
    a, b = f"{PYTEST_531}/run1.json", f"{PYTEST_531}/run2-slow-save-data.json"
    text = run_cli(cli, ["compare", a, b, "--format", fmt, "--color", "never"])
    rendered = benchcore.render(benchcore.compare(a, b), fmt)
    assert rendered.rstrip("\n") == text.rstrip("\n")


def test_render_json_round_trips(in_tests_dir: Path) -> None:
    c = benchcore.compare(f"{PYTEST_531}/run1.json", f"{PYTEST_531}/run2-slow-save-data.json")
    assert json.loads(benchcore.render(c, "json")) == c


def test_render_table_options(in_tests_dir: Path) -> None:
    c = benchcore.compare(f"{PYTEST_531}/run1.json", f"{PYTEST_531}/run2-slow-save-data.json")
    plain = benchcore.render(c)
    assert "\x1b[" not in plain
    assert "\x1b[" in benchcore.render(c, color=True)
    short = benchcore.render(c, show_unchanged=False)
    assert "test_sort_list[100]" in plain and "test_sort_list[100]" not in short


def test_compare_options_are_the_cores_defaults(cli: Path, in_tests_dir: Path) -> None:
    a = f"{PYTEST_531}/run1.json"
    cli_options = json.loads(run_cli(cli, ["compare", a, a, "--format", "json"]))["options"]
    assert benchcore.compare_options() == cli_options
    assert benchcore.compare_options(threshold="5%")["threshold"] == 0.05
