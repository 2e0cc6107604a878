// The GitHub Action end to end: action/index.mjs spawned with INPUT_* variables and event
// payloads, against a local bare repository (the gh-pages remote) and a 127.0.0.1 stand-in for
// the REST API (tests/action/helpers.mjs). Real tool outputs from tests/fixtures are the
// benchmark results. Every run's stdout, stderr, summary and outputs are checked for the token.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
  FIXTURES,
  PYTEST,
  TOKEN,
  assertNoToken,
  baseInputs,
  branchCommits,
  branchFiles,
  git,
  makeRemote,
  prEvent,
  pushEvent,
  runAction,
  seedBranch,
  sha,
  startApi,
} from './helpers.mjs';

const SLOW = `${PYTEST}/run2-slow-save-data.json`;
const SUITE_DIR = 'dev/bench/benchcore/Python%20Benchmark';

// The describe blocks run concurrently (they are mostly waiting for git and node); each has
// its own remote, and the one that counts API requests has its own API stand-in.
let shared;
before(async () => {
  shared = await startApi();
});
after(() => shared.close());

/** Run the action and check the universal promises: no token in any output. */
async function act(options) {
  const r = await runAction({ api: shared, ...options });
  assertNoToken(assert, r);
  return r;
}

function runFiles(remote, dir = SUITE_DIR) {
  return branchFiles(remote, 'gh-pages', `${dir}/runs`);
}

describe('end to end', { concurrency: true }, () => {
  describe('push, then pull requests', { concurrency: 1 }, () => {
    const repo = makeRemote();
    let push;
    let api;
    before(async () => {
      api = await startApi();
    });
    after(() => api.close());
    const act = async (options) => {
      const r = await runAction({ api, ...options });
      assertNoToken(assert, r);
      return r;
    };

    test('a push to main stores the run as its own file and pushes it', async () => {
      push = await act({ cwd: repo.workspace(), event: pushEvent({ sha: sha(1) }), inputs: baseInputs() });
      assert.equal(push.code, 0, push.stdout + push.stderr);
      const o = push.outputs;
      assert.equal(o.stored, 'true');
      assert.equal(o.pushed, 'true');
      assert.match(o['run-id'], /^[0-9a-f]{32}$/);
      assert.equal(o.regressions, '0');
      assert.equal(o['history-path'], `gh-pages:${SUITE_DIR}`);
      const files = branchFiles(repo.remote, 'gh-pages');
      assert.deepEqual(files.sort(), [
        `${SUITE_DIR}/history.json`,
        `${SUITE_DIR}/runs/${o['run-id'].slice(0, 2)}/${o['run-id']}.json`,
        `${SUITE_DIR}/samples/${o['run-id'].slice(0, 2)}/${o['run-id']}.json`,
      ]);
      // The summary says there was nothing to compare with, and where the run went.
      assert.match(push.summary, /nothing to compare yet/);
      assert.match(push.summary, /Stored as run <code>[0-9a-f]{12}<\/code>/);
      assert.ok(fs.readFileSync(o['report-path'], 'utf8').startsWith('<!-- benchcore-report -->'));
      assert.equal(api.writes().length, 0, 'no comment was asked for');
    });

    test('a pull request is compared with the base branch and gets one comment', async () => {
      const before = branchCommits(repo.remote, 'gh-pages');
      const r = await act({
        cwd: repo.workspace(),
        event: prEvent({ number: 7, sha: sha(2) }),
        inputs: baseInputs({ 'output-file-path': SLOW, 'comment-always': 'true' }),
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.outputs.regressions, '1');
      assert.equal(r.outputs.alert, 'true');
      assert.equal(r.outputs.stored, 'false');
      assert.equal(r.outputs['baseline-commit'], sha(1));
      assert.equal(branchCommits(repo.remote, 'gh-pages'), before, 'a pull request stores nothing');
      const posts = api.writes();
      assert.equal(posts.length, 1);
      assert.equal(posts[0].method, 'POST');
      assert.equal(posts[0].path, '/repos/octo/bench/issues/7/comments');
      assert.equal(posts[0].headers.authorization, `token ${TOKEN}`);
      const body = posts[0].body.body;
      assert.ok(body.startsWith('<!-- benchcore-report -->\n<!-- benchcore-suite: Python%20Benchmark -->\n'));
      assert.match(body, /### ❌ Python Benchmark: 1 regression/);
      assert.match(
        body,
        /\| ❌ regressed \| test\\_bench\\_shared\\\.py::test\\_sum\\_squares .*\| time \| \+23\.1% \| comparison \|/,
      );
      assert.equal(r.outputs['comment-url'], `https://github.com/octo/bench/pull/7#issuecomment-${api.comments[0].id}`);
      // The job summary carries the same report, plus the recent history.
      assert.match(r.summary, /### ❌ Python Benchmark: 1 regression/);
      assert.match(r.summary, /Recent history/);
      assert.equal(r.report.decisions.find((d) => d.verdict === 'regressed').by, 'comparison');
    });

    test('the next run of the pull request updates the same comment in place', async () => {
      const n = api.requests.length;
      const r = await act({
        cwd: repo.workspace(),
        event: prEvent({ number: 7, sha: sha(3) }),
        inputs: baseInputs({ 'comment-always': 'true' }),
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.outputs.regressions, '0');
      const mine = api.requests.slice(n).filter((q) => q.method !== 'GET');
      assert.equal(mine.length, 1);
      assert.equal(mine[0].method, 'PATCH');
      assert.equal(mine[0].path, `/repos/octo/bench/issues/comments/${api.comments[0].id}`);
      assert.equal(api.comments.filter((c) => c.issue === 7).length, 1, 'still one comment');
      assert.match(api.comments[0].body, /✅ Python Benchmark: no regressions/);
    });

    test('comment-on-alert without a regression and without an earlier comment posts nothing', async () => {
      const n = api.requests.length;
      const r = await act({
        cwd: repo.workspace(),
        event: prEvent({ number: 11, sha: sha(8) }),
        inputs: baseInputs({ 'comment-on-alert': 'true' }),
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.outputs.regressions, '0');
      assert.deepEqual(
        api.requests.slice(n).map((q) => `${q.method} ${q.path}`),
        ['GET /repos/octo/bench/issues/11/comments'],
      );
    });

    test('fail-on-alert fails the job; fail-threshold beyond the change does not', async () => {
      const inputs = baseInputs({ 'output-file-path': SLOW, 'fail-on-alert': 'true' });
      const r = await act({ cwd: repo.workspace(), event: prEvent({ number: 8, sha: sha(4) }), inputs });
      assert.equal(r.code, 1);
      assert.match(r.stdout, /::error::1 benchmark regressions: "test_bench_shared\.py::test_sum_squares"/);
      assert.equal(r.outputs.regressions, '1', 'outputs are set before failing');
      // +23% is an alert at 110% (ratio 1.1) but below a 150% fail threshold.
      const lenient = await act({
        cwd: repo.workspace(),
        event: prEvent({ number: 8, sha: sha(4) }),
        inputs: { ...inputs, 'alert-threshold': '110%', 'fail-threshold': '150%' },
      });
      assert.equal(lenient.code, 0, lenient.stdout);
      assert.equal(lenient.outputs.regressions, '1');
      // github-action-benchmark's 200% means twice as slow: +23% is no alert.
      const gab = await act({
        cwd: repo.workspace(),
        event: prEvent({ number: 8, sha: sha(4) }),
        inputs: { ...inputs, 'alert-threshold': '200%' },
      });
      assert.equal(gab.code, 0);
      assert.equal(gab.outputs.regressions, '0');
      assert.equal(gab.report.comparison.benchmarks[0].threshold, 1);
    });

    test('a pull request from a fork gets the summary only: no comment, no push, no failure', async () => {
      const n = api.requests.length;
      const before = branchCommits(repo.remote, 'gh-pages');
      const r = await act({
        cwd: repo.workspace(),
        event: prEvent({ number: 9, sha: sha(5), fork: true, headRef: 'main' }),
        inputs: baseInputs({ 'output-file-path': SLOW, 'comment-always': 'true', 'comment-on-alert': 'true' }),
      });
      assert.equal(r.code, 0, r.stdout);
      assert.equal(r.outputs.regressions, '1', 'still judged');
      assert.deepEqual(api.requests.slice(n), [], 'no API request at all');
      assert.equal(branchCommits(repo.remote, 'gh-pages'), before);
      assert.match(r.summary, /Pull request from a fork: its token cannot write/);
      assert.match(r.stdout, /pull request from a fork: no comment/);
    });

    test('a read-only token (403 from the API) is a warning, not a failure', async () => {
      const ro = await startApi({ readOnly: true });
      try {
        const r = await runAction({
          api: ro,
          cwd: repo.workspace(),
          event: prEvent({ number: 10, sha: sha(6) }),
          inputs: baseInputs({ 'output-file-path': SLOW, 'comment-on-alert': 'true' }),
        });
        assertNoToken(assert, r);
        assert.equal(r.code, 0, r.stdout);
        assert.match(r.stdout, /::warning::could not comment \(HTTP 403/);
        assert.equal(r.outputs['comment-url'], '');
      } finally {
        await ro.close();
      }
    });

    test('a push with comment-always leaves a commit comment', async () => {
      const n = api.requests.length;
      const r = await act({
        cwd: repo.workspace(),
        event: pushEvent({ sha: sha(7) }),
        inputs: baseInputs({ 'output-file-path': SLOW, 'comment-always': 'true' }),
      });
      assert.equal(r.code, 0, r.stderr);
      const writes = api.requests.slice(n).filter((q) => q.method !== 'GET');
      assert.deepEqual(
        writes.map((q) => `${q.method} ${q.path}`),
        [`POST /repos/octo/bench/commits/${sha(7)}/comments`],
      );
      assert.match(writes[0].body.body, /1 regression/);
      assert.equal(runFiles(repo.remote).length, 2);
    });
  });

  describe('history gate', { concurrency: 1 }, () => {
    test('with five base runs the gate decides, and a per-benchmark threshold is honoured', async () => {
      const repo = makeRemote();
      const ws = repo.workspace();
      for (let i = 0; i < 5; i++) {
        const r = await act({ cwd: ws, event: pushEvent({ sha: sha(100 + i) }), inputs: baseInputs() });
        assert.equal(r.code, 0, r.stderr);
      }
      assert.equal(runFiles(repo.remote).length, 5);
      const inputs = baseInputs({ 'output-file-path': SLOW, threshold: '10' });
      const r = await act({
        cwd: repo.workspace(),
        event: prEvent({ sha: sha(200) }),
        inputs: { ...inputs, 'max-items-in-chart': '3' },
      });
      // max-items-in-chart limits what the summary draws; all five runs stay in the history.
      assert.match(r.summary, /Recent history \(up to 3 runs per benchmark/);
      assert.match(r.summary, /\| time \| [▁▂▃▄▅▆▇█]{3} \|/);
      assert.equal(runFiles(repo.remote).length, 5);
      const d = r.report.decisions.find((x) => x.name.endsWith('test_sum_squares'));
      assert.equal(d.by, 'gate');
      assert.equal(d.verdict, 'regressed');
      assert.equal(r.outputs.regressions, '1');
      assert.equal(r.report.check.options.min_change, 0.1);
      // A thresholds file raising this benchmark's threshold to 30% makes the +23% unchanged.
      const file = path.join(repo.root, 'thresholds.json');
      fs.writeFileSync(file, JSON.stringify({ '*test_sum_squares': '30%' }));
      const t = await act({
        cwd: repo.workspace(),
        event: prEvent({ sha: sha(200) }),
        inputs: { ...inputs, 'thresholds-file': file },
      });
      const dt = t.report.decisions.find((x) => x.name.endsWith('test_sum_squares'));
      assert.equal(dt.verdict, 'unchanged', dt.reason);
      assert.match(dt.reason, /within this benchmark's 30\.0% threshold/);
      assert.equal(t.outputs.regressions, '0');
    });
  });

  describe('storing', { concurrency: true }, () => {
    test('two jobs pushing at the same moment both land (the loser fetches and retries)', async () => {
      const repo = makeRemote();
      // Hold every push until two have arrived, so the two really race for the branch.
      const hook = path.join(repo.remote, 'hooks', 'pre-receive');
      fs.writeFileSync(
        hook,
        '#!/bin/sh\nd=arrivals; mkdir -p "$d"; : > "$d/$$"\ni=0\nwhile [ "$(ls "$d" | wc -l)" -lt 2 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done\ncat >/dev/null\nexit 0\n',
      );
      fs.chmodSync(hook, 0o755);
      const jobs = [
        { fixture: `${PYTEST}/run1.json`, commit: sha(11) },
        { fixture: SLOW, commit: sha(12) },
      ];
      const results = await Promise.all(
        jobs.map((j) =>
          act({
            cwd: repo.workspace(),
            event: pushEvent({ sha: j.commit }),
            inputs: baseInputs({ 'output-file-path': j.fixture }),
          }),
        ),
      );
      for (const r of results) assert.equal(r.code, 0, r.stdout + r.stderr);
      const files = runFiles(repo.remote);
      for (const r of results)
        assert.ok(
          files.some((f) => f.endsWith(`${r.outputs['run-id']}.json`)),
          `${r.outputs['run-id']} missing from ${files}`,
        );
      assert.equal(files.length, 2);
      const attempts = results.map((r) => r.report.stored.attempts).sort();
      assert.deepEqual(attempts, [1, 2], 'one job was refused once and retried');
      assert.match(results.find((r) => r.report.stored.attempts === 2).stdout, /refused \(another job pushed first\)/);
    });

    test('an existing github-action-benchmark data.js is imported on first use', async () => {
      const repo = makeRemote();
      const dataJs = fs.readFileSync(path.join(FIXTURES, 'github-action-benchmark/go-inful-mdfm.data.js'));
      seedBranch(repo.remote, 'gh-pages', { 'dev/bench/data.js': dataJs, 'dev/bench/index.html': '<html></html>' });
      const inputs = {
        name: 'mdfm Go Benchmarks',
        tool: 'go',
        'output-file-path': path.join(FIXTURES, 'go/run1.txt'),
        'github-token': TOKEN,
        'auto-push': 'true',
      };
      const r = await act({ cwd: repo.workspace(), event: pushEvent({ sha: sha(21) }), inputs });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const dir = 'dev/bench/benchcore/mdfm%20Go%20Benchmarks';
      const files = runFiles(repo.remote, dir);
      const imported = Number(r.summary.match(/Imported (\d+) runs of this suite/)[1]);
      assert.ok(imported >= 10, `${imported}`);
      assert.equal(files.length, imported + 1, 'the imported runs and the new one');
      // data.js and index.html are left as they were.
      assert.deepEqual(git(['show', 'gh-pages:dev/bench/data.js'], repo.remote), dataJs.toString().trim());
      // The next run imports nothing again.
      const again = await act({
        cwd: repo.workspace(),
        event: pushEvent({ sha: sha(22) }),
        inputs: { ...inputs, 'output-file-path': path.join(FIXTURES, 'go/run2-slow.txt') },
      });
      assert.doesNotMatch(again.summary, /Imported/);
      assert.equal(runFiles(repo.remote, dir).length, imported + 2);
      assert.ok(Number(again.outputs.regressions) > 0, 'run2-slow regressed against run1');
    });

    test('with git older than 2.42 (no `worktree add --orphan`) the branch still starts', async () => {
      const repo = makeRemote();
      const real = process.env.PATH.split(path.delimiter)
        .map((d) => path.join(d, 'git'))
        .find((f) => fs.existsSync(f));
      const bin = path.join(repo.root, 'old-git');
      fs.mkdirSync(bin);
      fs.writeFileSync(
        path.join(bin, 'git'),
        `#!/bin/sh\nif [ "$1" = worktree ]; then for a in "$@"; do if [ "$a" = --orphan ]; then : > ${bin}/refused; echo "error: unknown option \\\`orphan'" >&2; exit 129; fi; done; fi\nexec ${real} "$@"\n`,
      );
      fs.chmodSync(path.join(bin, 'git'), 0o755);
      const env = { PATH: `${bin}${path.delimiter}${process.env.PATH}` };
      const r = await act({ cwd: repo.workspace(), event: pushEvent({ sha: sha(61) }), inputs: baseInputs(), env });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.ok(fs.existsSync(path.join(bin, 'refused')), 'the old git refused --orphan');
      assert.deepEqual(
        branchFiles(repo.remote, 'gh-pages').filter((f) => !f.startsWith(SUITE_DIR)),
        [],
        'only the history: nothing of main came along',
      );
      assert.equal(runFiles(repo.remote).length, 1);
    });

    test('auto-push false commits to the local gh-pages branch only', async () => {
      const repo = makeRemote();
      const ws = repo.workspace();
      const r = await act({
        cwd: ws,
        event: pushEvent({ sha: sha(31) }),
        inputs: baseInputs({ 'auto-push': 'false' }),
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.outputs.stored, 'true');
      assert.equal(r.outputs.pushed, 'false');
      assert.deepEqual(branchFiles(repo.remote, 'gh-pages'), []);
      assert.equal(branchFiles(ws, 'gh-pages', SUITE_DIR).length, 3, 'committed on the local branch for a later step');
      assert.deepEqual(
        git(['worktree', 'list', '--porcelain'], ws).match(/^worktree /gm).length,
        1,
        'the temporary worktree is gone',
      );
    });

    test('external-data-json-path keeps the history next to the file and imports it', async () => {
      const repo = makeRemote();
      const cache = path.join(repo.root, 'cache');
      fs.mkdirSync(cache);
      const json = path.join(cache, 'benchmark-data.json');
      fs.copyFileSync(path.join(FIXTURES, 'github-action-benchmark/pytest-mlrun-storey.json'), json);
      const inputs = {
        name: 'Benchmark',
        tool: 'pytest',
        'output-file-path': `${PYTEST}/run1.json`,
        'external-data-json-path': json,
      };
      // save-data-file false: judged against the imported history, nothing written.
      const dry = await act({
        cwd: repo.workspace(),
        event: pushEvent({ sha: sha(41) }),
        inputs: { ...inputs, 'save-data-file': 'false' },
      });
      assert.equal(dry.code, 0, dry.stdout + dry.stderr);
      assert.equal(dry.outputs.stored, 'false');
      assert.deepEqual(fs.readdirSync(cache), ['benchmark-data.json']);
      assert.match(dry.summary, /Imported 2 runs/);
      const r = await act({ cwd: repo.workspace(), event: pushEvent({ sha: sha(42) }), inputs });
      assert.equal(r.outputs.stored, 'true');
      const runs = fs
        .readdirSync(path.join(cache, 'benchcore-history', 'Benchmark', 'runs'), { recursive: true })
        .filter((f) => f.endsWith('.json'));
      assert.equal(runs.length, 3);
      assert.equal(branchFiles(repo.remote, 'gh-pages').length, 0, 'no branch involved');
    });
  });

  describe('inputs and errors', { concurrency: true }, () => {
    const repo = makeRemote();

    test('tools benchcore cannot read are named in a clear error', async () => {
      for (const tool of ['catch2', 'julia', 'jmh', 'benchmarkdotnet']) {
        const r = await act({
          cwd: repo.workspace(),
          event: pushEvent({ sha: sha(51) }),
          inputs: baseInputs({ tool }),
        });
        assert.equal(r.code, 1);
        assert.match(
          r.stdout,
          new RegExp(`::error::tool '${tool}': benchcore cannot read catch2, julia, jmh, benchmarkdotnet output`),
        );
      }
      const r = await act({
        cwd: repo.workspace(),
        event: pushEvent({ sha: sha(51) }),
        inputs: baseInputs({ tool: 'nunit' }),
      });
      assert.equal(r.code, 1);
      assert.match(
        r.stdout,
        /::error::invalid option `format`: unknown variant `nunit`, expected one of `auto`, `criterion`/,
      );
    });

    test('benchcore format names, criterion trees and benchmark.js text are read', async () => {
      const tree = path.join(FIXTURES, 'criterion/criterion-0.5.1/tree-after-run5/target-criterion');
      const r = await act({
        cwd: repo.workspace(),
        event: pushEvent({ sha: sha(52) }),
        inputs: baseInputs({ name: 'Rust', tool: 'criterion', 'output-file-path': tree }),
      });
      assert.equal(r.code, 0, r.stdout);
      assert.match(r.stdout, /\(criterion\) from/);
      const js = await act({
        cwd: repo.workspace(),
        event: pushEvent({ sha: sha(53) }),
        inputs: baseInputs({
          name: 'JS',
          tool: 'benchmarkjs',
          'output-file-path': path.join(FIXTURES, 'node/benchmarkjs-run1.txt'),
        }),
      });
      assert.equal(js.code, 0, js.stdout);
      assert.match(js.stdout, /\(benchmark-js\) from/);
    });

    test('a missing output file and bad inputs fail with the reason', async () => {
      const missing = await act({
        cwd: repo.workspace(),
        event: pushEvent({ sha: sha(54) }),
        inputs: baseInputs({ 'output-file-path': 'nope.json' }),
      });
      assert.equal(missing.code, 1);
      assert.match(missing.stdout, /::error::nope\.json: /);
      const bad = await act({
        cwd: repo.workspace(),
        event: pushEvent({ sha: sha(54) }),
        inputs: baseInputs({ 'alert-threshold': '150' }),
      });
      assert.match(bad.stdout, /::error::'alert-threshold' input must end with '%25'/); // `%` is escaped in commands
      const cc = await act({
        cwd: repo.workspace(),
        event: pushEvent({ sha: sha(54) }),
        inputs: baseInputs({ 'alert-comment-cc-users': 'alice' }),
      });
      assert.match(cc.stdout, /must start with '@' but got 'alice'/);
    });
  });
});
