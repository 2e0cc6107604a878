// The dashboard's pure logic, free of the DOM so node:test runs it directly
// (tests/browser/model.test.mjs): naming and grouping of series, search, sorting, the view
// state <-> URL query, detection options, value formatting and commit links.

/** The view state's defaults; `stateToQuery` leaves defaults out of the URL. */
export const DEFAULTS = Object.freeze({
  q: '',
  sort: 'name', // 'name' (grouped) | 'recent' (most recent change point first)
  theme: '', // '' = the system's preference | 'light' | 'dark'
  log: false,
  zero: false,
  method: 'e-divisive', // | 'pelt'
  alpha: 0.0001, // DetectOptions.alpha (E-Divisive)
  mag: 0.04, // DetectOptions.min_magnitude
  sel: '', // selected series key (see seriesKey)
});

const METHODS = ['e-divisive', 'pelt'];
const SORTS = ['name', 'recent'];
const THEMES = ['', 'light', 'dark'];

/** A stable, readable key for a series: its name, plus the metric when it is not `time`. */
export function seriesKey(s) {
  return s.metric === 'time' ? s.name : `${s.name} [${s.metric}]`;
}

/**
 * Where a series belongs: `group` (the tool's group, else the part of the name before the
 * last `::` or the first `/`), `func` (the benchmark within the group) and `param` (a
 * criterion `/param` suffix or a pytest `[param]`), for grouped display. Names with spaces
 * are not split at `/` (`BenchmarkParse - ns/op` is a Go benchmark and its unit).
 */
export function classify(s) {
  let group = s.group ?? '';
  let rest = s.name;
  if (group && rest.startsWith(`${group}/`)) {
    rest = rest.slice(group.length + 1);
  } else if (!group) {
    const colons = rest.lastIndexOf('::');
    const slash = rest.indexOf('/');
    if (colons > 0) {
      group = rest.slice(0, colons);
      rest = rest.slice(colons + 2);
    } else if (slash > 0 && slash < rest.length - 1 && !/\s/.test(rest)) {
      group = rest.slice(0, slash);
      rest = rest.slice(slash + 1);
    }
  }
  let func = rest;
  let param = '';
  const bracket = /^(.*)\[(.*)\]$/s.exec(rest);
  if (s.group && rest !== s.name && !bracket && !rest.includes('/')) {
    // criterion `group/param`: the group is the function, the rest its parameter.
    func = s.group;
    param = rest;
  } else if (bracket) {
    [, func, param] = bracket;
  } else if (!/\s/.test(rest)) {
    const cut = rest.lastIndexOf('/');
    if (cut > 0 && cut < rest.length - 1) {
      func = rest.slice(0, cut);
      param = rest.slice(cut + 1);
    }
  }
  return { group, func, param };
}

/** Whether series `s` matches every whitespace-separated term of `query` (case-insensitive). */
export function matches(s, query) {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length) return true;
  const hay = `${s.name}\n${s.group ?? ''}\n${s.metric}\n${s.unit}`.toLowerCase();
  return terms.every((t) => hay.includes(t));
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Sorted views of `series` (each `{s, index, cls, changes}`; `changes` are its change points)
 * for the sort mode: `name` gives groups in name order, benchmarks by function then parameter
 * (numbers in numeric order); `recent` gives one group, series with the newest change point
 * first (by the run time of the change), those without change points last.
 */
export function arrange(items, sort, runs) {
  if (sort === 'recent') {
    const when = (it) => {
      const last = it.changes.at(-1);
      if (!last) return -Infinity;
      const run = runs[it.s.points[last.index]?.[0]];
      return run ? Date.parse(run.time) : -Infinity;
    };
    const sorted = [...items].sort(
      (a, b) => when(b) - when(a) || collator.compare(seriesKey(a.s), seriesKey(b.s)),
    );
    return [{ group: null, items: sorted }];
  }
  const groups = new Map();
  for (const it of items) {
    const g = it.cls.group;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(it);
  }
  return [...groups.keys()]
    .sort((a, b) => (a === '') - (b === '') || collator.compare(a, b))
    .map((group) => ({
      group,
      items: groups.get(group).sort(
        (a, b) =>
          collator.compare(a.cls.func, b.cls.func) ||
          collator.compare(a.cls.param, b.cls.param) ||
          collator.compare(a.s.metric, b.s.metric),
      ),
    }));
}

/** The view state from a URL query string (unknown or invalid values fall back to defaults). */
export function stateFromQuery(search) {
  const p = new URLSearchParams(search);
  const num = (key, lo, hi) => {
    const v = Number(p.get(key));
    return p.has(key) && Number.isFinite(v) && v > lo && v < hi ? v : DEFAULTS[key];
  };
  const oneOf = (key, allowed) => (allowed.includes(p.get(key)) ? p.get(key) : DEFAULTS[key]);
  return {
    q: p.get('q') ?? DEFAULTS.q,
    sort: oneOf('sort', SORTS),
    theme: oneOf('theme', THEMES),
    log: p.get('log') === '1',
    zero: p.get('zero') === '1',
    method: oneOf('method', METHODS),
    alpha: num('alpha', 0, 1),
    mag: p.has('mag') && Number(p.get('mag')) === 0 ? 0 : num('mag', 0, 100),
    sel: p.get('sel') ?? DEFAULTS.sel,
  };
}

/** The URL query string of a view state (defaults left out; `''` when all are defaults). */
export function stateToQuery(state) {
  const p = new URLSearchParams();
  for (const key of Object.keys(DEFAULTS)) {
    const v = state[key];
    if (v === DEFAULTS[key]) continue;
    if (typeof v === 'boolean') p.set(key, v ? '1' : '0');
    else p.set(key, String(v));
  }
  const text = p.toString();
  return text ? `?${text}` : '';
}

/** The core's DetectOptions for a view state (only what the controls change). */
export function detectOptions(state) {
  const o = { method: state.method, min_magnitude: state.mag };
  if (state.method === 'e-divisive') o.alpha = state.alpha;
  return o;
}

const SCALES = {
  ns: [
    [1e9, 's'],
    [1e6, 'ms'],
    [1e3, 'µs'],
    [1, 'ns'],
  ],
  B: [
    [2 ** 30, 'GiB'],
    [2 ** 20, 'MiB'],
    [2 ** 10, 'KiB'],
    [1, 'B'],
  ],
  'B/s': [
    [2 ** 30, 'GiB/s'],
    [2 ** 20, 'MiB/s'],
    [2 ** 10, 'KiB/s'],
    [1, 'B/s'],
  ],
};

const SI = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * A value with its unit, scaled for reading: `12.3 µs`, `1.50 MiB`, `812 req/s`, and SI
 * prefixes from 10,000 on for other units (`37.5k B/op`, `1.20M ops/s`).
 */
export function formatValue(v, unit) {
  if (v == null || !Number.isFinite(v)) return '–';
  const steps = SCALES[unit];
  if (steps) {
    const [div, name] = steps.find(([d]) => Math.abs(v) >= d) ?? steps.at(-1);
    return `${precise(v / div)} ${name}`;
  }
  const u = unit ? ` ${unit}` : '';
  const si = Math.abs(v) >= 1e4 ? SI.find(([d]) => Math.abs(v) >= d) : null;
  return si ? `${precise(v / si[0])}${si[1]}${u}` : `${precise(v)}${u}`;
}

function precise(x) {
  const a = Math.abs(x);
  if (a >= 1e4 || (a > 0 && a < 1e-3)) return x.toExponential(2);
  return x.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2);
}

/** `+12.3%` / `−4.0%` of a relative change. */
export function formatChange(r) {
  if (r == null || !Number.isFinite(r)) return '–';
  const pct = (r * 100).toFixed(Math.abs(r) < 0.1 ? 1 : 0);
  return `${r > 0 ? '+' : r < 0 ? '−' : '±'}${pct.replace('-', '')}%`;
}

/** The short form of a commit sha (as text; `''` when unknown). */
export function shortSha(sha) {
  return sha ? String(sha).slice(0, 8) : '';
}

/**
 * The link of a commit from the site's template (`https://…/{commit}`), or `null` when no
 * template is set, the sha is unknown, or the template is not http(s) (the CLI checks it;
 * the page checks again because `data/config.json` could be edited by hand).
 */
export function commitUrl(template, sha) {
  if (!template || !sha || !/^https?:\/\//i.test(template)) return null;
  return template.replaceAll('{commit}', encodeURIComponent(sha));
}

// Control, bidi and line-separator characters, as the core's `report::escape::visible` sees
// them: they could reorder what a reader sees ("Trojan Source") or hide part of a name.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/gu;
const NAMED = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with unsafe characters shown as the core shows them (`\x1b`, `\n`, `\u{202e}`). */
export function visible(text) {
  return String(text).replace(UNSAFE, (c) => {
    if (NAMED[c]) return NAMED[c];
    const n = c.codePointAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16).padStart(4, '0')}}`;
  });
}
