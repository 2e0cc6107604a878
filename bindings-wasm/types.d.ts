// The JSON shapes of benchcore, as plain JavaScript objects: exactly `JSON.parse` of the CLI's
// `--format json` output. Hand-written from the core's serde types (core/src/model.rs,
// core/src/compare.rs, core/src/compare/options.rs, core/src/parse.rs, core/src/report.rs,
// core/src/error.rs); the golden-vector tests check the values, not these declarations.
// Included verbatim in the wasm-bindgen `.d.ts` and imported by bindings-node/index.d.ts.

/** A JSON value the tool recorded as it was (parameters, extra data). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One execution of a benchmark suite, normalized (time in ns, memory in B, rates per second). */
export interface Run {
  version: number;
  /** Content hash of the results (the same results give the same id). */
  id: string;
  time: string | null;
  commit: string | null;
  branch: string | null;
  source: Source;
  environment: Environment;
  benchmarks: Benchmark[];
}

export interface Source {
  /** The tool format, e.g. `criterion`, `pytest-benchmark`. */
  format: string;
  tool_version: string | null;
  /** The file or directory read, as the caller named it. */
  path: string | null;
  /** For criterion trees: which baseline was read. */
  baseline: string | null;
}

export interface Environment {
  machine: string | null;
  cpu: string | null;
  cpu_count: number | null;
  arch: string | null;
  os: string | null;
  runtime: string | null;
  extra: { [key: string]: string };
}

export interface Benchmark {
  name: string;
  group: string | null;
  params: { [key: string]: JsonValue };
  extra: { [key: string]: JsonValue };
  measurements: Measurement[];
}

export type MetricKind = "time" | "throughput" | "memory" | "count" | "other";
export type Direction = "lower-is-better" | "higher-is-better";

export interface Metric {
  name: string;
  unit: string;
  kind: MetricKind;
  direction: Direction;
}

export interface Measurement {
  metric: Metric;
  summary: Summary;
  /** Raw per-iteration values in the metric's unit; empty when the tool kept none. */
  samples: number[];
}

export interface Summary {
  n: number | null;
  mean: number | null;
  median: number | null;
  stddev: number | null;
  min: number | null;
  max: number | null;
  q1: number | null;
  q3: number | null;
}

export type Format =
  | "auto"
  | "criterion"
  | "cargo-criterion"
  | "pytest-benchmark"
  | "hyperfine"
  | "wrk"
  | "hey"
  | "memray"
  | "heaptrack";

/** Options of parsing; keys left out take the core's defaults, unknown keys are refused. */
export interface ParseOptions {
  format?: Format;
  /** For criterion trees: which baseline to read (`new` by default). */
  baseline?: string | null;
  commit?: string | null;
  branch?: string | null;
  /** RFC 3339. */
  time?: string | null;
  /** The group of benchmarks the tool put in none (the GitHub Action passes its suite name). */
  default_group?: string | null;
  max_input_bytes?: number;
}

export interface ThresholdOverride {
  /** Glob over the benchmark name (`*`, `?`, `[a-z]`, `\` escapes). */
  pattern: string;
  metric?: string | null;
  /** `"10%"`, `"0.1"` or `0.1`. */
  threshold: number | string;
}

export type Statistic = "auto" | "median" | "mean";
export type SingleValues = "auto" | "threshold" | "inconclusive";

/** Options of `compare`; keys left out take the core's defaults, unknown keys are refused. */
export interface CompareOptions {
  /** `"10%"`, `"0.1"` or `0.1`. */
  threshold?: number | string;
  thresholds?: ThresholdOverride[];
  alpha?: number;
  confidence?: number;
  fdr?: boolean;
  statistic?: Statistic;
  noise_guard?: boolean;
  single_values?: SingleValues;
  bootstrap_resamples?: number;
  seed?: number;
  power?: number;
}

/** The complete options a comparison used (as echoed in it). */
export interface EffectiveCompareOptions {
  threshold: number;
  thresholds: { pattern: string; metric: string | null; threshold: number }[];
  alpha: number;
  confidence: number;
  fdr: boolean;
  statistic: Statistic;
  noise_guard: boolean;
  single_values: SingleValues;
  bootstrap_resamples: number;
  seed: number;
  power: number;
}

/** Options of the `table` renderer. */
export interface TableOptions {
  color?: boolean;
  show_unchanged?: boolean;
}

export type ReportFormat = "table" | "markdown" | "json";

export type Verdict = "regressed" | "improved" | "unchanged" | "inconclusive" | "added" | "removed";
export type UsedStatistic = "median" | "mean";
export type TestKind = "mann-whitney" | "welch" | "median-z" | "deterministic" | "none";

export interface RunRef {
  id: string;
  format: string;
  path: string | null;
  baseline: string | null;
  commit: string | null;
  branch: string | null;
  time: string | null;
}

export interface SideStats {
  n: number | null;
  value: number;
  best: number | null;
  cv: number | null;
}

export interface BenchmarkComparison {
  name: string;
  group: string | null;
  metric: string;
  unit: string;
  direction: Direction;
  verdict: Verdict;
  statistic: UsedStatistic | null;
  test: TestKind | null;
  baseline: SideStats | null;
  candidate: SideStats | null;
  relative_change: number | null;
  ci: [number, number] | null;
  p_value: number | null;
  p_adjusted: number | null;
  threshold: number;
  min_detectable_change: number | null;
  best_change: number | null;
  reason: string;
}

export interface VerdictCounts {
  total: number;
  regressed: number;
  improved: number;
  unchanged: number;
  inconclusive: number;
  added: number;
  removed: number;
}

export interface Comparison {
  version: number;
  baseline: RunRef;
  candidate: RunRef;
  options: EffectiveCompareOptions;
  warnings: string[];
  benchmarks: BenchmarkComparison[];
  summary: VerdictCounts;
}

/** A file of a directory tree given in memory (criterion's `target/criterion`). */
export interface TreeFile {
  /** `/`-separated, relative to the tree's root. */
  path: string;
  /** Bytes, or text (encoded as UTF-8). */
  content: Uint8Array | ArrayBuffer | string;
}

export type ErrorCode =
  | "parse-error"
  | "unknown-format"
  | "io-error"
  | "unsupported-version"
  | "invalid-options"
  | "invalid-input"
  | "limit-exceeded"
  | "not-found"
  | "internal-error";

/** What every benchcore function throws: an `Error` with the core's structured fields. */
export interface BenchcoreError extends Error {
  code: ErrorCode;
  file: string | null;
  line: number | null;
  field: string | null;
}

// ---------------------------------------------------------------------------------------------
// The functions. The WASM module (`bindings-wasm/pkg/{node,web}`) and the Node module
// (`bindings-node`, native or its WASM fallback) export these with the same names and shapes;
// every one throws a `BenchcoreError`.

/** The benchcore version of this build. */
export declare function version(): string;

/** Every error `.code` the core can throw. */
export declare function errorCodes(): ErrorCode[];

/**
 * Parse one result file's content (bytes, or text encoded as UTF-8). `file` labels errors and
 * becomes `source.path`. The format is detected unless `options.format` names it.
 */
export declare function parseBytes(
  bytes: Uint8Array | ArrayBuffer | string,
  file: string,
  options?: ParseOptions,
): Run;

/**
 * Parse a directory tree given as files: criterion's `target/criterion`, or one benchmark's
 * folder. `root` labels errors and becomes `source.path`; `options.baseline` picks the
 * criterion baseline (`new` by default), as `DIR@NAME` does on the command line.
 */
export declare function parseFiles(files: TreeFile[], root: string, options?: ParseOptions): Run;

/** Compare a candidate run with a baseline run, judging every benchmark and metric. */
export declare function compare(baseline: Run, candidate: Run, options?: CompareOptions): Comparison;

/** Render a comparison as an aligned text table, a Markdown PR comment, or pretty JSON. */
export declare function render(
  comparison: Comparison,
  format: ReportFormat,
  options?: TableOptions,
): string;

// ---------------------------------------------------------------------------------------------
// History, change points and the gate. Their JSON shapes are the core's (`benchcore detect`,
// `check`, `backtest`, `history export` print the same); they are declared loosely here.

/** One benchmark metric over runs (`points` oldest first). */
export interface Series {
  name: string;
  metric: string;
  unit: string;
  direction: Direction;
  group: string | null;
  points: { run_id: string | null; commit: string | null; branch: string | null; time: string | null; value: number; samples: number[] }[];
}

/** A series as an external harness writes it. */
export interface SeriesInput {
  name?: string;
  values: number[];
  lower_is_better?: boolean;
  samples?: number[][];
}

/** A change point given as data: where the current level of one series starts. */
export interface ChangePointRef {
  name: string;
  metric?: string;
  index: number;
}

/** A stored run and when it was added. */
export interface HistoryRun {
  added_at: string;
  run: Run;
}

/** Split a series file (JSON array, one-column CSV, or JSON Lines) into series. */
export declare function parseSeries(bytes: Uint8Array | ArrayBuffer | string, file: string): { kind: "json-array" | "csv" | "json-lines"; series: Series[] };

/** Change points of each series (`DetectOptions`: `method`, `alpha`, `min_magnitude`, …). */
export declare function detect(series: (Series | SeriesInput)[], options?: Record<string, unknown>): Record<string, unknown>;

/**
 * Gate a run against its history (`CheckOptions`). `changePoints` are used as given (an
 * empty list: the plain window); without them, change points are detected and the baseline
 * starts at the last one.
 */
export declare function check(candidate: Run, history: (Series | SeriesInput)[], options?: Record<string, unknown>, changePoints?: ChangePointRef[]): Record<string, unknown>;

/** Replay the gate over one series; `changePoints` (indices) as given, else detected. */
export declare function backtest(series: Series | SeriesInput, options?: Record<string, unknown>, changePoints?: number[]): Record<string, unknown>[];

/** One series per benchmark and metric of a list of runs (`SeriesOptions`). */
export declare function series(runs: Run[], options?: Record<string, unknown>): Series[];

/** The dashboard bundle of stored runs (`SeriesOptions`). */
export declare function exportBundle(runs: HistoryRun[], options?: Record<string, unknown>): Record<string, unknown>;

/** Runs of a github-action-benchmark `data.js` (or its JSON form). */
export declare function importGab(bytes: Uint8Array | ArrayBuffer | string, file: string, options?: { branch?: string | null }): { runs: Run[]; warnings: string[] };

/** A check report (what `check` returns) as table, Markdown (starting with `<!-- benchcore-report -->`) or JSON text. */
export declare function renderCheck(report: Record<string, unknown>, format: "table" | "markdown" | "json", options?: TableOptions): string;

/** One file of a history directory: its path under the root, and its JSON text. */
export interface StoredFile {
  path: string;
  content: string;
}

/**
 * The files adding `run` writes under the history directory `root` (checked as `History::add`
 * checks it); `marker` is the existing `history.json`, or null (then the marker to write is
 * returned). Publish marker, sidecar, then record, each only if its path is free.
 */
export declare function historyEncode(root: string, run: Run, addedAt: string, marker?: Uint8Array | ArrayBuffer | string | null): { id: string; marker: StoredFile | null; sidecar: StoredFile | null; record: StoredFile };

/**
 * A history loaded from the files read under `root` (paths relative to it: `history.json`,
 * `runs/<id[0..2]>/<id>.json`, `samples/…`), as `History::load` loads a directory.
 */
export declare function historyLoadFiles(root: string, files: TreeFile[], options?: Record<string, unknown>): { runs: HistoryRun[]; errors: { code: string; message: string; file: string | null; line: number | null; field: string | null }[] };
