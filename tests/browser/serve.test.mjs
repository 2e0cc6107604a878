// The dashboard's static server (bindings-wasm/dashboard/serve.mjs): content types the page
// needs, and nothing served from outside the site folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../bindings-wasm/dashboard/serve.mjs';

test('types, index.html for directories, 404, and no way out of the root', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'benchcore-serve-'));
  mkdirSync(join(dir, 'site', 'pkg'), { recursive: true });
  writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'site', 'pkg', 'm.wasm'), Buffer.from([0, 97, 115, 109]));
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  const srv = await serve(join(dir, 'site'));
  try {
    assert.match(srv.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const get = (path) => fetch(srv.url + path);
    let r = await get('pkg/m.wasm');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/wasm');
    r = await get('');
    assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await r.text(), '<!doctype html>');
    assert.equal((await get('missing.js')).status, 404);
    for (const path of ['../secret.txt', '..%2Fsecret.txt', '%2e%2e/secret.txt', 'pkg/..%2F..%2Fsecret.txt']) {
      const res = await get(path);
      assert.notEqual(res.status, 200, path);
      assert.notEqual(await res.text(), 'secret', path);
    }
  } finally {
    await srv.close();
  }
});
