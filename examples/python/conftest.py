"""Using `import benchcore` directly from a conftest.py: compare this session's pytest-benchmark
results with a stored JSON file and fail the session on a real regression.

The pytest plugin that comes with benchcore does all of this with `--benchcore-baseline`; this
file shows the library underneath, for projects that want their own policy. It acts only when
$BENCH_BASELINE names a pytest-benchmark JSON file and the session writes --benchmark-json.
"""

import os
from pathlib import Path

import pytest

import benchcore

COMPARISON = pytest.StashKey[dict]()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    baseline = os.environ.get("BENCH_BASELINE")
    current = session.config.getoption("benchmark_json", None)
    if not baseline or current is None:
        return
    # pytest-benchmark has written --benchmark-json by now (its own sessionfinish runs first).
    # pytest-benchmark 5 keeps a path here, 4.x an open file.
    current_path = Path(getattr(current, "name", current))
    comparison = benchcore.compare(
        benchcore.parse(baseline),
        benchcore.parse(current_path),
        threshold="20%",  # this project's policy: ignore changes under 20%
        thresholds=[{"pattern": "*word_counts*", "threshold": "30%"}],
    )
    session.config.stash[COMPARISON] = comparison
    regressed = [b for b in comparison["benchmarks"] if b["verdict"] == "regressed"]
    if regressed and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(trylast=True)  # after pytest-benchmark's table
def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    comparison = config.stash.get(COMPARISON, None)
    if comparison is None:
        return
    terminalreporter.write_sep("-", f"conftest.py: benchcore vs {os.environ['BENCH_BASELINE']}")
    terminalreporter.write(benchcore.render(comparison, "table"))
    for row in comparison["benchmarks"]:
        if row["verdict"] == "regressed":
            terminalreporter.write_line(f"REGRESSED {row['name']}: {row['reason']}", red=True)
