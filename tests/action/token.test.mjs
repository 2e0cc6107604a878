// The token is sent to git as a header, never in a URL, and never printed: a fetch over HTTP
// from the 127.0.0.1 stand-in (which refuses it) must carry exactly one Authorization header,
// ours, even when the workspace has the header actions/checkout persists; the failure must
// name the problem without showing the token or its base64 form.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  TOKEN_BASIC,
  assertNoToken,
  baseInputs,
  git,
  makeRemote,
  pushEvent,
  runAction,
  sha,
  startApi,
} from './helpers.mjs';

test('git gets the token as one extra header for the server only, and failures do not show it', async () => {
  const api = await startApi();
  try {
    const repo = makeRemote();
    const ws = repo.workspace();
    git(['remote', 'set-url', 'origin', `${api.url}/octo/bench.git`], ws);
    // What actions/checkout leaves in .git/config (persist-credentials): must not be sent too.
    git(['config', `http.${api.url}/.extraheader`, 'AUTHORIZATION: basic b2xkOmNoZWNrb3V0'], ws);
    const r = await runAction({
      api,
      cwd: ws,
      event: pushEvent({ sha: sha(1) }),
      inputs: baseInputs(),
      env: { GITHUB_SERVER_URL: api.url },
    });
    assertNoToken(assert, r);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /::error::git fetch of gh-pages failed \(exit 128\): .*403/);
    const fetches = api.requests.filter((q) => q.path === '/octo/bench.git/info/refs');
    assert.ok(fetches.length >= 1);
    for (const f of fetches) {
      const auth = [];
      for (let i = 0; i < f.rawHeaders.length; i += 2)
        if (f.rawHeaders[i].toLowerCase() === 'authorization') auth.push(f.rawHeaders[i + 1]);
      assert.deepEqual(auth, [`basic ${TOKEN_BASIC}`]);
    }
    // The token is in no URL git was given or stored.
    assert.doesNotMatch(git(['config', '--list', '--show-origin'], ws), /x-access-token|ghs_/);
    // Both forms of the token were masked for the runner's log.
    assert.ok(r.stdout.split('\n').includes(`::add-mask::${TOKEN_BASIC}`));
  } finally {
    await api.close();
  }
});
