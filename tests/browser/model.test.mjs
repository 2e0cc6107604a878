// The dashboard's pure logic (bindings-wasm/dashboard/src/model.js) under node:test, without
// a browser: grouping, search, sorting, URL state, formatting and commit links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  visible,
  DEFAULTS,
  arrange,
  classify,
  commitUrl,
  detectOptions,
  formatChange,
  formatValue,
  matches,
  seriesKey,
  stateFromQuery,
  stateToQuery,
} from '../../bindings-wasm/dashboard/src/model.js';

const s = (name, group = null, metric = 'time') => ({ name, group, metric, unit: 'ns', points: [] });

test('classify: tool groups, pytest modules and parameters, criterion parameters', () => {
  assert.deepEqual(classify(s('fib/20', 'fib')), { group: 'fib', func: 'fib', param: '20' });
  assert.deepEqual(classify(s('sort/1000 u32/random', 'sort')), { group: 'sort', func: '1000 u32/random', param: '' });
  assert.deepEqual(classify(s('tests/test_x.py::test_sum[100]')), {
    group: 'tests/test_x.py',
    func: 'test_sum',
    param: '100',
  });
  assert.deepEqual(classify(s('fs/sequential_read')), { group: 'fs', func: 'sequential_read', param: '' });
  assert.deepEqual(classify(s('alloc/vec/1024')), { group: 'alloc', func: 'vec', param: '1024' });
  // A Go benchmark with its unit, and a name ending in '/': not split.
  assert.deepEqual(classify(s('BenchmarkParse - ns/op', 'mdfm')), { group: 'mdfm', func: 'BenchmarkParse - ns/op', param: '' });
  assert.deepEqual(classify(s('read_json/')), { group: '', func: 'read_json/', param: '' });
});

test('search: every term, case-insensitive, over name, group and metric', () => {
  const x = s('Read_JSON/', 'Benchmark');
  assert.ok(matches(x, ''));
  assert.ok(matches(x, 'json'));
  assert.ok(matches(x, 'bench read'));
  assert.ok(matches(x, 'TIME'));
  assert.ok(!matches(x, 'json xml'));
});

test('arrange: groups in name order with numeric parameters; recent change first', () => {
  const runs = [0, 1, 2, 3].map((i) => ({ time: `2026-01-0${i + 1}T00:00:00.000Z` }));
  const item = (name, group, changes) => ({
    s: { ...s(name, group), points: runs.map((_, i) => [i, 1]) },
    cls: classify(s(name, group)),
    changes: changes.map((index) => ({ index })),
  });
  const items = [item('b/100', 'b', [1]), item('b/20', 'b', [3]), item('a/x', 'a', []), item('solo', null, [2])];
  const byName = arrange(items, 'name', runs);
  assert.deepEqual(
    byName.map((g) => [g.group, g.items.map((i) => i.s.name)]),
    [
      ['a', ['a/x']],
      ['b', ['b/20', 'b/100']],
      ['', ['solo']],
    ],
  );
  const recent = arrange(items, 'recent', runs);
  assert.equal(recent.length, 1);
  assert.deepEqual(
    recent[0].items.map((i) => i.s.name),
    ['b/20', 'solo', 'b/100', 'a/x'],
  );
});

test('URL state round-trips; defaults stay out; bad values fall back', () => {
  assert.equal(stateToQuery({ ...DEFAULTS }), '');
  const state = { ...DEFAULTS, q: 'read <x>', sort: 'recent', theme: 'dark', log: true, zero: true, method: 'pelt', alpha: 0.01, mag: 0, sel: 'a/b [ops]' };
  const query = stateToQuery(state);
  assert.deepEqual(stateFromQuery(query), state);
  assert.deepEqual(stateFromQuery('?sort=evil&theme=x&alpha=2&mag=-1&method=none&log=yes'), { ...DEFAULTS });
});

test('detect options follow the controls', () => {
  assert.deepEqual(detectOptions(DEFAULTS), { method: 'e-divisive', min_magnitude: 0.04, alpha: 0.0001 });
  assert.deepEqual(detectOptions({ ...DEFAULTS, method: 'pelt', mag: 0.1 }), { method: 'pelt', min_magnitude: 0.1 });
});

test('values, changes, keys and commit links', () => {
  assert.equal(formatValue(1234.5, 'ns'), '1.23 µs');
  assert.equal(formatValue(2.5e9, 'ns'), '2.50 s');
  assert.equal(formatValue(3 * 2 ** 20, 'B'), '3.00 MiB');
  assert.equal(formatValue(812, 'req/s'), '812 req/s');
  assert.equal(formatValue(37496, 'B/op'), '37.5k B/op');
  assert.equal(formatValue(1.2e6, 'ops/s'), '1.20M ops/s');
  assert.equal(formatValue(3 * 2 ** 30, 'B/s'), '3.00 GiB/s');
  assert.equal(formatValue(2e-5, ''), '2.00e-5');
  assert.equal(formatValue(null, 'ns'), '–');
  assert.equal(formatChange(0.1234), '+12%');
  assert.equal(formatChange(-0.04), '−4.0%');
  assert.equal(seriesKey(s('a')), 'a');
  assert.equal(seriesKey(s('a', null, 'throughput')), 'a [throughput]');
  assert.equal(commitUrl('https://github.com/o/r/commit/{commit}', 'abc'), 'https://github.com/o/r/commit/abc');
  assert.equal(commitUrl('https://x/{commit}', 'a"b<c>'), 'https://x/a%22b%3Cc%3E');
  assert.equal(commitUrl('javascript:alert(1)//{commit}', 'abc'), null);
  assert.equal(commitUrl(null, 'abc'), null);
  assert.equal(commitUrl('https://x/{commit}', null), null);
});

test('visible shows control, bidi and separator characters as the core does', () => {
  assert.equal(visible('a\u001b[2Jb'), 'a\\x1b[2Jb');
  assert.equal(visible('\u202eevil\u2066'), '\\u{202e}evil\\u{2066}');
  assert.equal(visible('two\nlines\r\t'), 'two\\nlines\\r\\t');
  assert.equal(visible('x\u0085y\u2028z'), 'x\\x85y\\u{2028}z');
  // Ordinary text, markup characters and non-Latin scripts are kept as they are.
  const plain = 'fib/20 <b>@octocat</b> [x](javascript:y) 日本語 ünïcode';
  assert.equal(visible(plain), plain);
  assert.equal(visible(42), '42');
});
