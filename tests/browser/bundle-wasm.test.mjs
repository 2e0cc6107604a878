// The dashboard's WASM functions (bindings-wasm/src/dashboard.rs) from the very files the
// site ships (bindings-wasm/dashboard/dist/pkg, wasm-bindgen --target web), loaded in Node:
// detectBundle equals `benchcore detect` on the same values, checkBundle judges the newest
// run of each series, BundleData answers as both, and bad bundles are typed errors naming
// the field.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, cli, cliChangePoints } from './harness.mjs';

const PKG = join(ROOT, 'bindings-wasm', 'dashboard', 'dist', 'pkg');
let wasm, text, bundle;

before(async () => {
  wasm = await import(join(PKG, 'benchcore_wasm.js'));
  wasm.initSync({ module: readFileSync(join(PKG, 'benchcore_wasm_bg.wasm')) });
  const file = join(mkdtempSync(join(tmpdir(), 'benchcore-bundle-')), 'bundle.json');
  cli(['history', 'export', '--history', 'examples/history', '--out', file, '--spread']);
  text = readFileSync(file, 'utf8');
  bundle = JSON.parse(text);
});

const thrown = (f) => {
  try {
    f();
  } catch (e) {
    return { code: e.code, field: e.field, message: e.message };
  }
  assert.fail('expected an error');
};

test('detectBundle equals benchcore detect, and names each change point’s run', () => {
  for (const options of [{}, { alpha: 0.01 }, { method: 'pelt', min_magnitude: 0.1 }]) {
    const d = wasm.detectBundle(text, options);
    const want = cliChangePoints(bundle, options);
    assert.equal(d.series.length, bundle.series.length);
    d.series.forEach((s, i) => {
      assert.equal(s.name, bundle.series[i].name);
      const got = s.change_points.map(({ commit, run_id, ...rest }) => rest);
      assert.deepEqual(got, want[i], `${s.name} ${JSON.stringify(options)}`);
      for (const c of s.change_points) {
        const run = bundle.runs[bundle.series[i].points[c.index][0]];
        assert.equal(c.run_id, run.id);
        assert.equal(c.commit ?? null, run.commit);
      }
    });
  }
  assert.deepEqual(wasm.detectBundle(bundle, {}), wasm.detectBundle(text, {}), 'object and text agree');
});

test('checkBundle: one report per newest run, newest first, every series once', () => {
  const reports = wasm.checkBundle(text, {});
  const newest = new Set(bundle.series.map((s) => s.points.at(-1)[0]));
  assert.equal(reports.length, newest.size);
  const order = reports.map((r) => bundle.runs.findIndex((x) => x.id === r.candidate.id));
  assert.deepEqual(order, [...newest].sort((a, b) => b - a));
  assert.equal(reports.reduce((n, r) => n + r.benchmarks.length, 0), bundle.series.length);
  // Change points given as data set where each baseline starts.
  const d = wasm.detectBundle(text, {});
  const refs = d.series.flatMap((s) => s.change_points.map((c) => ({ name: s.name, metric: s.metric, index: c.index })));
  assert.ok(refs.length > 0);
  const given = wasm.checkBundle(text, {}, refs);
  for (const row of given.flatMap((r) => r.benchmarks)) {
    const mine = refs.filter((r) => r.name === row.name && r.metric === row.metric).map((r) => r.index);
    assert.equal(row.last_change, mine.length ? Math.max(...mine) : null, row.name);
  }
});

test('BundleData reads once and answers as the functions do', () => {
  const data = new wasm.BundleData(text);
  for (const options of [{}, { alpha: 0.01 }, { method: 'pelt' }]) {
    assert.deepEqual(data.detect(options), wasm.detectBundle(text, options));
  }
  assert.deepEqual(data.check({}, []), wasm.checkBundle(text, {}, []));
  assert.deepEqual(data.check(), wasm.checkBundle(text));
  assert.equal(thrown(() => new wasm.BundleData('{"version":9,"runs":[],"series":[]}')).code, 'unsupported-version');
  assert.equal(thrown(() => data.detect({ window: 1 })).code, 'invalid-options');
  data.free();
});

test('bad bundles and options are typed errors', () => {
  const bad = structuredClone(bundle);
  const i = bad.series.findIndex((s) => s.points.length > 2);
  bad.series[i].points[2][0] = 999;
  assert.deepEqual(thrown(() => wasm.detectBundle(JSON.stringify(bad))).code, 'parse-error');
  assert.ok(thrown(() => wasm.checkBundle(bad)).message.includes(`series[${i}].points[2]`));
  assert.equal(thrown(() => wasm.detectBundle(text.replace('"version":1', '"version":2'))).code, 'unsupported-version');
  assert.equal(thrown(() => wasm.detectBundle('{"version":1')).code, 'parse-error');
  const opt = thrown(() => wasm.detectBundle(text, { alpha: 2 }));
  assert.deepEqual([opt.code, opt.field], ['invalid-options', 'alpha']);
  assert.equal(thrown(() => wasm.checkBundle(text, {}, [{ name: 'x', index: -1 }])).code, 'invalid-input');
});
