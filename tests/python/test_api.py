"""The Python layer around the compiled module: parse_object, the path convenience of compare,
the package metadata, and the README's Python example (executed, so it cannot rot)."""

import json
import re
from pathlib import Path

import pytest

import benchcore

from conftest import REPO

PYTEST_531 = "fixtures/pytest-benchmark/pytest-benchmark-5.3.1"


@pytest.mark.parametrize(
    "name", ["run1.json", "run2-slow-save-data.json"]
)
def test_parse_object_equals_parse_bytes_of_json_dumps(in_tests_dir: Path, name: str) -> None:
    path = Path(PYTEST_531) / name
    obj = json.loads(path.read_text())
    want = benchcore.parse_bytes(json.dumps(obj).encode(), "x.json")
    assert benchcore.parse_object(obj, "x.json") == want
    # And both equal reading the file, but for the label.
    from_file = benchcore.parse(path)
    assert from_file["benchmarks"] == want["benchmarks"]
    assert from_file["id"] == want["id"]


def test_parse_object_reads_nan_like_pythons_json_writes_it(in_tests_dir: Path) -> None:
    obj = json.loads((Path(PYTEST_531) / "run1.json").read_text())
    obj["benchmarks"][0]["stats"]["stddev"] = float("nan")  # pytest-benchmark can write NaN
    text = json.dumps(obj)
    assert "NaN" in text
    want = benchcore.parse_bytes(text.encode())
    got = benchcore.parse_object(obj, "<bytes>")
    assert got == want
    assert got["benchmarks"][0]["measurements"][0]["summary"]["stddev"] is None
    obj["benchmarks"][0]["stats"]["data"][5] = float("nan")
    with pytest.raises(benchcore.ParseError) as info:
        benchcore.parse_object(obj)
    assert info.value.field == "benchmarks[0].stats.data[5]"


def test_parse_object_refuses_what_json_cannot_hold() -> None:
    with pytest.raises(benchcore.InvalidInputError) as info:
        benchcore.parse_object({"machine_info": {}, "benchmarks": [], "x": object()})
    assert info.value.field is not None and info.value.field.startswith("obj")


def test_version_and_package_metadata() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", benchcore.__version__)
    pkg = Path(benchcore.__file__).parent
    assert (pkg / "py.typed").exists()
    assert (pkg / "_benchcore.pyi").exists()
    for name in benchcore.__all__:
        assert hasattr(benchcore, name), name


def test_the_plugin_is_registered_by_entry_point(pytestconfig: pytest.Config) -> None:
    assert pytestconfig.pluginmanager.has_plugin("benchcore")


def readme_python_example() -> str:
    text = (REPO / "README.md").read_text()
    section = text[text.index("## Python") :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "README's Python section has no ```python example"
    return match.group(1)


def test_readme_python_example_runs(in_tests_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's example, executed from the repository root as written."""
    monkeypatch.chdir(REPO)
    namespace: dict = {}
    exec(compile(readme_python_example(), "README.md", "exec"), namespace)  # noqa: S102
    assert namespace["comparison"]["summary"]["regressed"] == 1


def test_the_stub_declares_exactly_what_the_compiled_module_has() -> None:
    import ast

    from benchcore import _benchcore

    stub = ast.parse((Path(benchcore.__file__).parent / "_benchcore.pyi").read_text())
    declared = set()
    for node in stub.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            declared.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared.add(node.target.id)
    public = {name for name in dir(_benchcore) if not (name.startswith("__") and name != "__version__")}
    assert declared == public
