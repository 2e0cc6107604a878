// The JavaScript harness of the golden vectors (tests/vectors/README.md), shared by the WASM
// and the Node test files: it walks tests/vectors/<op>/*.json, builds each case's inputs, runs
// the op on a module, and compares with the expectation (numbers with a relative tolerance of
// 1e-9, absolute 1e-12; everything else exactly; error `code`, and `field`/`line` when the case
// names them). An op the module does not implement fails its cases.
//
// Inputs are read relative to tests/, and callers run with tests/ as the working directory
// (`process.chdir(TESTS_DIR)`), so `source.path` is the path as written in the vector, as in
// the Rust and Python harnesses. `path` inputs are read either by the module
// (`mode: 'parsePath'`, Node only) or here, into `parseBytes` / `parseFiles` (`mode: 'files'`).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TESTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = path.resolve(TESTS_DIR, '..');

const REL_TOL = 1e-9;
const ABS_TOL = 1e-12;

/** Every case, sorted, as `{ file, op, case }` with `file` relative to tests/. */
export function loadCases(testsDir = TESTS_DIR) {
  const root = path.join(testsDir, 'vectors');
  const ops = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const cases = [];
  for (const op of ops) {
    const names = fs
      .readdirSync(path.join(root, op))
      .filter((n) => n.endsWith('.json'))
      .sort();
    for (const name of names) {
      const file = `vectors/${op}/${name}`;
      cases.push({ file, op, case: JSON.parse(fs.readFileSync(path.join(testsDir, file), 'utf8')) });
    }
  }
  return cases;
}

export function numbersMatch(a, b) {
  const d = Math.abs(a - b);
  return d <= ABS_TOL || d <= REL_TOL * Math.max(Math.abs(a), Math.abs(b));
}

const kind = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** The first difference between `got` and `want` with its JSON path, or null. */
export function diff(got, want, at = 'expected') {
  const [kg, kw] = [kind(got), kind(want)];
  if (kg !== kw) return `${at}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`;
  if (kg === 'number') {
    return numbersMatch(got, want) ? null : `${at}: got ${got}, expected ${want}`;
  }
  if (kg === 'array') {
    if (got.length !== want.length) return `${at}: got ${got.length} items, expected ${want.length}`;
    for (let i = 0; i < got.length; i++) {
      const d = diff(got[i], want[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (kg === 'object') {
    for (const k of Object.keys(want)) {
      if (!Object.hasOwn(got, k)) return `${at}.${k}: missing in the result`;
    }
    for (const k of Object.keys(got)) {
      if (!Object.hasOwn(want, k)) return `${at}.${k}: not expected (got ${JSON.stringify(got[k])})`;
      const d = diff(got[k], want[k], `${at}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return got === want ? null : `${at}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`;
}

/** What is wrong with a thrown error against the case's `error`, or null. */
export function checkError(err, want) {
  if (!(err instanceof Error) || typeof err.code !== 'string') {
    return `threw something that is not a benchcore error: ${err?.stack ?? err}`;
  }
  const problems = [];
  if (err.code !== want.code) problems.push(`code: got '${err.code}', expected '${want.code}'`);
  if ('field' in want && err.field !== want.field) {
    problems.push(`field: got ${JSON.stringify(err.field)}, expected ${JSON.stringify(want.field)}`);
  }
  if ('line' in want && err.line !== want.line) {
    problems.push(`line: got ${JSON.stringify(err.line)}, expected ${JSON.stringify(want.line)}`);
  }
  return problems.length === 0 ? null : `${problems.join('; ')} (${err.message})`;
}

/** `DIR@NAME` as the core resolves it: an existing path wins, else the last `@` splits. */
export function resolveSpec(spec) {
  if (fs.existsSync(spec)) return { path: spec, baseline: null };
  const at = spec.lastIndexOf('@');
  if (at > 0 && at < spec.length - 1 && !spec.slice(at + 1).includes('/')) {
    return { path: spec.slice(0, at), baseline: spec.slice(at + 1) };
  }
  return { path: spec, baseline: null };
}

/** Every regular file under `dir` (skipping `report/`, as the core's `FsTree` does). */
export function readTree(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory() && e.name !== 'report') out.push(...readTree(dir, r));
    else if (e.isFile()) out.push({ path: r, content: fs.readFileSync(path.join(dir, r)) });
  }
  return out;
}

function missing(mod, name) {
  if (typeof mod[name] !== 'function') {
    throw new HarnessError(`this module does not implement \`${name}\``);
  }
}

/** A failure of the harness or of the module's API (not an expected benchcore error). */
export class HarnessError extends Error {}

/** Parse one *input* of the README (`path`, `text`, `hex`; `run` only where `allowRun`). */
export function parseInput(mod, input, { mode, allowRun }) {
  if ('run' in input) {
    if (!allowRun) throw new HarnessError('a `run` input is only allowed for compare, series and export');
    return input.run;
  }
  const options = input.options;
  if (typeof input.path === 'string') {
    if (mode === 'parsePath') {
      missing(mod, 'parsePath');
      return mod.parsePath(input.path, options);
    }
    const spec = resolveSpec(input.path);
    if (fs.existsSync(spec.path) && fs.statSync(spec.path).isDirectory()) {
      missing(mod, 'parseFiles');
      const opts = { ...(options ?? {}) };
      if (opts.baseline == null && spec.baseline !== null) opts.baseline = spec.baseline;
      return mod.parseFiles(readTree(spec.path), spec.path, opts);
    }
    missing(mod, 'parseBytes');
    return mod.parseBytes(fs.readFileSync(spec.path), spec.path, options);
  }
  const file = input.file ?? 'input';
  missing(mod, 'parseBytes');
  if (typeof input.text === 'string') return mod.parseBytes(input.text, file, options);
  if (typeof input.hex === 'string') {
    return mod.parseBytes(Buffer.from(input.hex.replace(/\s+/g, ''), 'hex'), file, options);
  }
  throw new HarnessError('an input needs `path`, `text`, `hex` or `run`');
}

/** The bytes of a file to import (`path`, `text` or `hex`) and its label. */
function fileInput(args) {
  if (typeof args.path === 'string') return { file: args.path, bytes: fs.readFileSync(args.path) };
  const file = args.file ?? 'input';
  if (typeof args.text === 'string') return { file, bytes: Buffer.from(args.text, 'utf8') };
  if (typeof args.hex === 'string') return { file, bytes: Buffer.from(args.hex.replace(/\s+/g, ''), 'hex') };
  throw new HarnessError('an import needs `path`, `text` or `hex`');
}

/** Run a case's op; returns the result or throws what the module threw. */
export function runOp(mod, op, args, mode) {
  switch (op) {
    case 'parse':
      return parseInput(mod, args, { mode, allowRun: false });
    case 'compare': {
      missing(mod, 'compare');
      const base = parseInput(mod, args.baseline, { mode, allowRun: true });
      const cand = parseInput(mod, args.candidate, { mode, allowRun: true });
      return mod.compare(base, cand, args.options);
    }
    case 'check': {
      missing(mod, 'check');
      const cand = parseInput(mod, args.candidate, { mode, allowRun: true });
      return mod.check(cand, args.history, args.options, args.change_points);
    }
    case 'backtest':
      missing(mod, 'backtest');
      return mod.backtest(args.series, args.options, args.change_points);
    case 'detect': {
      missing(mod, 'detect');
      if (typeof args.text === 'string') {
        missing(mod, 'parseSeries');
        const parsed = mod.parseSeries(args.text, args.file ?? 'input');
        return mod.detect(parsed.series, args.options);
      }
      return mod.detect(args.series, args.options);
    }
    case 'series': {
      missing(mod, 'series');
      const runs = args.inputs.map((i) => parseInput(mod, i, { mode, allowRun: true }));
      return mod.series(runs, args.options);
    }
    case 'export': {
      missing(mod, 'exportBundle');
      const runs = args.inputs.map((i) => ({
        added_at: i.added_at ?? '1970-01-01T00:00:00Z',
        run: parseInput(mod, i, { mode, allowRun: true }),
      }));
      return mod.exportBundle(runs, args.options);
    }
    case 'import-gab': {
      missing(mod, 'importGab');
      const { file, bytes } = fileInput(args);
      return mod.importGab(bytes, file, args.options);
    }
    default:
      throw new HarnessError(`unknown op '${op}': the JS harness (tests/js/vectors.mjs) has no case for it`);
  }
}

/** Check one case; returns null when it passes, else what went wrong. */
export function check(mod, { file, op, case: c }, { mode = 'files' } = {}) {
  const dirOp = file.split('/').at(-2);
  if (c.op !== op || dirOp !== op) return `\`op\` is '${c.op}' but the case is in ${dirOp}`;
  let got;
  try {
    got = runOp(mod, op, c.args, mode);
  } catch (err) {
    if (err instanceof HarnessError) return err.message;
    if (!c.error) return `failed with ${err?.code}: ${err?.message ?? err}`;
    return checkError(err, c.error);
  }
  if (c.error) return `succeeded, expected error ${JSON.stringify(c.error)}`;
  if (!('expected' in c)) return 'no `expected` (bless it with the Rust harness: BLESS=1)';
  return diff(got, c.expected);
}

/** Self-check of the comparison, so the harness can fail. */
export function selfCheck() {
  const problems = [];
  if (!numbersMatch(1, 1 + 1e-10)) problems.push('1 vs 1+1e-10 should match');
  if (numbersMatch(1, 1 + 1e-8)) problems.push('1 vs 1+1e-8 should differ');
  if (!numbersMatch(0, 1e-13)) problems.push('0 vs 1e-13 should match');
  if (numbersMatch(0, 1e-11)) problems.push('0 vs 1e-11 should differ');
  const d = diff({ a: [1, 'x'] }, { a: [1, 'y'] });
  if (d !== 'expected.a[1]: got "x", expected "y"') problems.push(`diff said ${d}`);
  if (diff({ a: null }, { a: 0 }) === null) problems.push('null vs 0 should differ');
  if (diff({ a: 1, b: 2 }, { a: 1 }) === null) problems.push('an extra key should differ');
  return problems;
}
