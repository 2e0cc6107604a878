"""The JSON shapes benchcore takes and returns, as ``TypedDict``s (for type checkers only: at run
time they are plain dicts, equal to ``json.loads`` of the CLI's ``--format json`` output).

Keys are snake_case, enum values kebab-case. Optional values are present and ``None`` when
absent. Shapes that persist carry ``version``.
"""

from typing import Any, Dict, List, Literal, Optional, TypedDict

Direction = Literal["lower-is-better", "higher-is-better"]
MetricKind = Literal["time", "throughput", "memory", "count", "other"]
Verdict = Literal["regressed", "improved", "unchanged", "inconclusive", "added", "removed"]
Statistic = Literal["auto", "median", "mean"]
UsedStatistic = Literal["median", "mean"]
TestKind = Literal["mann-whitney", "welch", "median-z", "deterministic", "none"]
Format = Literal["auto", "criterion", "cargo-criterion", "pytest-benchmark"]
ReportFormat = Literal["table", "markdown", "json"]


class Metric(TypedDict):
    name: str
    unit: str
    kind: MetricKind
    direction: Direction


class Summary(TypedDict):
    n: Optional[int]
    mean: Optional[float]
    median: Optional[float]
    stddev: Optional[float]
    min: Optional[float]
    max: Optional[float]
    q1: Optional[float]
    q3: Optional[float]


class Measurement(TypedDict):
    metric: Metric
    summary: Summary
    samples: List[float]


class Benchmark(TypedDict):
    name: str
    group: Optional[str]
    params: Dict[str, Any]
    extra: Dict[str, Any]
    measurements: List[Measurement]


class Source(TypedDict):
    format: str
    tool_version: Optional[str]
    path: Optional[str]
    baseline: Optional[str]


class Environment(TypedDict):
    machine: Optional[str]
    cpu: Optional[str]
    cpu_count: Optional[int]
    arch: Optional[str]
    os: Optional[str]
    runtime: Optional[str]
    extra: Dict[str, str]


class Run(TypedDict):
    """One execution of a benchmark suite (``benchcore parse``). Times in ns."""

    version: int
    id: str
    time: Optional[str]
    commit: Optional[str]
    branch: Optional[str]
    source: Source
    environment: Environment
    benchmarks: List[Benchmark]


class ThresholdOverride(TypedDict):
    pattern: str
    metric: Optional[str]
    threshold: float


class CompareOptions(TypedDict):
    threshold: float
    thresholds: List[ThresholdOverride]
    alpha: float
    confidence: float
    fdr: bool
    statistic: Statistic
    noise_guard: bool
    bootstrap_resamples: int
    seed: int
    power: float


class RunRef(TypedDict):
    id: str
    format: str
    path: Optional[str]
    baseline: Optional[str]
    commit: Optional[str]
    branch: Optional[str]
    time: Optional[str]


class SideStats(TypedDict):
    n: Optional[int]
    value: float
    best: Optional[float]
    cv: Optional[float]


class BenchmarkComparison(TypedDict):
    name: str
    group: Optional[str]
    metric: str
    unit: str
    direction: Direction
    verdict: Verdict
    statistic: Optional[UsedStatistic]
    test: Optional[TestKind]
    baseline: Optional[SideStats]
    candidate: Optional[SideStats]
    relative_change: Optional[float]
    ci: Optional[List[float]]
    p_value: Optional[float]
    p_adjusted: Optional[float]
    threshold: float
    min_detectable_change: Optional[float]
    best_change: Optional[float]
    reason: str


class VerdictCounts(TypedDict):
    total: int
    regressed: int
    improved: int
    unchanged: int
    inconclusive: int
    added: int
    removed: int


class Comparison(TypedDict):
    """The result of ``compare`` (``benchcore compare --format json``)."""

    version: int
    baseline: RunRef
    candidate: RunRef
    options: CompareOptions
    warnings: List[str]
    benchmarks: List[BenchmarkComparison]
    summary: VerdictCounts


__all__ = [
    "Benchmark",
    "BenchmarkComparison",
    "CompareOptions",
    "Comparison",
    "Direction",
    "Environment",
    "Format",
    "Measurement",
    "Metric",
    "MetricKind",
    "ReportFormat",
    "Run",
    "RunRef",
    "SideStats",
    "Source",
    "Statistic",
    "Summary",
    "TestKind",
    "ThresholdOverride",
    "UsedStatistic",
    "Verdict",
    "VerdictCounts",
]
