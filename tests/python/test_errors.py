"""The error hierarchy: one BenchcoreError subclass per core error code, each raised by a real bad
input with its structured fields; a panic in the core arrives as BenchcoreError, not as
pyo3's PanicException."""

import copy
import pickle
from pathlib import Path
from typing import Any, Callable, Dict

import pytest

import benchcore

PYTEST_RUN = "fixtures/pytest-benchmark/pytest-benchmark-5.3.1/run1.json"
CRITERION = "fixtures/criterion/criterion-0.5.1/tree-after-run5/target-criterion"

CLASSES = {
    "parse-error": benchcore.ParseError,
    "unknown-format": benchcore.UnknownFormatError,
    "io-error": benchcore.IoError,
    "unsupported-version": benchcore.UnsupportedVersionError,
    "invalid-options": benchcore.InvalidOptionsError,
    "invalid-input": benchcore.InvalidInputError,
    "limit-exceeded": benchcore.LimitExceededError,
    "not-found": benchcore.NotFoundError,
}


def newer_run() -> Dict[str, Any]:
    run = copy.deepcopy(benchcore.parse(PYTEST_RUN))
    run["version"] = 99
    return run


#: code -> (a call that fails with it, expected file, line, field)
BAD_INPUTS: Dict[str, Any] = {
    "parse-error": (
        lambda: benchcore.parse_bytes(b'{"machine_info": {},\n "benchmarks": [{"stats": ', "cut.json"),
        "cut.json",
        2,
        "benchmarks[0].stats",
    ),
    "unknown-format": (lambda: benchcore.parse_bytes(b"hello, world\n", "notes.txt"), "notes.txt", None, None),
    "io-error": (lambda: benchcore.parse("fixtures/does-not-exist.json"), "fixtures/does-not-exist.json", None, None),
    "unsupported-version": (lambda: benchcore.compare(newer_run(), PYTEST_RUN), "baseline", None, None),
    "invalid-options": (lambda: benchcore.parse(PYTEST_RUN, colour=True), None, None, "colour"),
    "invalid-input": (lambda: benchcore.render({"version": 1}), None, None, "comparison"),
    "limit-exceeded": (lambda: benchcore.parse(PYTEST_RUN, max_input_bytes=100), PYTEST_RUN, None, None),
    "not-found": (lambda: benchcore.parse(f"{CRITERION}@no-such-baseline"), CRITERION, None, None),
}


def test_one_class_per_core_code() -> None:
    assert list(benchcore.ERROR_CODES) == list(CLASSES)
    assert set(BAD_INPUTS) == set(benchcore.ERROR_CODES), "every code needs a bad input below"
    for code, cls in CLASSES.items():
        assert issubclass(cls, benchcore.BenchcoreError)
        assert issubclass(cls, Exception)
        assert cls.code == code
        assert cls.__module__ == "benchcore"
        assert benchcore.error_class(code) is cls
    assert benchcore.BenchcoreError.code is None
    with pytest.raises(KeyError):
        benchcore.error_class("no-such-code")


@pytest.mark.parametrize("code", list(BAD_INPUTS))
def test_bad_input_raises_its_class(in_tests_dir: Path, code: str) -> None:
    call, file, line, field = BAD_INPUTS[code]
    with pytest.raises(benchcore.BenchcoreError) as info:
        call()
    e = info.value
    assert type(e) is CLASSES[code], f"{type(e).__name__}: {e}"
    assert e.code == code
    assert e.message == str(e)
    assert e.file == file
    assert e.line == line
    assert e.field == field
    if file is not None:
        assert file in str(e), "the message names the file"


def test_option_errors_name_the_key() -> None:
    with pytest.raises(benchcore.InvalidOptionsError) as info:
        benchcore.compare_options(treshold="5%")
    assert info.value.field == "treshold"
    assert "treshold" in str(info.value)
    with pytest.raises(benchcore.InvalidOptionsError) as info:
        benchcore.compare_options(thresholds=[{"pattern": "x", "threshold": "lots"}])
    assert info.value.field == "thresholds[0].threshold"
    with pytest.raises(benchcore.InvalidOptionsError) as info:
        benchcore.compare_options(alpha=2)
    assert info.value.field == "alpha"
    with pytest.raises(benchcore.InvalidOptionsError) as info:
        benchcore.compare_options(alpha="high")
    assert info.value.field == "alpha"
    with pytest.raises(benchcore.InvalidOptionsError):
        benchcore.parse_bytes(b"{}", format="excel")


@pytest.mark.parametrize(
    "call",
    [
        lambda: benchcore.render(benchcore.compare(PYTEST_RUN, PYTEST_RUN), "html"),
        lambda: benchcore.render(benchcore.compare(PYTEST_RUN, PYTEST_RUN), colour=True),
    ],
)
def test_render_refuses_unknown_format_and_options(in_tests_dir: Path, call: Callable[[], Any]) -> None:
    with pytest.raises(benchcore.InvalidOptionsError):
        call()


def test_bad_run_dicts_name_the_side_and_field(in_tests_dir: Path) -> None:
    run = benchcore.parse(PYTEST_RUN)
    broken = copy.deepcopy(run)
    broken["benchmarks"][1]["measurements"][0]["samples"][3] = -1.0
    with pytest.raises(benchcore.ParseError) as info:
        benchcore.compare(run, broken)
    assert info.value.file == "candidate"
    assert "samples[3]" in str(info.value)
    wrong_type = copy.deepcopy(run)
    wrong_type["benchmarks"][0]["name"] = 42
    with pytest.raises(benchcore.ParseError) as info:
        benchcore.compare(wrong_type, run)
    assert info.value.file == "baseline"
    assert info.value.field == "benchmarks[0].name"
    with pytest.raises(benchcore.ParseError) as info:
        benchcore.compare(run, object())
    assert info.value.file == "candidate"
    newer = copy.deepcopy(run)
    newer["version"] = 2
    newer["benchmarks"] = "a shape from the future"
    with pytest.raises(benchcore.UnsupportedVersionError):
        benchcore.compare(newer, run)


def test_a_core_panic_is_a_benchcore_error_not_a_panic_exception() -> None:
    with pytest.raises(benchcore.BenchcoreError) as info:
        benchcore._benchcore._panic_for_tests()
    assert type(info.value) is benchcore.BenchcoreError
    assert info.value.code == benchcore.INTERNAL_ERROR == "internal-error"
    assert "test panic" in str(info.value)


def test_errors_are_ordinary_exceptions(in_tests_dir: Path) -> None:
    with pytest.raises(benchcore.IoError) as info:
        benchcore.parse("fixtures/does-not-exist.json")
    e = info.value
    assert isinstance(e, Exception)
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is benchcore.IoError and str(again) == str(e)
