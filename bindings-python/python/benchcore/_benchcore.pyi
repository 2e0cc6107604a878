"""Type stubs of the compiled module ``benchcore._benchcore`` (use it through ``benchcore``)."""

import os
from typing import Any, Dict, Final, List, Optional, Union

from .types import CompareOptions, Comparison, ReportFormat, Run

__version__: Final[str]
ERROR_CODES: Final[List[str]]
"""Every core error code, in the core's declaration order."""
INTERNAL_ERROR: Final[str]
"""Code of the BenchcoreError raised if the core panicked (a bug): ``"internal-error"``."""

class BenchcoreError(Exception):
    """Base of every benchcore error. Class attribute ``code`` is the subclass's error code."""

    code: Optional[str]
    message: Optional[str]
    file: Optional[str]
    line: Optional[int]
    field: Optional[str]

class ParseError(BenchcoreError):
    """``parse-error``: input not valid for its format (``.file``, ``.line`` / ``.field``)."""

class UnknownFormatError(BenchcoreError):
    """``unknown-format``: no parser recognised the input."""

class IoError(BenchcoreError):
    """``io-error``: the operating system refused a read or write."""

class UnsupportedVersionError(BenchcoreError):
    """``unsupported-version``: a persisted shape is newer than this build."""

class InvalidOptionsError(BenchcoreError):
    """``invalid-options``: unknown option key, wrong type or out of range (``.field``)."""

class InvalidInputError(BenchcoreError):
    """``invalid-input``: an argument that is not a file is unusable (``.field``)."""

class LimitExceededError(BenchcoreError):
    """``limit-exceeded``: input beyond a configured bound."""

class NotFoundError(BenchcoreError):
    """``not-found``: a named path, criterion baseline or benchmark does not exist."""

def parse(path: Union[str, "os.PathLike[str]"], **options: Any) -> Run:
    """Parse a result file or directory (``DIR@NAME`` picks a criterion baseline).

    Options (``ParseOptions``): ``format``, ``baseline``, ``commit``, ``branch``, ``time``,
    ``max_input_bytes``.
    """

def parse_bytes(data: Union[bytes, bytearray], file: str = "<bytes>", **options: Any) -> Run:
    """Parse one file's content; ``file`` labels errors and becomes ``source.path``."""

def parse_object(obj: Any, file: str = "<object>", **options: Any) -> Run:
    """Parse a tool's JSON output already loaded as Python objects (``json.load`` of a file, the
    dict pytest-benchmark builds): the same as ``parse_bytes(json.dumps(obj).encode(), file)``."""

def compare(baseline: Run, candidate: Run, **options: Any) -> Comparison:
    """Compare two ``Run`` dicts; options are ``CompareOptions`` keys."""

def compare_options(**options: Any) -> CompareOptions:
    """The complete, validated ``CompareOptions`` that ``compare(..., **options)`` would use."""

def render(comparison: Comparison, format: ReportFormat = "table", **options: Any) -> str:
    """Render a ``Comparison`` as ``table``, ``markdown`` or ``json``.

    Table options (``TableOptions``): ``color``, ``show_unchanged``.
    """

def render_check(report: Dict[str, Any], format: ReportFormat = "table", **options: Any) -> str: ...
def parse_series(data: Union[bytes, bytearray], file: str = "<bytes>") -> Dict[str, Any]: ...
def detect(series: List[Dict[str, Any]], **options: Any) -> Dict[str, Any]: ...
def check(
    candidate: Run,
    history: List[Dict[str, Any]],
    change_points: Optional[List[Dict[str, Any]]] = None,
    **options: Any,
) -> Dict[str, Any]: ...
def backtest(
    series: Dict[str, Any], change_points: Optional[List[int]] = None, **options: Any
) -> List[Dict[str, Any]]: ...
def series(runs: List[Run], **options: Any) -> List[Dict[str, Any]]: ...
def export(runs: List[Dict[str, Any]], **options: Any) -> Dict[str, Any]: ...
def import_gab(data: Union[bytes, bytearray], file: str = "<bytes>", **options: Any) -> Dict[str, Any]: ...
def history_add(
    dir: Union[str, "os.PathLike[str]"], run: Run, added_at: Optional[str] = None
) -> Dict[str, Any]: ...
def history_load(dir: Union[str, "os.PathLike[str]"], **options: Any) -> Dict[str, Any]: ...
def _panic_for_tests() -> None: ...
