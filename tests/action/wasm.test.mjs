// The action on the WebAssembly fallback (BENCHCORE_BACKEND=wasm: what runs where the native
// addon cannot load): a push stores the run through the fallback's historyAdd, a pull request
// loads it through historyLoad and comments; the results equal the native backend's.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  PYTEST,
  assertNoToken,
  baseInputs,
  branchFiles,
  makeRemote,
  prEvent,
  pushEvent,
  runAction,
  sha,
  startApi,
} from './helpers.mjs';

test('push and pull request end to end with BENCHCORE_BACKEND=wasm, equal to native', async () => {
  const api = await startApi();
  try {
    const results = {};
    for (const [backend, number] of [
      ['wasm', 70],
      ['native', 71],
    ]) {
      const repo = makeRemote();
      const env = { BENCHCORE_BACKEND: backend };
      const push = await runAction({
        api,
        env,
        cwd: repo.workspace(),
        event: pushEvent({ sha: sha(1) }),
        inputs: baseInputs(),
      });
      assertNoToken(assert, push);
      assert.equal(push.code, 0, push.stdout + push.stderr);
      assert.match(push.stdout, new RegExp(`benchcore [0-9.]+ \\(${backend}\\)`));
      const pr = await runAction({
        api,
        env,
        cwd: repo.workspace(),
        event: prEvent({ number, sha: sha(2) }),
        inputs: baseInputs({ 'output-file-path': `${PYTEST}/run2-slow-save-data.json`, 'comment-always': 'true' }),
      });
      assertNoToken(assert, pr);
      assert.equal(pr.code, 0, pr.stdout + pr.stderr);
      results[backend] = { push, pr, files: branchFiles(repo.remote, 'gh-pages') };
    }
    const { wasm, native } = results;
    assert.deepEqual(wasm.files, native.files, 'the same files on gh-pages');
    assert.equal(wasm.pr.outputs.regressions, '1');
    for (const key of ['regressions', 'improvements', 'inconclusive', 'run-id', 'baseline-commit', 'stored']) {
      assert.equal(wasm.pr.outputs[key], native.pr.outputs[key], key);
    }
    assert.deepEqual(wasm.pr.report.decisions, native.pr.report.decisions);
    const body = (n) => api.comments.filter((c) => c.issue === n).map((c) => c.body);
    assert.equal(body(70).length, 1);
    assert.deepEqual(body(70), body(71), 'the same comment');
  } finally {
    await api.close();
  }
});
