// Tests every JavaScript surface must pass, defined once and run against each module (the WASM
// module, the native addon, the Node package's WASM fallback):
//   * the golden vectors (vectors.mjs);
//   * results equal `JSON.parse` of the CLI's `--format json` (target/debug/benchcore), and the
//     rendered texts equal the CLI's;
//   * every error code the surface can produce surfaces as `.code`, with `.file`/`.line`/`.field`;
//   * values cross the boundary exactly: large integers stay numbers, big floats are not
//     clamped, NaN/cycles/BigInts are refused with a code instead of corrupting or crashing.
// Callers `process.chdir(TESTS_DIR)` first, as the Rust and Python harnesses run in tests/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { REPO_DIR, check, diff, loadCases, readTree, selfCheck } from './vectors.mjs';

/** The CLI built by `cargo build` (in `CARGO_TARGET_DIR` when set, as scripts/test-js.sh does). */
export const CLI = path.join(path.resolve(REPO_DIR, process.env.CARGO_TARGET_DIR ?? 'target'), 'debug', 'benchcore');

const PYTEST_1 = 'fixtures/pytest-benchmark/pytest-benchmark-5.3.1/run1.json';
const PYTEST_2 = 'fixtures/pytest-benchmark/pytest-benchmark-5.3.1/run2-slow-save-data.json';
const CRITERION = 'fixtures/criterion/criterion-0.5.1/tree-after-run5/target-criterion';

const cliRuns = new Map();

/** The CLI's stdout for `args`, run in tests/ like the modules (memoized per process). */
export function cli(...args) {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`cargo build -p benchcore-cli\``);
  const key = args.join('\0');
  if (!cliRuns.has(key)) {
    cliRuns.set(key, execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 64 << 20 }));
  }
  return cliRuns.get(key);
}

/** The thrown value of `f`, which must throw. */
export function thrown(f) {
  try {
    f();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

/** Assert `err` is a benchcore error with `code` and the given fields. */
export function assertError(err, code, fields = {}) {
  assert.ok(err instanceof Error, `not an Error: ${err}`);
  assert.equal(err.code, code, err.message);
  for (const key of ['file', 'line', 'field']) {
    assert.ok(key in err, `.${key} is missing on ${err.name}: ${err.message}`);
    if (key in fields) assert.deepEqual(err[key], fields[key], `.${key} of ${err.message}`);
  }
  assert.equal(typeof err.message, 'string');
  assert.ok(err.message.length > 0);
}

/** Every case, and a few checks of the harness itself. */
export function vectorTests(mod, { mode }) {
  test('the harness compares strictly enough to fail', () => {
    assert.deepEqual(selfCheck(), []);
  });
  const cases = loadCases();
  test('vectors exist for parse and compare', () => {
    const ops = new Set(cases.map((c) => c.op));
    assert.ok(ops.has('parse') && ops.has('compare'), [...ops].join(', '));
    assert.ok(cases.length >= 50, `only ${cases.length} vectors`);
  });
  for (const c of cases) {
    test(c.file, () => {
      const problem = check(mod, c, { mode });
      assert.equal(problem, null, `${c.file}: ${problem}`);
    });
  }
  test('an op the module lacks fails its cases', () => {
    const parse = cases.find((c) => c.op === 'parse' && !c.case.error);
    const comp = cases.find((c) => c.op === 'compare' && !c.case.error);
    assert.match(check({}, parse, { mode }), /does not implement/);
    assert.match(check({ ...mod, compare: undefined }, comp, { mode }), /does not implement `compare`/);
    const future = { ...parse, op: 'detect_changepoints', file: 'vectors/detect_changepoints/x.json' };
    future.case = { ...parse.case, op: 'detect_changepoints' };
    assert.match(check(mod, future, { mode }), /unknown op 'detect_changepoints'/);
  });
}

/** Parse a vector-style path input the way this surface can. */
function parseSpec(mod, spec, options, hasFs) {
  if (hasFs) return mod.parsePath(spec, options);
  const at = spec.lastIndexOf('@');
  const [dir, baseline] = fs.existsSync(spec) || at < 0 ? [spec, null] : [spec.slice(0, at), spec.slice(at + 1)];
  if (fs.statSync(dir).isDirectory()) {
    return mod.parseFiles(readTree(dir), dir, baseline ? { ...options, baseline } : options);
  }
  return mod.parseBytes(fs.readFileSync(dir), dir, options);
}

/** Results and texts equal the CLI's. `exact`: bit-equal numbers, else the vectors' tolerance. */
export function cliTests(mod, { hasFs, exact }) {
  // Exact: equal values and the same key order (JSON.stringify of both is the same text).
  const same = (got, want, what) => {
    if (!exact) return assert.equal(diff(got, want), null, what);
    assert.deepStrictEqual(got, want, what);
    assert.equal(JSON.stringify(got), JSON.stringify(want), `${what}: key order`);
  };
  const parseCases = loadCases().filter(
    (c) => c.op === 'parse' && !c.case.error && typeof c.case.args.path === 'string' && !c.case.args.options,
  );
  test(`parse equals JSON.parse of \`benchcore parse\` (${parseCases.length} fixtures)`, () => {
    assert.ok(parseCases.length >= 20);
    for (const c of parseCases) {
      const spec = c.case.args.path;
      same(parseSpec(mod, spec, undefined, hasFs), JSON.parse(cli('parse', spec)), spec);
    }
  });
  const compareCases = loadCases().filter(
    (c) =>
      c.op === 'compare' &&
      !c.case.error &&
      typeof c.case.args.baseline.path === 'string' &&
      typeof c.case.args.candidate.path === 'string' &&
      !c.case.args.baseline.options &&
      !c.case.args.candidate.options,
  );
  test(`compare equals JSON.parse of \`benchcore compare --format json\` (${compareCases.length} pairs)`, () => {
    assert.ok(compareCases.length >= 5);
    for (const c of compareCases) {
      const { baseline, candidate, options } = c.case.args;
      // The CLI's `--threshold` flag has a default (10%) that overrides a `threshold` given in
      // `--options`, so the threshold goes in the flag.
      const { threshold, ...rest } = options ?? {};
      const flags = [
        ...(threshold === undefined ? [] : ['--threshold', String(threshold)]),
        ...(Object.keys(rest).length ? ['--options', JSON.stringify(rest)] : []),
      ];
      const want = JSON.parse(cli('compare', baseline.path, candidate.path, ...flags, '--format', 'json'));
      const got = mod.compare(
        parseSpec(mod, baseline.path, undefined, hasFs),
        parseSpec(mod, candidate.path, undefined, hasFs),
        options,
      );
      same(got, want, c.file);
    }
  });
  test('render gives the CLI texts (json, markdown, table)', () => {
    const c = mod.compare(parseSpec(mod, PYTEST_1, undefined, hasFs), parseSpec(mod, PYTEST_2, undefined, hasFs));
    const flags = (format) => ['compare', PYTEST_1, PYTEST_2, '--format', format, '--color', 'never'];
    assert.equal(`${mod.render(c, 'json')}\n`, cli(...flags('json')));
    // Same keys in the same order (serde_json writes 0.0 where JSON.stringify writes 0).
    assert.equal(JSON.stringify(c), JSON.stringify(JSON.parse(mod.render(c, 'json'))));
    assert.equal(mod.render(c, 'markdown').trimEnd(), cli(...flags('markdown')).trimEnd());
    assert.equal(mod.render(c, 'table').trimEnd(), cli(...flags('table')).trimEnd());
    assert.match(mod.render(c, 'markdown'), /^<!-- benchcore-report -->/);
    const quiet = mod.render(c, 'table', { show_unchanged: false });
    assert.ok(quiet.length <= mod.render(c, 'table').length);
  });
  test('criterion DIR@NAME through the module equals the CLI', () => {
    for (const name of ['main', 'pr', 'new', 'base']) {
      const spec = `${CRITERION}@${name}`;
      const run = parseSpec(mod, spec, undefined, hasFs);
      assert.equal(run.source.path, CRITERION);
      assert.equal(run.source.baseline, name);
      same(run, JSON.parse(cli('parse', spec)), spec);
    }
  });
}

/** A small, valid `Run` object built by hand (the synthetic vectors' shape). */
function smallRun(samples = [100, 101, 99, 100.5, 100.2, 99.8, 100.1, 100.3]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return {
    version: 1,
    id: 'hand-made',
    time: null,
    commit: null,
    branch: null,
    source: { format: 'synthetic', tool_version: null, path: null, baseline: null },
    environment: { machine: null, cpu: null, cpu_count: null, arch: null, os: null, runtime: null, extra: {} },
    benchmarks: [
      {
        name: 'x',
        group: null,
        params: {},
        extra: {},
        measurements: [
          {
            metric: { name: 'time', unit: 'ns', kind: 'time', direction: 'lower-is-better' },
            summary: {
              n: samples.length,
              mean: samples.reduce((a, b) => a + b, 0) / samples.length,
              median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
              stddev: null,
              min: sorted[0],
              max: sorted.at(-1),
              q1: null,
              q3: null,
            },
            samples,
          },
        ],
      },
    ],
  };
}

/** One bad input per error code the surface can produce; returns nothing, asserts coverage. */
export function errorTests(mod, { hasFs }) {
  const seen = new Set();
  const expect = (code, f, fields) => {
    assertError(thrown(f), code, fields);
    seen.add(code);
  };
  const pytest = () => fs.readFileSync(PYTEST_1);

  test('parse-error names the file and the line', () => {
    expect('parse-error', () => mod.parseBytes(Buffer.from('7b0a22ff227d0a', 'hex'), 'bad.json'), {
      file: 'bad.json',
      line: 2,
      field: null,
    });
    expect('parse-error', () => mod.parseBytes('{"benchmarks": [', 'cut.json', { format: 'pytest-benchmark' }), {
      file: 'cut.json',
    });
    const err = thrown(() => mod.parseBytes('', 'empty.json'));
    assert.equal(err.name, 'ParseError');
  });
  test('unknown-format lists what was tried', () => {
    expect('unknown-format', () => mod.parseBytes('hello\n', 'notes.txt'), { file: 'notes.txt', line: null, field: null });
    assert.match(thrown(() => mod.parseBytes('hello\n', 'notes.txt')).message, /pytest-benchmark/);
  });
  test('unsupported-version for a newer run', () => {
    const run = smallRun();
    expect('unsupported-version', () => mod.compare({ ...run, version: 99 }, run), { file: 'baseline' });
    expect('parse-error', () => mod.compare(run, { ...run, version: undefined }), { file: 'candidate', field: 'version' });
  });
  test('invalid-options names the key', () => {
    const run = smallRun();
    expect('invalid-options', () => mod.compare(run, run, { treshold: 0.1 }), { field: 'treshold' });
    expect('invalid-options', () => mod.compare(run, run, { alpha: 2 }), { field: 'alpha' });
    expect('invalid-options', () => mod.compare(run, run, { threshold: 'ten' }), { field: 'threshold' });
    expect('invalid-options', () => mod.compare(run, run, { thresholds: [{ pattern: 'a', treshold: 1 }] }), {
      field: 'thresholds[0].treshold',
    });
    expect('invalid-options', () => mod.compare(run, run, { alpha: NaN }), { field: 'alpha' });
    expect('invalid-options', () => mod.compare(run, run, 'fast'), { field: 'options' });
    expect('invalid-options', () => mod.parseBytes(pytest(), 'p.json', { format: 'nope' }), { field: 'format' });
    expect('invalid-options', () => mod.parseBytes(pytest(), 'p.json', { max_input_bytes: 0 }), {
      field: 'max_input_bytes',
    });
    expect('invalid-options', () => mod.render(mod.compare(run, run), 'html'), { field: 'format' });
    expect('invalid-options', () => mod.render(mod.compare(run, run), 'table', { colour: true }), { field: 'colour' });
  });
  test('invalid-input names the argument', () => {
    const run = smallRun();
    expect('invalid-input', () => mod.parseBytes(42, 'x.json'), { field: 'bytes' });
    expect('invalid-input', () => mod.parseBytes('{}', 7), { field: 'file' });
    expect('invalid-input', () => mod.parseFiles('nope', 'root'), { field: 'files' });
    expect('invalid-input', () => mod.parseFiles([{ path: 'a', content: 5 }], 'root'), { field: 'files[0].content' });
    expect('invalid-input', () => mod.parseFiles([{ content: '' }], 'root'), { field: 'files[0].path' });
    expect('invalid-input', () => mod.render({ version: 1 }, 'json'), { field: 'comparison' });
    const c = mod.compare(run, run);
    expect('invalid-input', () => mod.render({ ...c, summary: { ...c.summary, total: 'x' } }, 'json'), {
      field: 'comparison.summary.total',
    });
    expect('invalid-input', () => mod.parseBytes(pytest(), 'p.json', { format: 'criterion' }), { field: 'format' });
    expect('invalid-input', () => mod.render(c, 3), { field: 'format' });
  });
  test('limit-exceeded for input above max_input_bytes', () => {
    expect('limit-exceeded', () => mod.parseBytes('x'.repeat(100), 'big.txt', { max_input_bytes: 10 }), {
      file: 'big.txt',
    });
    // Files inside a directory given as {path, content} objects are bounded too.
    const err = thrown(() => mod.parseFiles(readTree(CRITERION), CRITERION, { max_input_bytes: 100 }));
    assertError(err, 'limit-exceeded');
    assert.ok(err.file.startsWith(`${CRITERION}/`), err.file);
  });
  test('not-found for a missing criterion baseline', () => {
    expect('not-found', () => mod.parseFiles(readTree(CRITERION), CRITERION, { baseline: 'nope' }));
    assert.match(thrown(() => mod.parseFiles(readTree(CRITERION), CRITERION, { baseline: 'nope' })).message, /main/);
  });
  if (hasFs) {
    test('io-error for a path that does not exist', () => {
      expect('io-error', () => mod.parsePath('no/such/results.json'), { file: 'no/such/results.json' });
      expect('not-found', () => mod.parsePath(`${CRITERION}@nope`));
      expect('invalid-input', () => mod.parsePath(`${PYTEST_1}@main`), { field: 'path' });
      expect('invalid-input', () => mod.parsePath(5), { field: 'path' });
    });
  }
  test('every code the core can throw was produced (io-error only where there is a file system)', () => {
    const codes = mod.errorCodes();
    assert.deepEqual([...codes].sort(), [...codes].sort().filter((c, i, a) => a.indexOf(c) === i));
    const want = codes.filter((c) => hasFs || c !== 'io-error');
    assert.deepEqual([...seen].sort(), [...want].sort());
  });
  test('error names follow the variants, and a failed call leaves the module usable', () => {
    assert.equal(thrown(() => mod.parseBytes(42, 'x')).name, 'InvalidInputError');
    assert.equal(thrown(() => mod.compare({}, {})).name, 'ParseError');
    for (let i = 0; i < 50; i++) thrown(() => mod.parseBytes('hello\n', 'n.txt'));
    assert.equal(mod.parseBytes(pytest(), 'p.json').benchmarks.length > 0, true);
  });
}

/** Values cross the boundary exactly and plainly. */
export function valueTests(mod) {
  test('results are plain JSON data', () => {
    const run = mod.parseBytes(fs.readFileSync(PYTEST_1), 'p.json');
    assert.equal(Object.getPrototypeOf(run), Object.prototype);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(run)), run);
    assert.equal(run.source.path, 'p.json');
    assert.equal(run.commit, null);
    assert.equal(mod.version(), JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'bindings-node', 'package.json'))).version);
  });
  test('a seed above 2^32 comes back as a number, not a BigInt', () => {
    const run = smallRun();
    for (const seed of [2 ** 40, Date.now(), 2 ** 53]) {
      const c = mod.compare(run, run, { seed });
      assert.equal(typeof c.options.seed, 'number');
      assert.equal(c.options.seed, seed);
      JSON.stringify(c);
    }
  });
  test('large and fractional values are exact both ways', () => {
    // napi's own serde reads integral numbers with `as i64` (1e20 would become 9.2e18).
    const big = [3e20, 1.0000000000000002e20, 2 ** 70, 2e20, 1.5e20, 1e20, 2 ** 67, 4e20];
    const small = [0.1 + 0.2, 1.5, 2.25, 1e-300, 7, 3, 2 ** -30, 5];
    const c = mod.compare(smallRun(small), smallRun(big));
    const row = c.benchmarks[0];
    assert.equal(row.candidate.best, 1e20);
    assert.equal(row.baseline.best, 1e-300);
    assert.ok(row.candidate.value > 1e20, `median ${row.candidate.value} was clamped`);
    const c2 = mod.compare(smallRun([0.1 + 0.2, 0.7, 0.9]), smallRun([2 ** 53 + 2, 2 ** 60, 2 ** 64]));
    assert.equal(c2.benchmarks[0].baseline.best, 0.1 + 0.2);
    assert.equal(c2.benchmarks[0].candidate.best, 2 ** 53 + 2);
  });
  test('undefined option keys take the defaults; null and missing options too', () => {
    const run = smallRun();
    const base = mod.compare(run, run);
    assert.deepStrictEqual(mod.compare(run, run, { threshold: undefined }), base);
    assert.deepStrictEqual(mod.compare(run, run, null), base);
    assert.deepStrictEqual(mod.compare(run, run, {}), base);
    assert.equal(mod.compare(run, run, { threshold: '5%' }).options.threshold, 0.05);
  });
  test('a bad Run is a parse-error naming the argument and the path (NaN, cycles, BigInts, types)', () => {
    const run = smallRun();
    const withSample = (v) => {
      const r = structuredClone(run);
      r.benchmarks[0].measurements[0].samples[0] = v;
      return r;
    };
    const at = 'benchmarks[0].measurements[0].samples[0]';
    assertError(thrown(() => mod.compare(run, withSample(NaN))), 'parse-error', { file: 'candidate', field: at });
    assertError(thrown(() => mod.compare(withSample(10n), run)), 'parse-error', { file: 'baseline', field: at });
    assertError(thrown(() => mod.compare(withSample(() => 1), run)), 'parse-error', { file: 'baseline', field: at });
    assertError(thrown(() => mod.compare(withSample(-1), run)), 'parse-error', { file: 'baseline', field: at });
    assertError(thrown(() => mod.compare(withSample('1'), run)), 'parse-error', { file: 'baseline', field: at });
    assertError(thrown(() => mod.compare(run, 5)), 'parse-error', { file: 'candidate', field: null });
    assertError(thrown(() => mod.compare(run, { ...run, version: 'one' })), 'parse-error', { field: 'version' });
    const cyclic = structuredClone(run);
    cyclic.benchmarks[0].extra.self = cyclic;
    const err = thrown(() => mod.compare(cyclic, run));
    assertError(err, 'parse-error', { file: 'baseline' });
    assert.match(err.message, /deeper than 128/);
    assert.ok(err.field.startsWith('benchmarks[0].extra.self.benchmarks[0].extra.self'), err.field);
  });

  test('content may be a string, a Buffer, a Uint8Array or an ArrayBuffer', () => {
    const buf = fs.readFileSync(PYTEST_1);
    const want = mod.parseBytes(buf, 'p.json');
    const u8 = new Uint8Array(buf);
    assert.deepStrictEqual(mod.parseBytes(buf.toString('utf8'), 'p.json'), want);
    assert.deepStrictEqual(mod.parseBytes(u8, 'p.json'), want);
    assert.deepStrictEqual(mod.parseBytes(u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength), 'p.json'), want);
    assert.deepStrictEqual(mod.parseBytes(buf.subarray(0), 'p.json'), want);
    assertError(thrown(() => mod.parseBytes(new Float64Array(4), 'p.json')), 'invalid-input', { field: 'bytes' });
  });
}
