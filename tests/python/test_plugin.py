"""The pytest plugin end to end, with pytester: real pytest-benchmark sessions whose benchmark is
made 50% slower by a file the test writes (a real sleep of 20 ms vs 30 ms, so the verdict is
unambiguous even on a busy machine), compared with a baseline the first session wrote."""

import json
from pathlib import Path
from typing import List

import pytest

import benchcore

BENCH_MODULE = """
import time
from pathlib import Path

# 30 ms instead of 20 ms when the test wrote slow.txt next to this module: 50% slower. Sleeps this
# long keep the verdict unambiguous on a busy machine, where wake-up delays reach a few ms.
DELAY = 0.030 if Path(__file__).with_name("slow.txt").exists() else 0.020


def test_work(benchmark):
    benchmark.pedantic(time.sleep, args=(DELAY,), rounds=12, iterations=1)


def test_steady(benchmark):
    benchmark.pedantic(time.sleep, args=(0.020,), rounds=12, iterations=1)


def test_not_a_benchmark():
    assert True
"""

COMMON = [
    "-p",
    "no:cacheprovider",
    "--benchmark-min-rounds=12",
    "--benchmark-max-time=0.04",
    "--benchmark-warmup=off",
]


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(test_bench_demo=BENCH_MODULE)
    return pytester


def run(p: pytest.Pytester, *args: str) -> pytest.RunResult:
    return p.runpytest(*COMMON, *args)


def benchcore_lines(result: pytest.RunResult) -> List[str]:
    return [line for line in result.outlines if line.startswith("benchcore:")]


def verdict_of(result: pytest.RunResult, name: str) -> str:
    rows = [line.split()[0] for line in result.outlines if f"test_bench_demo.py::{name} " in line + " "]
    assert rows, f"no table row for {name}:\n" + "\n".join(result.outlines)
    return rows[0]


def make_baseline(p: pytest.Pytester) -> None:
    result = run(p, "--benchmark-json=base.json")
    assert result.ret == 0
    assert (p.path / "base.json").exists()
    assert benchcore_lines(result) == [], "without benchcore options the plugin stays silent"


def test_a_slower_benchmark_is_reported_and_fails_the_session_with_the_flag(project: pytest.Pytester) -> None:
    make_baseline(project)
    (project.path / "slow.txt").write_text("1")

    reported = run(project, "--benchcore-baseline=base.json")
    assert reported.ret == 0, "without --benchcore-fail-on-regression a regression is only reported"
    assert any("benchcore: base.json vs this session" in line for line in reported.outlines)
    assert verdict_of(reported, "test_work") == "regressed"
    assert verdict_of(reported, "test_steady") != "regressed"

    failed = run(project, "--benchcore-baseline=base.json", "--benchcore-fail-on-regression")
    assert failed.ret == 1
    assert verdict_of(failed, "test_work") == "regressed"
    failed.stdout.fnmatch_lines(["benchcore: FAILED: 1 benchmark(s) regressed (--benchcore-fail-on-regression)"])
    failed.assert_outcomes(passed=3)  # every test passed; the benchmark verdict failed the session


def test_the_same_code_twice_passes(project: pytest.Pytester) -> None:
    make_baseline(project)
    result = run(project, "--benchcore-baseline=base.json", "--benchcore-fail-on-regression")
    assert result.ret == 0, "\n".join(result.outlines)
    assert verdict_of(result, "test_work") != "regressed"
    assert not any("FAILED" in line for line in benchcore_lines(result))


def test_threshold_option_and_report_files(project: pytest.Pytester) -> None:
    make_baseline(project)
    (project.path / "slow.txt").write_text("1")
    result = run(
        project,
        "--benchcore-baseline=base.json",
        "--benchcore-threshold=80%",
        "--benchcore-fail-on-regression",
        "--benchcore-report=reports/benchcore.json",
    )
    assert result.ret == 0, "a 50% slowdown is within an 80% threshold"
    report = json.loads((project.path / "reports" / "benchcore.json").read_text())
    assert report["options"]["threshold"] == 0.8
    assert report["baseline"]["path"].endswith("base.json")
    assert report["candidate"]["path"] == "<this pytest session>"
    assert {b["name"] for b in report["benchmarks"]} == {
        "test_bench_demo.py::test_work",
        "test_bench_demo.py::test_steady",
    }
    md = run(project, "--benchcore-baseline=base.json", "--benchcore-report=comment.md")
    text = (project.path / "comment.md").read_text()
    assert text.startswith("<!-- benchcore-report -->")
    assert "regressed" in text
    md.stdout.fnmatch_lines(["benchcore: report written to comment.md"])


def test_every_option_can_come_from_the_ini_file(project: pytest.Pytester) -> None:
    make_baseline(project)
    (project.path / "slow.txt").write_text("1")
    project.makeini(
        """
        [pytest]
        benchcore_baseline = base.json
        benchcore_threshold = 20%
        benchcore_fail_on_regression = true
        benchcore_report = out/report.json
        """
    )
    result = run(project)
    assert result.ret == 1
    report = json.loads((project.path / "out" / "report.json").read_text())
    assert report["options"]["threshold"] == 0.2
    # The command line wins over the ini file.
    assert run(project, "--benchcore-threshold=90%").ret == 0


def test_pyproject_toml_ini_options(project: pytest.Pytester) -> None:
    make_baseline(project)
    (project.path / "slow.txt").write_text("1")
    project.makepyprojecttoml(
        """
        [tool.pytest.ini_options]
        benchcore_baseline = "base.json"
        benchcore_fail_on_regression = true
        """
    )
    assert run(project).ret == 1


def test_the_session_dict_is_what_benchmark_json_writes(project: pytest.Pytester) -> None:
    """The plugin's own build of the results (used when pytest-benchmark saves nothing) equals the
    file --benchmark-json writes in the same session, and so does the run parsed from it."""
    make_baseline(project)
    project.makeconftest(
        """
        import json
        import pytest

        @pytest.hookimpl(trylast=True)
        def pytest_sessionfinish(session):
            plugin = session.config.pluginmanager.get_plugin("benchcore-session")
            plugin.saved_json = None  # force the plugin's own build through pytest-benchmark's hooks
            built = plugin.session_json(session.config._benchmarksession)
            with open("built.json", "w") as fh:
                json.dump(built, fh)
        """
    )
    result = run(project, "--benchcore-baseline=base.json", "--benchmark-json=written.json")
    assert result.ret == 0
    built = json.loads((project.path / "built.json").read_text())
    written = json.loads((project.path / "written.json").read_text())
    assert built["benchmarks"] == written["benchmarks"]
    assert built["commit_info"] == written["commit_info"]
    assert built["version"] == written["version"]
    assert set(built["machine_info"]) == set(written["machine_info"])
    assert all("data" in b["stats"] for b in built["benchmarks"])
    a = benchcore.parse_bytes(json.dumps(built).encode())
    b = benchcore.parse(project.path / "written.json")
    assert a["benchmarks"] == b["benchmarks"]


def test_a_missing_baseline_is_a_usage_error_naming_the_file(project: pytest.Pytester) -> None:
    result = run(project, "--benchcore-baseline=nowhere/base.json")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: --benchcore-baseline nowhere/base.json: no such file"])
    assert "Traceback" not in result.stdout.str() + result.stderr.str()


def test_an_unreadable_baseline_is_a_usage_error_naming_the_file(project: pytest.Pytester) -> None:
    (project.path / "broken.json").write_text('{"machine_info": {}, "benchmarks": [')
    result = run(project, "--benchcore-baseline=broken.json")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: --benchcore-baseline broken.json: broken.json:1*truncated*"])
    assert "Traceback" not in result.stdout.str() + result.stderr.str()


@pytest.mark.parametrize(
    "args,message",
    [
        (["--benchcore-baseline=."], "*is a directory without benchcore history runs*"),
        (["--benchcore-history=base.json"], "*--benchcore-history base.json: exists and is not a directory*"),
        (["--benchcore-baseline=base.json", "--benchcore-threshold=lots"], "*--benchcore-threshold*'lots'*"),
    ],
)
def test_other_usage_errors(project: pytest.Pytester, args: List[str], message: str) -> None:
    (project.path / "base.json").write_text("{}")
    result = run(project, *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: " + message])
    assert "Traceback" not in result.stderr.str()


@pytest.mark.parametrize(
    "args,reason",
    [
        (["--benchmark-disable"], "benchmarks are disabled (--benchmark-disable)"),
        (["--benchmark-skip"], "benchmarks are skipped (--benchmark-skip)"),
        (["-p", "no:benchmark"], "pytest-benchmark is not installed (or disabled with -p no:benchmark)"),
        (["--benchcore-fail-on-regression"], "no --benchcore-baseline given, nothing to compare with"),
    ],
)
def test_no_op_paths_say_why_in_one_line(project: pytest.Pytester, args: List[str], reason: str) -> None:
    # The baseline does not exist: a no-op must not even look at it.
    extra = [] if "--benchcore-fail-on-regression" in args else ["--benchcore-baseline=absent.json"]
    if "no:benchmark" in args:  # neither pytest-benchmark's options nor its fixture exist then
        result = project.runpytest("-p", "no:cacheprovider", "-k", "not_a_benchmark", *extra, *args)
    else:
        result = run(project, *extra, *args)
    assert result.ret == 0, "\n".join(result.outlines + result.errlines)
    assert benchcore_lines(result) == [f"benchcore: skipped: {reason}"]


def test_no_op_under_xdist(project: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    result = project.runpytest_subprocess(*COMMON, "-n", "2", "--benchcore-baseline=absent.json")
    assert result.ret == 0, "\n".join(result.outlines + result.errlines)
    assert benchcore_lines(result) == [
        "benchcore: skipped: xdist is active (-n/--dist): pytest-benchmark does not measure in parallel sessions"
    ]


def test_only_non_benchmark_tests_selected(project: pytest.Pytester) -> None:
    make_baseline(project)
    result = run(project, "--benchcore-baseline=base.json", "-k", "not_a_benchmark")
    assert result.ret == 0
    assert benchcore_lines(result) == ["benchcore: skipped: no benchmarks ran in this session"]


def test_values_json_cannot_hold_are_read_like_pytest_benchmark_writes_them(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_extra="""
        import time

        def test_with_object_extra_info(benchmark):
            benchmark.extra_info["handle"] = object()  # pytest-benchmark writes "UNSERIALIZABLE[...]"
            benchmark(time.sleep, 0.001)
        """
    )
    assert run(pytester, "--benchmark-json=base.json").ret == 0
    assert "UNSERIALIZABLE[" in (pytester.path / "base.json").read_text()
    result = run(pytester, "--benchcore-baseline=base.json", "--benchcore-report=r.json")
    assert result.ret == 0, "\n".join(result.outlines)
    report = json.loads((pytester.path / "r.json").read_text())
    assert [b["name"] for b in report["benchmarks"]] == ["test_extra.py::test_with_object_extra_info"]


def test_history_is_appended_and_is_a_baseline(project: pytest.Pytester) -> None:
    """Sessions fill a history; a slower one is compared with the newest stored run (raw
    samples included) and fails; the history keeps every run."""
    for _ in range(2):
        result = run(project, "--benchcore-history=hist")
        assert result.ret == 0, result.outlines
        assert any("added to hist" in line for line in benchcore_lines(result)), result.outlines
    loaded = benchcore.history_load(project.path / "hist", samples=True)
    assert len(loaded["runs"]) == 2 and loaded["errors"] == []
    assert all(m["samples"] for b in loaded["runs"][-1]["run"]["benchmarks"] for m in b["measurements"])

    (project.path / "slow.txt").write_text("1")
    gated = run(
        project,
        "--benchcore-baseline=hist",
        "--benchcore-history=hist",
        "--benchcore-fail-on-regression",
        "--benchcore-report=report.json",
    )
    assert gated.ret == pytest.ExitCode.TESTS_FAILED, gated.outlines
    assert any("the newest run of history hist" in line for line in gated.outlines), gated.outlines
    assert verdict_of(gated, "test_work") == "regressed"
    assert verdict_of(gated, "test_steady") != "regressed"
    report = json.loads((project.path / "report.json").read_text())
    assert report["summary"]["regressed"] == 1
    assert report["baseline"]["id"] == loaded["runs"][-1]["run"]["id"]
    # Compared first, then appended: the slow run is now the history's third.
    assert len(benchcore.history_load(project.path / "hist")["runs"]) == 3
