"""benchcore: is my branch slower than main?

Noise-aware regression analysis for benchmark results (criterion, cargo-criterion,
pytest-benchmark), backed by the Rust core. Every operation mirrors the ``benchcore`` command
line and takes/returns the same JSON shapes as plain dicts and lists::

    import benchcore

    base = benchcore.parse("main.json")                 # Run dict (DIR@NAME for criterion)
    comparison = benchcore.compare(base, "pr.json", threshold="5%")
    print(benchcore.render(comparison))                  # table; or "markdown" / "json"
    if comparison["summary"]["regressed"]:
        ...

Options are keyword arguments with the core's names (``ParseOptions``, ``CompareOptions``);
unknown keys raise :class:`InvalidOptionsError`. Failures raise a :class:`BenchcoreError`
subclass per error code with ``.code``, ``.message``, ``.file``, ``.line`` and ``.field``.

Installing the package also installs a pytest plugin (``--benchcore-baseline`` …, see
:mod:`benchcore.pytest_plugin`).
"""

import os
from typing import Any, Union

from ._benchcore import (
    ERROR_CODES,
    INTERNAL_ERROR,
    BenchcoreError,
    InvalidInputError,
    InvalidOptionsError,
    IoError,
    LimitExceededError,
    NotFoundError,
    ParseError,
    UnknownFormatError,
    UnsupportedVersionError,
    __version__,
    backtest,
    check,
    compare_options,
    detect,
    export,
    history_add,
    history_load,
    import_gab,
    parse,
    parse_bytes,
    parse_object,
    parse_series,
    render,
    render_check,
    series,
)
from ._benchcore import compare as _compare
from .types import Comparison, Run

__all__ = [
    "ERROR_CODES",
    "INTERNAL_ERROR",
    "BenchcoreError",
    "InvalidInputError",
    "InvalidOptionsError",
    "IoError",
    "LimitExceededError",
    "NotFoundError",
    "ParseError",
    "UnknownFormatError",
    "UnsupportedVersionError",
    "__version__",
    "backtest",
    "check",
    "compare",
    "compare_options",
    "detect",
    "error_class",
    "export",
    "history_add",
    "history_load",
    "import_gab",
    "parse",
    "parse_bytes",
    "parse_object",
    "parse_series",
    "render",
    "render_check",
    "series",
]

RunLike = Union[Run, str, "os.PathLike[str]"]


def compare(baseline: RunLike, candidate: RunLike, **options: Any) -> Comparison:
    """Compare ``candidate`` against ``baseline`` and return the ``Comparison`` dict.

    Each side is a ``Run`` dict (from :func:`parse` / :func:`parse_bytes`) or, for
    convenience, a path that is parsed with default options first. ``options`` are
    ``CompareOptions`` keys: ``threshold`` (``"10%"`` or ``0.1``), ``thresholds``, ``alpha``,
    ``confidence``, ``fdr``, ``statistic``, ``noise_guard``, ``bootstrap_resamples``, ``seed``,
    ``power``.
    """
    return _compare(_as_run(baseline), _as_run(candidate), **options)


def _as_run(side: RunLike) -> Run:
    if isinstance(side, (str, os.PathLike)):
        return parse(side)
    return side


def error_class(code: str) -> "type[BenchcoreError]":
    """The exception class raised for the error ``code`` (e.g. ``"parse-error"``)."""
    for cls in BenchcoreError.__subclasses__():
        if cls.code == code:
            return cls
    raise KeyError(code)
