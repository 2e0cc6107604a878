// The action's pure parts: action.yml against github-action-benchmark's inputs and the
// defaults the code repeats, the tool and threshold mappings (checked against the core's own
// verdicts), the event context, the verdict combination, and the Markdown escaping (against
// the core's, on hostile names).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

import { eventContext } from '../../action/context.mjs';
import {
  DEFAULTS,
  alertThresholds,
  compareOptionsFor,
  fromRatio,
  readInputs,
  readThresholdsFile,
  toolFormat,
} from '../../action/inputs.mjs';
import { decide, esc, escHtml } from '../../action/report.mjs';
import { suiteDir } from '../../action/store.mjs';
import { FIXTURES, REPO_DIR, prEvent, pushEvent, sha } from './helpers.mjs';

const bc = createRequire(import.meta.url)('@benchcore/node');

/** action.yml's inputs as {name: default or undefined} (a reader for its simple layout). */
function actionYml() {
  const text = fs.readFileSync(path.join(REPO_DIR, 'action.yml'), 'utf8');
  const block = text.slice(text.indexOf('\ninputs:\n'), text.indexOf('\noutputs:\n'));
  const inputs = {};
  let current = null;
  for (const line of block.split('\n')) {
    let m;
    if ((m = line.match(/^ {2}([a-z-]+):$/))) inputs[(current = m[1])] = undefined;
    else if ((m = line.match(/^ {4}default: '(.*)'$/)) && current) inputs[current] = m[1];
  }
  return { text, inputs };
}

test("action.yml takes every github-action-benchmark input, runs on node20, and its defaults are the code's", () => {
  const { text, inputs } = actionYml();
  const gab = [
    'name',
    'tool',
    'output-file-path',
    'gh-pages-branch',
    'benchmark-data-dir-path',
    'github-token',
    'ref',
    'auto-push',
    'skip-fetch-gh-pages',
    'comment-always',
    'summary-always',
    'save-data-file',
    'comment-on-alert',
    'alert-threshold',
    'fail-on-alert',
    'fail-threshold',
    'alert-comment-cc-users',
    'external-data-json-path',
    'max-items-in-chart',
  ];
  for (const name of gab) assert.ok(name in inputs, name);
  for (const name of ['threshold', 'thresholds-file', 'base-branch', 'method', 'test']) assert.ok(name in inputs, name);
  for (const [name, value] of Object.entries(DEFAULTS)) assert.equal(inputs[name] ?? '', value, name);
  for (const [name, value] of Object.entries(inputs)) {
    if (value !== undefined && name !== 'github-token')
      assert.equal(DEFAULTS[name], value, `${name} default missing from DEFAULTS`);
  }
  assert.match(text, /^runs:\n {2}using: 'node20'\n {2}main: 'action\/index\.mjs'$/m);
  assert.ok(fs.existsSync(path.join(REPO_DIR, 'action/index.mjs')));
});

/** The `with:` keys of every step using the action (`uses: ./` or `uses: <owner>/benchcore@…`). */
function withKeys(text) {
  const out = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = line.match(/^(\s*)(- )?uses: (\.\/|<owner>\/benchcore@v1)(\s|$)/);
    if (!m) return;
    const indent = m[1].length + (m[2] ? 2 : 0);
    const keys = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].match(new RegExp(`^ {${indent}}with:`))) j++;
    for (j += 1; j < lines.length; j++) {
      const k = lines[j].match(new RegExp(`^ {${indent + 2}}([a-z-]+):`));
      if (!k) break;
      keys.push(k[1]);
    }
    out.push(keys);
  });
  return out;
}

test('the example workflow and the README use the action with its own inputs only', () => {
  const { inputs } = actionYml();
  const files = ['examples/workflows/benchmarks.yml', 'README.md', 'examples/workflows/MIGRATING.md'];
  let steps = 0;
  for (const f of files) {
    const text = fs.readFileSync(path.join(REPO_DIR, f), 'utf8').replace(/^[+-] /gm, '  ');
    for (const keys of withKeys(text)) {
      steps++;
      assert.ok(keys.length >= 3, `${f}: ${keys}`);
      for (const k of keys) assert.ok(k in inputs, `${f}: '${k}' is not an input of action.yml`);
      for (const required of ['tool', 'output-file-path']) assert.ok(keys.includes(required), `${f}: no ${required}`);
    }
  }
  assert.equal(steps, 4, 'two jobs in the workflow, one snippet each in the README and MIGRATING.md');
  const workflow = fs.readFileSync(path.join(REPO_DIR, 'examples/workflows/benchmarks.yml'), 'utf8');
  assert.match(workflow, /^ {6}- uses: \.\/$/m);
  assert.equal(workflow.match(/threshold: 10%/g).length, 2);
});

test('tools map onto formats; unreadable tools are refused by name', () => {
  assert.equal(toolFormat('cargo'), 'auto');
  assert.equal(toolFormat('pytest'), 'auto');
  assert.equal(toolFormat('customBiggerIsBetter'), 'custom-bigger-is-better');
  assert.equal(toolFormat('customSmallerIsBetter'), 'custom-smaller-is-better');
  assert.equal(toolFormat('criterion'), 'criterion', 'benchcore names pass through');
  for (const t of ['catch2', 'julia', 'jmh', 'benchmarkdotnet'])
    assert.throws(() => toolFormat(t), new RegExp(`tool '${t}'`));
  // What github-action-benchmark's tools read, benchcore detects.
  const cases = [
    ['go', 'go/run1.txt', 'go'],
    ['benchmarkjs', 'node/benchmarkjs-run1.txt', 'benchmark-js'],
    ['pytest', 'pytest-benchmark/pytest-benchmark-5.3.1/run1.json', 'pytest-benchmark'],
    ['googlecpp', 'google-benchmark/run1.json', 'google-benchmark'],
    ['cargo', 'libtest/run1.stdout.txt', 'libtest'],
    ['customSmallerIsBetter', 'github-action-benchmark/customSmallerIsBetter_output.json', 'custom-smaller-is-better'],
    ['customBiggerIsBetter', 'github-action-benchmark/customBiggerIsBetter_output.json', 'custom-bigger-is-better'],
  ];
  for (const [tool, file, format] of cases) {
    assert.equal(bc.parsePath(path.join(FIXTURES, file), { format: toolFormat(tool) }).source.format, format, tool);
  }
});

test('inputs are read with defaults and validated like github-action-benchmark', () => {
  const get = (values) => (n) => values[n] ?? '';
  const i = readInputs(get({ tool: 'cargo', 'output-file-path': 'out.txt' }));
  assert.equal(i.name, 'Benchmark');
  assert.equal(i.ghPagesBranch, 'gh-pages');
  assert.equal(i.dataDir, 'dev/bench');
  assert.equal(i.summaryAlways, true);
  assert.equal(i.saveDataFile, true);
  assert.equal(i.autoPush, false);
  assert.equal(i.method, 'auto');
  assert.equal(alertThresholds(i), null, 'neither given: the core default');
  const bad = (values, re) =>
    assert.throws(() => readInputs(get({ tool: 'cargo', 'output-file-path': 'o', ...values })), re);
  bad({ 'auto-push': 'yes' }, /'auto-push' input must be boolean/);
  bad({ 'alert-threshold': '300%', 'fail-threshold': '200%' }, /must be smaller than 'fail-threshold'/);
  bad({ 'max-items-in-chart': '0' }, /must be one or more/);
  bad({ method: 'vote' }, /'method' input must be one of auto, compare, check/);
  bad({ threshold: 'ten' }, /'threshold' input must be a percentage/);
  bad({ 'check-options': '[1]' }, /must be a JSON object/);
  assert.equal(readInputs(get({ tool: 'go', 'output-file-path': 'o', threshold: '5' })).threshold, 0.05);
  assert.equal(readInputs(get({ tool: 'go', 'output-file-path': 'o', threshold: '12.5%' })).threshold, 0.125);
});

test("alert-threshold's ratio is the same alert as github-action-benchmark's, in both directions", () => {
  assert.deepEqual(fromRatio(2), { 'lower-is-better': 1, 'higher-is-better': 0.5 });
  assert.deepEqual(fromRatio(1.5)['higher-is-better'].toFixed(4), (1 / 3).toFixed(4));
  const run = (f) => bc.parsePath(path.join(FIXTURES, 'node', f));
  const [base, cand] = [run('benchmarkjs-run1.txt'), run('benchmarkjs-run2-slow.txt')];
  for (const ratio of [1.1, 2, 3, 5]) {
    const i = { threshold: null, alertRatio: ratio, compareOptions: {} };
    const c = bc.compare(base, cand, compareOptionsFor(i, cand, []));
    for (const row of c.benchmarks) {
      if (row.metric !== 'throughput' || row.baseline === null) continue;
      // github-action-benchmark: biggerIsBetter → prev / current > ratio is an alert.
      const gab = row.baseline.value / row.candidate.value > ratio;
      assert.equal(row.threshold.toFixed(6), (1 - 1 / ratio).toFixed(6));
      if (gab) assert.equal(row.verdict, 'regressed', `${row.name} at ${ratio}: ${row.reason}`);
      else assert.notEqual(row.verdict, 'regressed', `${row.name} at ${ratio}: ${row.reason}`);
    }
  }
  // benchcore's threshold wins and applies to both directions.
  const own = compareOptionsFor({ threshold: 0.1, alertRatio: 2, compareOptions: {} }, cand, []);
  assert.deepEqual(own, { threshold: 0.1 });
  // The thresholds file comes first, then the user's compare-options overrides.
  const o = compareOptionsFor(
    { threshold: null, alertRatio: 2, compareOptions: { alpha: 0.01 } },
    cand,
    readThresholdsFile('{"Array*": "25%"}', 'f'),
  );
  assert.equal(o.alpha, 0.01);
  assert.deepEqual(o.thresholds[0], { pattern: 'Array*', threshold: '25%' });
  assert.deepEqual(readThresholdsFile('[{"pattern": "a", "metric": "time", "threshold": 0.2}]', 'f'), [
    { pattern: 'a', metric: 'time', threshold: 0.2 },
  ]);
  assert.throws(() => readThresholdsFile('"x"', 'f.json'), /thresholds-file f\.json/);
});

test('the event context: push, pull request, fork, merge queue, schedule with ref', () => {
  const env = (e) => ({ GITHUB_EVENT_NAME: e.name, GITHUB_REPOSITORY: 'octo/bench', ...e.env });
  const none = { ref: '', baseBranch: '' };
  const push = pushEvent({ sha: sha(1), branch: 'main' });
  const p = eventContext(env(push), push.payload, none);
  assert.deepEqual(
    [p.branch, p.commit, p.baseBranch, p.store, p.isPR, p.readOnly],
    ['main', sha(1), 'main', true, false, false],
  );
  const pr = prEvent({ number: 3, sha: sha(2), headRef: 'feat' });
  const q = eventContext(env(pr), pr.payload, none);
  assert.deepEqual(
    [q.branch, q.commit, q.baseBranch, q.store, q.isPR, q.prNumber, q.isFork, q.readOnly],
    ['feat', sha(2), 'main', false, true, 3, false, false],
  );
  const fork = prEvent({ sha: sha(3), headRef: 'main', fork: true });
  const f = eventContext(env(fork), fork.payload, none);
  assert.deepEqual([f.branch, f.isFork, f.readOnly], ['forker:main', true, true]);
  const target = eventContext({ ...env(fork), GITHUB_EVENT_NAME: 'pull_request_target' }, fork.payload, none);
  assert.equal(target.readOnly, false, 'pull_request_target runs with the base repository token');
  assert.equal(eventContext(env(pr), pr.payload, { ref: '', baseBranch: 'release' }).baseBranch, 'release');
  const queue = {
    merge_group: {
      head_sha: sha(4),
      head_ref: 'refs/heads/gh-readonly-queue/main/pr-1-abc',
      base_ref: 'refs/heads/main',
    },
    repository: push.payload.repository,
  };
  const m = eventContext({ GITHUB_EVENT_NAME: 'merge_group', GITHUB_REPOSITORY: 'octo/bench' }, queue, none);
  assert.deepEqual([m.commit, m.baseBranch, m.store], [sha(4), 'main', false]);
  const sched = eventContext(
    { GITHUB_EVENT_NAME: 'schedule', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha(5) },
    {},
    { ref: 'v1.0', baseBranch: '' },
    (r) => (r === 'v1.0' ? sha(6) : r),
  );
  assert.deepEqual([sched.branch, sched.commit, sched.store], ['main', sha(6), true]);
});

test('verdicts: auto takes the gate where it is conclusive, else the comparison', () => {
  const c = (name, verdict, relative_change, threshold = 0.1) => ({
    name,
    metric: 'time',
    unit: 'ns',
    direction: 'lower-is-better',
    verdict,
    relative_change,
    threshold,
    reason: `c ${verdict}`,
  });
  const g = (name, verdict, relative_change) => ({
    name,
    metric: 'time',
    unit: 'ns',
    direction: 'lower-is-better',
    relative_change,
    verdict,
    reason: `g ${verdict}`,
  });
  const comparison = {
    benchmarks: [
      c('a', 'regressed', 0.3),
      c('b', 'unchanged', 0.01),
      c('c', 'regressed', 0.2, 0.25),
      c('gone', 'removed', null),
    ],
  };
  const check = {
    benchmarks: [
      g('a', 'inconclusive', 0.3),
      g('b', 'regressed', 0.5),
      g('c', 'regressed', 0.2),
      g('d', 'added', null),
    ],
  };
  const auto = Object.fromEntries(decide('auto', comparison, check).map((d) => [d.name, d]));
  assert.deepEqual(Object.keys(auto), ['a', 'b', 'c', 'd'], 'removed benchmarks are not judged');
  assert.deepEqual([auto.a.by, auto.a.verdict], ['comparison', 'regressed']);
  assert.deepEqual([auto.b.by, auto.b.verdict], ['gate', 'regressed']);
  assert.deepEqual([auto.c.by, auto.c.verdict], ['gate', 'unchanged'], "within c's own 25% threshold");
  assert.deepEqual([auto.d.by, auto.d.verdict], ['gate', 'added']);
  assert.deepEqual(
    decide('compare', comparison, check).map((d) => d.verdict),
    ['regressed', 'unchanged', 'regressed', 'added'],
  );
  assert.deepEqual(
    decide('check', comparison, null).map((d) => d.verdict),
    ['added', 'added', 'added'],
  );
});

test("the Markdown escaping is the core's, on hostile benchmark names", () => {
  const names = [
    '<img src=x onerror=alert(1)>',
    '@octocat please',
    'a|b `c` *d* [e](javascript:x)',
    'bidi \u202eevil\u2066 \x1b[31m red\nline',
    'emoji 🚀 日本 $x$ ~~s~~',
  ];
  const file = (v) => JSON.stringify(names.map((name) => ({ name, unit: 'ns', value: v })));
  const opts = { format: 'custom-smaller-is-better' };
  const c = bc.compare(bc.parseBytes(file(100), 'a.json', opts), bc.parseBytes(file(300), 'b.json', opts), {
    single_values: 'threshold',
  });
  const md = bc.render(c, 'markdown');
  for (const name of names) assert.ok(md.includes(`| ${esc(name)} |`), `${JSON.stringify(name)} → ${esc(name)}\n${md}`);
  assert.equal(escHtml('<b>@x</b>\n'), '&lt;b&gt;&#64;&#8203;x&lt;/b&gt;\\n');
});

test('suite directory names are safe and distinct', () => {
  assert.equal(suiteDir('Benchmark'), 'Benchmark');
  assert.equal(suiteDir('Rust Benchmark'), 'Rust%20Benchmark');
  assert.equal(suiteDir('..'), '%2E%2E');
  assert.equal(suiteDir('a/b'), 'a%2Fb');
  assert.equal(suiteDir('ü 🚀'), '%C3%BC%20%F0%9F%9A%80');
  assert.notEqual(suiteDir('a b'), suiteDir('a-b'));
});
