"""Limits on the Python surface: arguments nested absurdly deep (or in a cycle) are an error
with a code, never a crash of the interpreter; `max_input_bytes` holds for single files and for
the files inside a result directory; hostile benchmark names stay inert in rendered reports.

Each nesting case runs in a child interpreter, so that a regression (a stack overflow in the
native module kills the process) fails this test with its output instead of killing pytest."""

import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

import benchcore

PYTEST_RUN = "fixtures/pytest-benchmark/pytest-benchmark-5.3.1/run1.json"
CRITERION = "fixtures/criterion/criterion-0.5.1/tree-after-run5/target-criterion"

#: name -> (a call taking the deep value `x`, the error class, the field it names)
DEEP_CALLS = {
    "detect series": ("benchcore.detect([{'name': 'a', 'values': x}])", "InvalidInputError", "series"),
    "detect options": ("benchcore.detect([{'values': [1.0]}], window=x)", "InvalidOptionsError", "options"),
    "compare run": ("benchcore.compare(dict(run, benchmarks=x), run)", "ParseError", None),
    "check history": ("benchcore.check(run, x)", "InvalidInputError", "history"),
    "backtest series": ("benchcore.backtest({'values': x})", "InvalidInputError", "series"),
    "series runs": ("benchcore.series(x)", "InvalidInputError", "runs"),
    "export runs": ("benchcore.export(x)", "InvalidInputError", "runs"),
    "parse_object": ("benchcore.parse_object({'benchmarks': x})", "InvalidInputError", "obj"),
    "render": ("benchcore.render(x)", "InvalidInputError", "comparison"),
}

SCRIPT = """
import benchcore, sys
run = benchcore.parse({run!r})
shape = sys.argv[1]
if shape == "deep":
    x = []
    for _ in range(200_000):
        x = [x]
elif shape == "deep-dict":
    x = {{}}
    for _ in range(200_000):
        x = {{"k": x}}
else:
    x = []
    x.append(x)
try:
    {call}
except benchcore.BenchcoreError as e:
    print(type(e).__name__, e.field, "|", e)
else:
    print("no error")
"""


@pytest.mark.parametrize("shape", ["deep", "deep-dict", "cycle"])
@pytest.mark.parametrize("name", list(DEEP_CALLS))
def test_deep_or_cyclic_arguments_are_errors_not_crashes(in_tests_dir: Path, name: str, shape: str) -> None:
    call, cls, field = DEEP_CALLS[name]
    code = SCRIPT.format(run=PYTEST_RUN, call=call)
    p = subprocess.run(
        [sys.executable, "-c", code, shape], cwd=in_tests_dir, capture_output=True, text=True, timeout=120
    )
    assert p.returncode == 0, f"the interpreter died ({p.returncode}): {p.stderr[-2000:]}"
    out = p.stdout.strip()
    assert out.startswith(f"{cls} "), out
    assert "nested deeper than 128 levels" in out, out
    if field is not None:
        assert out.split(" ")[1] == field, out


def test_moderate_nesting_still_works(in_tests_dir: Path) -> None:
    run: Dict[str, Any] = benchcore.parse(PYTEST_RUN)
    nested: Any = 1
    for _ in range(50):  # 100 levels, plus the run's own 4
        nested = {"k": [nested]}
    run["benchmarks"][0]["params"] = {"deep": nested}
    c = benchcore.compare(run, run)
    assert c["summary"]["total"] > 0


def test_max_input_bytes_holds_for_files_and_directories(in_tests_dir: Path) -> None:
    with pytest.raises(benchcore.LimitExceededError) as info:
        benchcore.parse_bytes(b"x" * 100, "big.txt", max_input_bytes=10)
    assert info.value.file == "big.txt"
    size = Path(PYTEST_RUN).stat().st_size
    with pytest.raises(benchcore.LimitExceededError):
        benchcore.parse(PYTEST_RUN, max_input_bytes=size - 1)
    assert benchcore.parse(PYTEST_RUN, max_input_bytes=size)["benchmarks"]
    # A file inside a criterion directory.
    biggest = max(p.stat().st_size for p in Path(CRITERION).rglob("new/*.json"))
    with pytest.raises(benchcore.LimitExceededError) as info:
        benchcore.parse(CRITERION, max_input_bytes=biggest - 1)
    assert info.value.file is not None and info.value.file.startswith(CRITERION)
    assert benchcore.parse(CRITERION, max_input_bytes=biggest)["benchmarks"]


HOSTILE: List[str] = [
    "<script>alert(1)</script>",
    "@octocat ping",
    "[x](javascript:alert(1))",
    "\x1b[31mred",
    "two\r\nlines",
    "\u202eevil",
    "a|b",
]


def test_hostile_names_stay_inert_in_rendered_reports(in_tests_dir: Path) -> None:
    base: Dict[str, Any] = benchcore.parse(PYTEST_RUN)
    template = base["benchmarks"][0]
    benchmarks = []
    for name in HOSTILE:
        b = dict(template)
        b["name"] = name
        benchmarks.append(b)
    run = dict(base, benchmarks=benchmarks, commit="\u202e@octocat", branch="<b>")
    c = benchcore.compare(run, run)
    table = benchcore.render(c, "table")
    md = benchcore.render(c, "markdown")
    for text in (table, md):
        assert not any(ch in text for ch in "\x1b\r\u202e"), text
    for raw in ("<script", "@octocat", "](javascript:"):
        assert raw not in md, md
    assert "\\x1b[31mred" in table
