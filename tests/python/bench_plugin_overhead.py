"""What the benchcore pytest plugin adds to a session of 100 benchmarks (run on demand, not part of
the default test run: `python_files` only collects test_*.py).

    scripts/bench-python.sh                  # release wheel, then this file
    BENCHCORE_BENCH_MAX_TIME=0.1 scripts/bench-python.sh   # more rounds per benchmark

Two real pytest-benchmark sessions of 100 parametrized benchmarks run first, in process (the
baseline, then the candidate with --benchcore-baseline), so every number below works on real
`stats.data` and on pytest-benchmark's real session objects. Then pytest-benchmark times the
plugin's pieces of work:

* `test_analysis`: the plugin's sessionfinish and summary work on the session's results: read
  them (`parse_object`), compare with the baseline, render the terminal table.
* `test_baseline_load`: reading the baseline file at session start.
* `test_results_dict_from_hooks`: building the `--benchmark-json` dict through pytest-benchmark's
  hooks, which the plugin does only when pytest-benchmark saved nothing itself (with
  `--benchmark-json` or `--benchmark-autosave` it reuses pytest-benchmark's dict instead).
* `test_machine_info_hook`: the part of that which is pytest-benchmark's machine-info hook
  (py-cpuinfo).

The plugin's cost for a session is `analysis + baseline_load`, plus `results_dict_from_hooks`
when pytest-benchmark does not save the session.
"""

import os
from pathlib import Path
from typing import Any, Dict

import pytest

import benchcore
from benchcore import pytest_plugin

N_BENCHMARKS = 100
MAX_TIME = os.environ.get("BENCHCORE_BENCH_MAX_TIME", "0.02")

SUITE = """
import pytest


@pytest.mark.parametrize("n", range({n}))
def test_op(benchmark, n):
    benchmark(sorted, list(range(40 + n, 0, -1)))
"""


class _Capture:
    config: Any = None

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.config = session.config


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    where = tmp_path_factory.mktemp("suite")
    (where / "test_suite_for_overhead.py").write_text(SUITE.format(n=N_BENCHMARKS))
    common = [str(where), "-q", "-p", "no:cacheprovider", "--rootdir", str(where), f"--benchmark-max-time={MAX_TIME}"]
    base = where / "base.json"
    assert pytest.main([*common, f"--benchmark-json={base}"]) == 0
    capture = _Capture()
    cand = where / "cand.json"
    assert pytest.main([*common, f"--benchmark-json={cand}", f"--benchcore-baseline={base}"], plugins=[capture]) == 0
    config = capture.config
    plugin = config.pluginmanager.get_plugin("benchcore-session")
    assert plugin is not None and plugin.comparison is not None
    bs = config._benchmarksession
    samples = sum(len(b.stats.data) for b in bs.benchmarks)
    print(f"\n{len(bs.benchmarks)} benchmarks, {samples} samples in stats.data (max time {MAX_TIME} s)")
    return {"plugin": plugin, "bs": bs, "base": base, "results": plugin.saved_json, "samples": samples}


def _info(benchmark: Any, sessions: Dict[str, Any]) -> None:
    benchmark.extra_info["benchmarks"] = N_BENCHMARKS
    benchmark.extra_info["samples"] = sessions["samples"]


def test_analysis(benchmark: Any, sessions: Dict[str, Any]) -> None:
    plugin, results = sessions["plugin"], sessions["results"]
    assert results is not None and pytest_plugin._has_data(results)

    def work() -> str:
        plugin.analyze(results)
        return benchcore.render(plugin.comparison, "table")

    _info(benchmark, sessions)
    table = benchmark.pedantic(work, rounds=20, warmup_rounds=1)
    assert "(threshold 10%)" in table


def test_baseline_load(benchmark: Any, sessions: Dict[str, Any]) -> None:
    _info(benchmark, sessions)
    run = benchmark.pedantic(sessions["plugin"]._load_baseline, args=(Path(sessions["base"]),), rounds=20)
    assert len(run["benchmarks"]) == N_BENCHMARKS


def test_results_dict_from_hooks(benchmark: Any, sessions: Dict[str, Any]) -> None:
    plugin = sessions["plugin"]

    def build() -> Dict[str, Any]:
        plugin.saved_json = None
        return plugin.session_json(sessions["bs"])

    _info(benchmark, sessions)
    results = benchmark.pedantic(build, rounds=5)
    assert results["benchmarks"] == sessions["results"]["benchmarks"]


def test_machine_info_hook(benchmark: Any, sessions: Dict[str, Any]) -> None:
    _info(benchmark, sessions)
    info = benchmark.pedantic(sessions["bs"].get_machine_info, rounds=5)
    assert "cpu" in info
