"""The Python harness of the golden vectors (tests/vectors/README.md): every case through the
Python surface. An op present in the vectors but missing from OPS fails, so the surfaces
cannot drift. Expectations are only ever rewritten by the Rust harness (BLESS=1)."""

import json
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest

import benchcore

from conftest import TESTS

REL_TOL = 1e-9
ABS_TOL = 1e-12

CASES = sorted((TESTS / "vectors").glob("*/*.json"))


def run_input(inp: Dict[str, Any], allow_run: bool) -> Any:
    """One *input* of the README: path, text, hex (and run, for compare)."""
    if "run" in inp:
        assert allow_run, "a `run` input is only allowed for compare, series and export"
        return inp["run"]
    options = inp.get("options", {})
    if "path" in inp:
        return benchcore.parse(inp["path"], **options)
    file = inp.get("file", "input")
    if "text" in inp:
        return benchcore.parse_bytes(inp["text"].encode("utf-8"), file, **options)
    if "hex" in inp:
        return benchcore.parse_bytes(bytes.fromhex(inp["hex"]), file, **options)
    raise AssertionError("an input needs `path`, `text`, `hex` or `run`")


def op_parse(args: Dict[str, Any]) -> Any:
    return run_input(args, allow_run=False)


def op_compare(args: Dict[str, Any]) -> Any:
    baseline = run_input(args["baseline"], allow_run=True)
    candidate = run_input(args["candidate"], allow_run=True)
    return benchcore.compare(baseline, candidate, **args.get("options", {}))


def op_check(args: Dict[str, Any]) -> Any:
    candidate = run_input(args["candidate"], allow_run=True)
    return benchcore.check(
        candidate, args["history"], args.get("change_points"), **args.get("options", {})
    )


def op_backtest(args: Dict[str, Any]) -> Any:
    return benchcore.backtest(
        args["series"], args.get("change_points"), **args.get("options", {})
    )


def op_detect(args: Dict[str, Any]) -> Any:
    if "text" in args:
        parsed = benchcore.parse_series(args["text"].encode("utf-8"), args.get("file", "input"))
        return benchcore.detect(parsed["series"], **args.get("options", {}))
    return benchcore.detect(args["series"], **args.get("options", {}))


def op_series(args: Dict[str, Any]) -> Any:
    runs = [run_input(i, allow_run=True) for i in args["inputs"]]
    return benchcore.series(runs, **args.get("options", {}))


def op_export(args: Dict[str, Any]) -> Any:
    runs = [
        {"added_at": i.get("added_at", "1970-01-01T00:00:00Z"), "run": run_input(i, allow_run=True)}
        for i in args["inputs"]
    ]
    return benchcore.export(runs, **args.get("options", {}))


def op_import_gab(args: Dict[str, Any]) -> Any:
    if "path" in args:
        file, data = args["path"], Path(args["path"]).read_bytes()
    elif "text" in args:
        file, data = args.get("file", "input"), args["text"].encode("utf-8")
    else:
        file, data = args.get("file", "input"), bytes.fromhex(args["hex"])
    return benchcore.import_gab(data, file, **args.get("options", {}))


#: Every op the Python surface implements. A vector with another op fails its case.
OPS: Dict[str, Callable[[Dict[str, Any]], Any]] = {
    "parse": op_parse,
    "compare": op_compare,
    "check": op_check,
    "backtest": op_backtest,
    "detect": op_detect,
    "series": op_series,
    "export": op_export,
    "import-gab": op_import_gab,
}


def numbers_match(a: float, b: float) -> bool:
    d = abs(a - b)
    return d <= ABS_TOL or d <= REL_TOL * max(abs(a), abs(b))


def diff(got: Any, want: Any, path: str = "expected") -> Optional[str]:
    """The first difference, with its JSON path (numbers with the README's tolerance)."""
    is_num = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)  # noqa: E731
    if is_num(got) and is_num(want):
        return None if numbers_match(got, want) else f"{path}: got {got!r}, expected {want!r}"
    if isinstance(got, list) and isinstance(want, list):
        if len(got) != len(want):
            return f"{path}: got {len(got)} items, expected {len(want)}"
        for i, (g, w) in enumerate(zip(got, want)):
            d = diff(g, w, f"{path}[{i}]")
            if d:
                return d
        return None
    if isinstance(got, dict) and isinstance(want, dict):
        for k in want:
            if k not in got:
                return f"{path}.{k}: missing in the result"
        for k, g in got.items():
            if k not in want:
                return f"{path}.{k}: not expected (got {g!r})"
            d = diff(g, want[k], f"{path}.{k}")
            if d:
                return d
        return None
    if type(got) is not type(want) or got != want:
        return f"{path}: got {got!r}, expected {want!r}"
    return None


def test_there_are_vectors_for_every_op() -> None:
    ops = {p.parent.name for p in CASES}
    assert ops, "no vectors found"
    missing = ops - set(OPS)
    assert not missing, f"ops in tests/vectors that the Python surface does not implement: {sorted(missing)}"


@pytest.mark.parametrize("case_path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_vector(case_path: Path, in_tests_dir: Path) -> None:
    case = json.loads(case_path.read_text(encoding="utf-8"))
    op = case["op"]
    assert case_path.parent.name == op, f"`op` is {op!r} but the case is in {case_path.parent.name}/"
    if op not in OPS:
        pytest.fail(f"op {op!r} is not implemented by the Python surface (known: {sorted(OPS)})")
    want_error = case.get("error")
    try:
        got = OPS[op](case["args"])
    except benchcore.BenchcoreError as e:
        if want_error is None:
            pytest.fail(f"failed with {e.code}: {e}")
        problems: List[str] = []
        if e.code != want_error["code"]:
            problems.append(f"code: got {e.code!r}, expected {want_error['code']!r}")
        if "field" in want_error and e.field != want_error["field"]:
            problems.append(f"field: got {e.field!r}, expected {want_error['field']!r}")
        if "line" in want_error and e.line != want_error["line"]:
            problems.append(f"line: got {e.line!r}, expected {want_error['line']!r}")
        assert type(e).code == e.code, "the exception class does not match its code"
        assert not problems, f"{'; '.join(problems)} ({e})"
        return
    assert want_error is None, f"succeeded, expected error {want_error}"
    assert "expected" in case, "no `expected` (the Rust harness writes it with BLESS=1)"
    d = diff(got, case["expected"])
    assert d is None, d


def test_diff_self_check() -> None:
    """The comparison must be right before it judges anything."""
    assert numbers_match(1.0, 1.0 + 1e-10)
    assert not numbers_match(1.0, 1.0 + 1e-8)
    assert numbers_match(0.0, 1e-13)
    assert not numbers_match(0.0, 1e-11)
    assert diff({"a": [1.0, "x"]}, {"a": [1.0, "y"]}) == "expected.a[1]: got 'x', expected 'y'"
    assert diff({"a": None}, {"a": 0}) is not None
    assert diff([True], [1]) is not None
