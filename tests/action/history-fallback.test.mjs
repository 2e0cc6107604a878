// The WASM fallback's history store (bindings-node/fallback.js around historyEncode and
// historyLoadFiles) against the native addon: the same files written, the same runs and
// errors loaded, each reading what the other wrote; and renderCheck in both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { FIXTURES } from './helpers.mjs';

const require = createRequire(import.meta.url);
const native = require('../../bindings-node');
const wasm = require('../../bindings-node/fallback.js');

const PYTEST = path.join(FIXTURES, 'pytest-benchmark/pytest-benchmark-5.3.1');
const AT = '2026-03-01T12:00:00.000Z';

function tmp() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'benchcore-history-'));
}

/** Every file under `dir`: relative path → content. */
function tree(dir) {
  const out = {};
  for (const rel of fs.readdirSync(dir, { recursive: true })) {
    const abs = path.join(dir, rel);
    if (fs.statSync(abs).isFile()) out[rel.split(path.sep).join('/')] = fs.readFileSync(abs, 'utf8');
  }
  return out;
}

function runs() {
  return [
    native.parsePath(`${PYTEST}/run2-slow-save-data.json`, { branch: 'main', commit: 'aaa111' }),
    native.parsePath(path.join(FIXTURES, 'go/run1.txt'), { branch: 'main', commit: 'bbb222' }),
    native.parsePath(`${PYTEST}/run1.json`, { branch: 'pr-7', commit: 'ccc333' }),
  ];
}

function thrown(f) {
  try {
    f();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

function sameError(a, b) {
  for (const key of ['name', 'code', 'message', 'file', 'line', 'field']) assert.equal(a[key], b[key], key);
}

test('the fallback loads the WASM build and has the history functions', () => {
  assert.equal(native.backend, 'native', `fell back: ${native.nativeLoadError}`);
  assert.equal(wasm.backend, 'wasm');
  for (const f of ['historyAdd', 'historyLoad', 'renderCheck']) {
    assert.equal(typeof native[f], 'function', f);
    assert.equal(typeof wasm[f], 'function', f);
  }
});

test('historyAdd writes the same files natively and in the fallback', () => {
  const [a, b] = [tmp(), tmp()];
  for (const run of runs()) {
    const n = native.historyAdd(a, run, AT);
    const w = wasm.historyAdd(b, run, AT);
    assert.deepEqual({ ...w, path: path.relative(b, w.path) }, { ...n, path: path.relative(a, n.path) });
    assert.equal(n.status, 'added');
    assert.match(n.path, new RegExp(`runs/${run.id.slice(0, 2)}/${run.id}\\.json$`));
  }
  assert.deepEqual(tree(b), tree(a));
  assert.equal(Object.keys(tree(a)).filter((f) => f.startsWith('samples/')).length, 3, 'a sidecar per run');
  // Adding again is a no-op; a lost sidecar is restored from the same run.
  const [run] = runs();
  for (const [mod, dir] of [
    [native, a],
    [wasm, b],
  ]) {
    fs.rmSync(path.join(dir, 'samples', run.id.slice(0, 2), `${run.id}.json`));
    assert.equal(mod.historyAdd(dir, run, '2027-01-01T00:00:00Z').status, 'already-present');
  }
  assert.deepEqual(tree(b), tree(a));
  // No temporary file is left behind.
  assert.ok(Object.keys(tree(b)).every((f) => !f.endsWith('.tmp')));
});

test('historyAdd refuses the same things in both, with the same errors', () => {
  const dir = tmp();
  const [run] = runs();
  const edited = { ...run, commit: 'edited after parse' };
  sameError(
    thrown(() => wasm.historyAdd(dir, edited, AT)),
    thrown(() => native.historyAdd(dir, edited, AT)),
  );
  sameError(
    thrown(() => wasm.historyAdd(dir, run, 'soon')),
    thrown(() => native.historyAdd(dir, run, 'soon')),
  );
  sameError(
    thrown(() => wasm.historyAdd(42, run, AT)),
    thrown(() => native.historyAdd(42, run, AT)),
  );
  fs.writeFileSync(path.join(dir, 'history.json'), '{"version": 9}');
  const e = thrown(() => wasm.historyAdd(dir, run, AT));
  sameError(
    e,
    thrown(() => native.historyAdd(dir, run, AT)),
  );
  assert.equal(e.code, 'unsupported-version');
  assert.deepEqual(Object.keys(tree(dir)), ['history.json'], 'nothing written');
  // Without addedAt both stamp the current time, in the same format.
  const d2 = tmp();
  wasm.historyAdd(d2, run);
  const [stamped] = native.historyLoad(d2).runs;
  assert.match(stamped.added_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test('historyLoad loads the same runs and errors from a damaged history', () => {
  const dir = tmp();
  const [slow, go, pr] = runs();
  for (const [i, run] of [slow, go, pr].entries()) wasm.historyAdd(dir, run, `2026-01-0${i + 1}T00:00:00Z`);
  const broken = native.parsePath(`${PYTEST}/run1.json`, { branch: 'main', commit: 'ddd444' });
  native.historyAdd(dir, broken, AT);
  fs.writeFileSync(path.join(dir, 'runs', broken.id.slice(0, 2), `${broken.id}.json`), '{"version":1,');
  fs.writeFileSync(path.join(dir, 'runs', slow.id.slice(0, 2), 'notes.json'), '{}');
  fs.writeFileSync(path.join(dir, 'runs', slow.id.slice(0, 2), '.x.json.1.2.tmp'), '');
  fs.writeFileSync(path.join(dir, 'runs', 'README'), 'stray');
  fs.mkdirSync(path.join(dir, 'runs', go.id.slice(0, 2), 'nested'));
  fs.rmSync(path.join(dir, 'samples', slow.id.slice(0, 2), `${slow.id}.json`));
  for (const options of [
    undefined,
    { branch: 'main', samples: true },
    { samples: true, since: '2026-01-02T00:00:00Z' },
  ]) {
    const n = native.historyLoad(dir, options);
    const w = wasm.historyLoad(dir, options);
    assert.deepEqual(w.runs, n.runs, JSON.stringify(options));
    assert.equal(w.errors.length, n.errors.length);
    for (const [x, y] of w.errors.map((e, i) => [e, n.errors[i]])) {
      assert.deepEqual([x.code, x.file, x.field], [y.code, y.file, y.field]);
      if (x.code !== 'io-error') assert.equal(x.message, y.message); // a lost sidecar: OS wording
    }
  }
  assert.equal(native.historyLoad(dir, { samples: true }).errors.length, 5, 'stray, README, nested, broken, sidecar');
  assert.ok(
    native
      .historyLoad(dir, { branch: 'main', samples: true })
      .runs.some((r) => r.run.benchmarks[0].measurements[0].samples.length > 0),
  );
  sameError(
    thrown(() => wasm.historyLoad(dir, { strict: true })),
    thrown(() => native.historyLoad(dir, { strict: true })),
  );
});

test('historyLoad: the same errors for a missing directory, a file, a newer layout, bad options', () => {
  const dir = tmp();
  const missing = path.join(dir, 'nope');
  const e = thrown(() => wasm.historyLoad(missing));
  assert.equal(e.code, 'not-found');
  sameError(
    e,
    thrown(() => native.historyLoad(missing)),
  );
  const file = path.join(dir, 'file');
  fs.writeFileSync(file, '');
  sameError(
    thrown(() => wasm.historyLoad(file)),
    thrown(() => native.historyLoad(file)),
  );
  sameError(
    thrown(() => wasm.historyLoad(dir, { brnach: 'main' })),
    thrown(() => native.historyLoad(dir, { brnach: 'main' })),
  );
  fs.writeFileSync(path.join(dir, 'history.json'), '{"version": 2}');
  sameError(
    thrown(() => wasm.historyLoad(dir)),
    thrown(() => native.historyLoad(dir)),
  );
  fs.writeFileSync(path.join(dir, 'history.json'), 'not json');
  const damaged = wasm.historyLoad(dir);
  assert.deepEqual(damaged, native.historyLoad(dir));
  assert.equal(damaged.errors[0].code, 'parse-error');
});

test('renderCheck gives the same text in both, and refuses unknown formats', () => {
  const [slow, go] = runs();
  const history = native.series([go, slow]);
  const report = native.check(slow, history, { min_sample_size: 2, window: 5 });
  for (const format of ['table', 'markdown', 'json']) {
    assert.equal(wasm.renderCheck(report, format), native.renderCheck(report, format), format);
  }
  assert.ok(native.renderCheck(report, 'markdown').startsWith('<!-- benchcore-report -->'));
  sameError(
    thrown(() => wasm.renderCheck(report, 'html')),
    thrown(() => native.renderCheck(report, 'html')),
  );
});
