"""pytest plugin: benchcore's noise-aware verdicts on this session's pytest-benchmark results.

Installing ``benchcore`` registers this module through the ``pytest11`` entry point. With
pytest-benchmark in the same session and a baseline given, after the benchmarks ran it

1. builds the dict pytest-benchmark's ``--benchmark-json`` writes, in process, through
   pytest-benchmark's own hooks (``pytest_benchmark_generate_json`` with the raw ``stats.data``,
   machine and commit info; when pytest-benchmark saved this session's results itself, the dict
   it saved is reused instead of being built twice),
2. reads it with benchcore's pytest-benchmark parser (:func:`benchcore.parse_object`, the same as
   :func:`benchcore.parse_bytes` of its JSON text, which is the fallback), compares it with the baseline
   (:func:`benchcore.compare`) and prints the table in pytest's terminal summary,
3. optionally writes a report file, and with ``--benchcore-fail-on-regression`` makes the
   session exit with status 1 when a benchmark regressed.

Every option can be set on the command line or in the ini file (``pytest.ini``,
``[tool.pytest.ini_options]``); the command line wins, and relative ini paths are relative to
the ini file:

==================================  ==================================  =====================
command line                        ini key                             meaning
==================================  ==================================  =====================
``--benchcore-baseline PATH``       ``benchcore_baseline``              pytest-benchmark JSON
                                                                        (``--benchmark-json``
                                                                        or a ``.benchmarks/``
                                                                        save) to compare with,
                                                                        or a benchcore history
                                                                        directory (its newest
                                                                        run, raw samples
                                                                        included)
``--benchcore-threshold 10%``       ``benchcore_threshold``             smallest change that
                                                                        counts
``--benchcore-fail-on-regression``  ``benchcore_fail_on_regression``    exit 1 on a regression
``--benchcore-report PATH``         ``benchcore_report``                also write the report
                                                                        (``.md`` Markdown,
                                                                        ``.json`` JSON, else
                                                                        the table)
``--benchcore-history DIR``         ``benchcore_history``               append this run to a
                                                                        benchcore history
                                                                        directory
==================================  ==================================  =====================

The plugin does nothing (and says why in one line) when pytest-benchmark is missing,
benchmarks are disabled or skipped (``--benchmark-disable``, ``--benchmark-skip``), or the
session runs under xdist. Disable it entirely with ``-p no:benchcore``.

pytest-benchmark internals relied on (tested with 4.0.0 and 5.3.1): ``config._benchmarksession``
(its ``benchmarks``, ``disabled``, ``skip`` and ``get_machine_info()``) and its hooks
``pytest_benchmark_generate_commit_info``, ``pytest_benchmark_update_commit_info``,
``pytest_benchmark_generate_json`` and ``pytest_benchmark_update_json``.
"""

import json
import os
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

import benchcore
from benchcore.types import Comparison, ReportFormat, Run

#: The label of this session's results in reports and errors.
SESSION_LABEL = "<this pytest session>"

_OPTIONS = (
    # (name, help, ini type)
    ("baseline", "pytest-benchmark JSON (--benchmark-json, .benchmarks/... save) to compare with", "string"),
    ("threshold", "smallest relative change that counts, e.g. 10% or 0.1 (benchcore's default: 10%)", "string"),
    ("fail_on_regression", "make the session exit with status 1 when a benchmark regressed", "bool"),
    ("report", "also write the report to PATH (.md Markdown, .json JSON, anything else the table)", "string"),
    ("history", "append this session's run to a benchcore history directory", "string"),
)
_PATH_OPTIONS = ("baseline", "report", "history")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("benchcore", "benchcore: noise-aware verdicts on pytest-benchmark results")
    for name, help_text, ini_type in _OPTIONS:
        flag = "--benchcore-" + name.replace("_", "-")
        if ini_type == "bool":
            group.addoption(flag, action="store_true", default=None, dest="benchcore_" + name, help=help_text)
        else:
            metavar = "DIR" if name == "history" else "PATH" if name in _PATH_OPTIONS else "VALUE"
            group.addoption(flag, default=None, dest="benchcore_" + name, metavar=metavar, help=help_text)
        parser.addini("benchcore_" + name, help_text, type=ini_type, default=False if ini_type == "bool" else "")


class Settings:
    """The plugin's options, command line over ini file."""

    def __init__(self, config: pytest.Config) -> None:
        self.given: List[str] = []
        values: Dict[str, Any] = {}
        for name, _help, _type in _OPTIONS:
            value = config.getoption("benchcore_" + name)
            from_ini = value is None
            if from_ini:
                value = config.getini("benchcore_" + name) or None
            if value is not None and name in _PATH_OPTIONS:
                path = Path(os.path.expanduser(str(value)))
                if from_ini and not path.is_absolute() and config.inipath is not None:
                    path = config.inipath.parent / path
                value = path
            if value:
                self.given.append(name)
            values[name] = value
        self.baseline: Optional[Path] = values["baseline"]
        self.threshold: Optional[str] = values["threshold"]
        self.fail_on_regression = bool(values["fail_on_regression"])
        self.report: Optional[Path] = values["report"]
        self.history: Optional[Path] = values["history"]

    def compare_options(self) -> Dict[str, Any]:
        """Keyword options for :func:`benchcore.compare`; unset ones take the core's defaults."""
        return {} if self.threshold is None else {"threshold": self.threshold}


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput") or os.environ.get("PYTEST_XDIST_WORKER"):
        return  # an xdist worker: the controller process speaks for the session
    settings = Settings(config)
    if settings.given:
        config.pluginmanager.register(BenchcoreSession(config, settings), "benchcore-session")


def check_history_baseline(path: Path) -> None:
    """A history directory given as the baseline must load (damaged files are only warnings)."""
    try:
        loaded = benchcore.history_load(path)
    except benchcore.BenchcoreError as e:
        raise pytest.UsageError(f"--benchcore-baseline {path}: {e}") from None
    if not loaded["runs"]:
        raise pytest.UsageError(
            f"--benchcore-baseline {path}: is a directory without benchcore history runs "
            "(fill it with --benchcore-history or `benchcore history add`), or give a "
            "pytest-benchmark JSON file"
        )


def check_history(path: Path) -> None:
    """Refuse an unusable history directory before the benchmarks run."""
    if path.exists() and not path.is_dir():
        raise pytest.UsageError(f"--benchcore-history {path}: exists and is not a directory")
    parent = path if path.exists() else path.parent
    if not os.access(parent, os.W_OK):
        raise pytest.UsageError(f"--benchcore-history {path}: {parent} is not writable")


def append_history(path: Path, run: Run) -> Dict[str, Any]:
    """Append this session's Run to the history in ``path`` (again: a no-op)."""
    return benchcore.history_add(path, run)


def newest_history_run(path: Path, branch: Optional[str]) -> Run:
    """The newest run stored in the history at ``path`` (on ``branch`` when it recorded one),
    with its raw samples, to compare this session with."""
    loaded = benchcore.history_load(path, samples=True, branch=branch)
    if not loaded["runs"] and branch is not None:
        loaded = benchcore.history_load(path, samples=True)
    if not loaded["runs"]:
        raise pytest.UsageError(f"--benchcore-baseline {path}: the history holds no runs")
    return loaded["runs"][-1]["run"]


def report_format(path: Path) -> ReportFormat:
    """The report format for a file name, as the CLI's ``--report`` decides it."""
    suffix = path.suffix.lower()
    return "markdown" if suffix in (".md", ".markdown") else "json" if suffix == ".json" else "table"


class BenchcoreSession:
    """Per-session state, registered as a plugin when a benchcore option is given."""

    def __init__(self, config: pytest.Config, settings: Settings) -> None:
        self.config = config
        self.settings = settings
        self.skip_reason: Optional[str] = None
        self.baseline: Optional[Run] = None
        self.saved_json: Optional[Dict[str, Any]] = None
        self.comparison: Optional[Comparison] = None
        self.added: Optional[Dict[str, Any]] = None
        self.baseline_label = str(settings.baseline)
        self.error: Optional[str] = None

    # -- before the tests: decide whether to act, load the baseline, check the options --

    def _why_inactive(self) -> Optional[str]:
        config = self.config
        if config.getoption("dist", "no") != "no":
            return "xdist is active (-n/--dist): pytest-benchmark does not measure in parallel sessions"
        bs = getattr(config, "_benchmarksession", None)
        if bs is None:
            return "pytest-benchmark is not installed (or disabled with -p no:benchmark)"
        if getattr(bs, "disabled", False):
            return "benchmarks are disabled (--benchmark-disable)"
        if getattr(bs, "skip", False):
            return "benchmarks are skipped (--benchmark-skip)"
        if self.settings.baseline is None and self.settings.history is None:
            return "no --benchcore-baseline given, nothing to compare with"
        return None

    @pytest.hookimpl(trylast=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.skip_reason = self._why_inactive()
        if self.skip_reason is not None:
            return
        s = self.settings
        try:
            benchcore.compare_options(**s.compare_options())
        except benchcore.BenchcoreError as e:
            raise pytest.UsageError(f"--benchcore-threshold: {e}") from None
        if s.history is not None:
            check_history(s.history)
        if s.baseline is not None:
            if s.baseline.is_dir():
                check_history_baseline(s.baseline)
            else:
                self.baseline = self._load_baseline(s.baseline)

    def _load_baseline(self, path: Path) -> Run:
        if not path.exists():
            raise pytest.UsageError(f"--benchcore-baseline {path}: no such file")
        try:
            return benchcore.parse(path, format="pytest-benchmark")
        except benchcore.BenchcoreError as e:
            raise pytest.UsageError(f"--benchcore-baseline {path}: {e}") from None

    # -- after the tests: this session's results, the comparison, the exit status --

    @pytest.hookimpl(trylast=True, optionalhook=True)
    def pytest_benchmark_update_json(self, config: pytest.Config, benchmarks: Any, output_json: Dict[str, Any]) -> None:
        """pytest-benchmark saved this session (--benchmark-json / autosave): keep its dict."""
        if self.saved_json is None or (_has_data(output_json) and not _has_data(self.saved_json)):
            self.saved_json = output_json

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if self.skip_reason is not None or exitstatus not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
            return
        bs = getattr(self.config, "_benchmarksession", None)
        if bs is None or not bs.benchmarks:
            self.skip_reason = "no benchmarks ran in this session"
            return
        try:
            self.analyze(self.session_json(bs))
        except (benchcore.BenchcoreError, OSError, pytest.UsageError) as e:
            self.error = str(e)
            if session.exitstatus == pytest.ExitCode.OK:
                session.exitstatus = pytest.ExitCode.USAGE_ERROR
            return
        if self.settings.fail_on_regression and self.regressed() and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def session_json(self, bs: Any) -> Dict[str, Any]:
        """The dict ``--benchmark-json`` writes for this session, built with pytest-benchmark's own
        hooks (as its ``BenchmarkSession.handle_saving`` does), or the one it already saved."""
        saved = self.saved_json
        if saved is not None and _has_data(saved):
            return saved
        config = self.config
        if saved is not None:
            machine_info, commit_info = saved["machine_info"], saved["commit_info"]
        else:
            machine_info = bs.get_machine_info()
            commit_info = config.hook.pytest_benchmark_generate_commit_info(config=config)
            config.hook.pytest_benchmark_update_commit_info(config=config, commit_info=commit_info)
        output_json: Dict[str, Any] = config.hook.pytest_benchmark_generate_json(
            config=config,
            benchmarks=bs.benchmarks,
            include_data=True,
            machine_info=machine_info,
            commit_info=commit_info,
        )
        config.hook.pytest_benchmark_update_json(config=config, benchmarks=bs.benchmarks, output_json=output_json)
        return output_json

    def analyze(self, results: Dict[str, Any]) -> None:
        """This session's results (the ``--benchmark-json`` dict) → history, comparison, report."""
        run = read_results(results)
        s = self.settings
        # The baseline is read before this run is appended, so it is never its own baseline.
        if s.baseline is not None and s.baseline.is_dir():
            self.baseline = newest_history_run(s.baseline, run.get("branch"))
            self.baseline_label = f"the newest run of history {s.baseline} ({self.baseline['id'][:12]})"
        if s.history is not None:
            self.added = append_history(s.history, run)
        if self.baseline is not None:
            self.comparison = benchcore.compare(self.baseline, run, **s.compare_options())
            if s.report is not None:
                self._write_report(s.report)

    def regressed(self) -> int:
        return self.comparison["summary"]["regressed"] if self.comparison else 0

    def _write_report(self, path: Path) -> None:
        assert self.comparison is not None
        text = benchcore.render(self.comparison, report_format(path))
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True)
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")

    @pytest.hookimpl(trylast=True)  # after pytest-benchmark's own table
    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        tr = terminalreporter
        if self.skip_reason is not None:
            tr.write_line(f"benchcore: skipped: {self.skip_reason}")
            return
        if self.error is not None:
            tr.write_sep("-", "benchcore", red=True)
            tr.write_line(f"benchcore: error: {self.error}", red=True)
            return
        if self.added is not None:
            status = "added to" if self.added["status"] == "added" else "already in"
            tr.write_line(f"benchcore: this run ({self.added['id'][:12]}) {status} {self.settings.history}")
        if self.comparison is None:
            return
        tr.write_sep("-", f"benchcore: {self.baseline_label} vs this session")
        color = self.config.get_terminal_writer().hasmarkup
        show_unchanged = self.config.getoption("verbose") >= 0  # -q hides unchanged rows
        tr.write(benchcore.render(self.comparison, "table", color=color, show_unchanged=show_unchanged))
        tr.ensure_newline()
        if self.settings.report is not None:
            tr.write_line(f"benchcore: report written to {self.settings.report}")
        n = self.regressed()
        if n and self.settings.fail_on_regression:
            tr.write_line(f"benchcore: FAILED: {n} benchmark(s) regressed (--benchcore-fail-on-regression)", red=True, bold=True)


def read_results(results: Dict[str, Any]) -> Run:
    """The Run of a ``--benchmark-json`` dict, read by benchcore's pytest-benchmark parser."""
    try:
        # The JSON text is written in Rust: json.dumps of every sample costs 3x more.
        return benchcore.parse_object(results, SESSION_LABEL, format="pytest-benchmark")
    except benchcore.InvalidInputError:
        # A value JSON cannot hold (an object in extra_info): write the text the way
        # pytest-benchmark's own writer does, marking such values as strings.
        return benchcore.parse_bytes(_dumps(results), SESSION_LABEL, format="pytest-benchmark")


def _has_data(output_json: Dict[str, Any]) -> bool:
    return all("data" in b.get("stats", {}) for b in output_json.get("benchmarks", ()))


def _dumps(obj: Dict[str, Any]) -> bytes:
    # Like pytest-benchmark's own writer: values JSON cannot hold become marked strings.
    return json.dumps(obj, default=lambda o: f"UNSERIALIZABLE[{o!r}]").encode()
