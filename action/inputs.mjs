// The action's inputs: github-action-benchmark's (same names, same formats; its
// src/config.ts) plus benchcore's own, read, validated and mapped onto the core's options.
//
// Mapping decisions (README "GitHub Action" and examples/workflows/MIGRATING.md explain them):
// * `tool`: the tools benchcore reads are detected from the content (`auto`), the custom JSON
//   tools map to their formats; catch2, julia, jmh and benchmarkdotnet are refused by name;
//   any other value is taken as a benchcore format name, which the core validates.
// * `alert-threshold` / `fail-threshold` are github-action-benchmark's ratios (`200%`: twice
//   as bad). A ratio r is the relative change r − 1 of a lower-is-better metric (200% → +100%
//   time) and 1 − 1/r of a higher-is-better one (200% → −50% throughput), so it becomes the
//   core's `threshold` for the first and a per-metric override for the second.
//   benchcore's own `threshold` (in percent) wins over `alert-threshold`; with neither, the
//   core's default applies.
//
// Inputs come through `get(name)` (`core.getInput` in the action); a runner fills in the
// defaults of action.yml, and DEFAULTS repeats them for runs without a runner (tests check the
// two agree).

/** github-action-benchmark's tools that benchcore reads, and the format each maps to. */
export const GAB_TOOLS = {
  cargo: 'auto',
  go: 'auto',
  benchmarkjs: 'auto',
  pytest: 'auto',
  googlecpp: 'auto',
  customBiggerIsBetter: 'custom-bigger-is-better',
  customSmallerIsBetter: 'custom-smaller-is-better',
};

/** github-action-benchmark's tools without a benchcore parser. */
export const UNSUPPORTED_TOOLS = ['catch2', 'julia', 'jmh', 'benchmarkdotnet'];

/** Defaults of action.yml, for runs without a runner to apply them. */
export const DEFAULTS = {
  name: 'Benchmark',
  'gh-pages-branch': 'gh-pages',
  'benchmark-data-dir-path': 'dev/bench',
  'auto-push': 'false',
  'skip-fetch-gh-pages': 'false',
  'comment-always': 'false',
  'summary-always': 'true',
  'save-data-file': 'true',
  'comment-on-alert': 'false',
  'fail-on-alert': 'false',
  method: 'auto',
  'max-items-in-chart': '',
};

export const METHODS = ['auto', 'compare', 'check'];

export class InputError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InputError';
  }
}

/** The format `tool` maps to, or an InputError naming what benchcore cannot read. */
export function toolFormat(tool) {
  if (Object.hasOwn(GAB_TOOLS, tool)) return GAB_TOOLS[tool];
  if (UNSUPPORTED_TOOLS.includes(tool)) {
    throw new InputError(
      `tool '${tool}': benchcore cannot read ${UNSUPPORTED_TOOLS.join(', ')} output yet. ` +
        `It reads github-action-benchmark's ${Object.keys(GAB_TOOLS).join(', ')}, and its own formats ` +
        '(auto, criterion, cargo-criterion, pytest-benchmark, hyperfine, wrk, hey, memray, heaptrack, ' +
        'google-benchmark, libtest, go, benchmark-js, tinybench, vitest, bmf, ...).',
    );
  }
  if (tool === '') throw new InputError("'tool' input must not be empty (e.g. cargo, pytest, go, or auto)");
  return tool; // a benchcore format name: the core refuses unknown ones, listing the known
}

function bool(get, name) {
  const v = get(name) || DEFAULTS[name] || 'false';
  if (v !== 'true' && v !== 'false') {
    throw new InputError(`'${name}' input must be boolean value 'true' or 'false' but got '${v}'`);
  }
  return v === 'true';
}

/** `200%` → 2 (github-action-benchmark requires the `%`); empty → null. */
export function ratio(get, name) {
  const v = get(name);
  if (!v) return null;
  if (!v.endsWith('%')) throw new InputError(`'${name}' input must end with '%' for percentage value (e.g. '200%')`);
  const n = Number(v.slice(0, -1));
  if (!Number.isFinite(n) || n < 0) throw new InputError(`'${name}' input: '${v}' is not a percentage`);
  return n / 100;
}

/** benchcore's `threshold`: `10%` or `10` (percent) → 0.1; empty → null. */
export function percent(text, name) {
  if (!text) return null;
  const n = Number(text.trim().replace(/%$/, ''));
  if (!Number.isFinite(n) || n < 0 || text.trim() === '%') {
    throw new InputError(`'${name}' input must be a percentage such as 10% (got '${text}')`);
  }
  return n / 100;
}

function json(get, name) {
  const v = get(name);
  if (!v) return {};
  let parsed;
  try {
    parsed = JSON.parse(v);
  } catch (err) {
    throw new InputError(`'${name}' input is not JSON: ${err.message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError(`'${name}' input must be a JSON object`);
  }
  return parsed;
}

/** Read and validate every input. */
export function readInputs(get) {
  const input = (name) => get(name) || DEFAULTS[name] || '';
  const tool = input('tool');
  const i = {
    name: input('name'),
    tool,
    format: toolFormat(tool),
    outputFilePath: input('output-file-path'),
    ghPagesBranch: input('gh-pages-branch'),
    dataDir: input('benchmark-data-dir-path'),
    token: get('github-token') || '',
    ref: get('ref') || '',
    autoPush: bool(get, 'auto-push'),
    skipFetch: bool(get, 'skip-fetch-gh-pages'),
    commentAlways: bool(get, 'comment-always'),
    summaryAlways: bool(get, 'summary-always'),
    saveDataFile: bool(get, 'save-data-file'),
    commentOnAlert: bool(get, 'comment-on-alert'),
    alertRatio: ratio(get, 'alert-threshold'),
    failOnAlert: bool(get, 'fail-on-alert'),
    failRatio: ratio(get, 'fail-threshold'),
    ccUsers: (get('alert-comment-cc-users') || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    externalJson: get('external-data-json-path') || '',
    maxItems: null,
    threshold: percent(get('threshold'), 'threshold'),
    thresholdsFile: get('thresholds-file') || '',
    baseBranch: get('base-branch') || '',
    method: input('method'),
    test: get('test') || '',
    compareOptions: json(get, 'compare-options'),
    checkOptions: json(get, 'check-options'),
  };
  if (!i.name) throw new InputError('Name must not be empty');
  if (!i.outputFilePath) throw new InputError("'output-file-path' input is required");
  if (!i.ghPagesBranch) throw new InputError("Branch value must not be empty for 'gh-pages-branch' input");
  if (!METHODS.includes(i.method)) {
    throw new InputError(`'method' input must be one of ${METHODS.join(', ')} but got '${i.method}'`);
  }
  const bad = i.ccUsers.find((u) => !u.startsWith('@'));
  if (bad) throw new InputError(`User name in 'alert-comment-cc-users' input must start with '@' but got '${bad}'`);
  if (i.alertRatio !== null && i.failRatio !== null && i.alertRatio > i.failRatio) {
    throw new InputError(
      `'alert-threshold' value must be smaller than 'fail-threshold' value but got ${i.alertRatio} > ${i.failRatio}`,
    );
  }
  const max = input('max-items-in-chart');
  if (max) {
    if (!/^\d+$/.test(max) || Number(max) < 1) {
      throw new InputError(`'max-items-in-chart' input value must be one or more but got ${max}`);
    }
    i.maxItems = Number(max);
  }
  return i;
}

/** Per direction, the relative change a ratio stands for (see the module comment). */
export function fromRatio(r) {
  return { 'lower-is-better': Math.max(0, r - 1), 'higher-is-better': r > 0 ? Math.max(0, 1 - 1 / r) : 0 };
}

/**
 * The alert threshold per direction, and where it came from; `null` leaves the core's
 * default (which the comparison reports in each row).
 */
export function alertThresholds(i) {
  if (i.threshold !== null) {
    return {
      by: { 'lower-is-better': i.threshold, 'higher-is-better': i.threshold },
      source: `threshold ${i.threshold * 100}%`,
    };
  }
  if (i.alertRatio !== null) {
    return { by: fromRatio(i.alertRatio), source: `alert-threshold ${Math.round(i.alertRatio * 1000) / 10}%` };
  }
  return null;
}

/** The thresholds file: the core's `[{pattern, metric?, threshold}]`, or `{pattern: threshold}`. */
export function readThresholdsFile(text, file) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new InputError(`thresholds-file ${file}: not JSON (${err.message})`);
  }
  if (Array.isArray(parsed)) return parsed;
  if (parsed !== null && typeof parsed === 'object') {
    return Object.entries(parsed).map(([pattern, threshold]) => ({ pattern, threshold }));
  }
  throw new InputError(`thresholds-file ${file}: expected [{"pattern", "threshold"}] or {"pattern": "15%"}`);
}

/**
 * CompareOptions for `candidate`: the user's compare-options, the threshold (the
 * lower-is-better one as `threshold`, the higher-is-better one as an override for each such
 * metric of the candidate), after the thresholds file's overrides (first match wins).
 */
export function compareOptionsFor(i, candidate, overrides) {
  const o = { ...i.compareOptions };
  const t = alertThresholds(i);
  const thresholds = [...overrides, ...(o.thresholds ?? [])];
  if (t) {
    o.threshold = t.by['lower-is-better'];
    if (t.by['higher-is-better'] !== t.by['lower-is-better']) {
      const higher = new Set();
      for (const b of candidate.benchmarks) {
        for (const m of b.measurements) if (m.metric.direction === 'higher-is-better') higher.add(m.metric.name);
      }
      for (const metric of higher) thresholds.push({ pattern: '*', metric, threshold: t.by['higher-is-better'] });
    }
  }
  if (thresholds.length > 0) o.thresholds = thresholds;
  return o;
}

/**
 * CheckOptions: the user's check-options, the window test, the base branch, and as
 * `min_change` the smallest threshold in effect: the smallest the comparison applied to a row
 * (the core's reading of every threshold), else the alert threshold. A change below every
 * threshold never alarms; each benchmark's own threshold is applied when verdicts are
 * combined (`report.mjs`).
 */
export function checkOptionsFor(i, baseBranch, comparison) {
  const o = { ...i.checkOptions, baseline_branch: baseBranch };
  if (i.test) o.test = i.test;
  if (o.min_change === undefined) {
    const applied = (comparison?.benchmarks ?? []).map((r) => r.threshold).filter((t) => typeof t === 'number');
    const t = alertThresholds(i);
    const given = t ? Object.values(t.by) : [];
    const all = applied.length > 0 ? applied : given;
    if (all.length > 0) o.min_change = Math.min(...all);
  }
  return o;
}
