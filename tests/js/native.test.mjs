// The Node package (bindings-node): the native addon against the golden vectors (read natively
// with parsePath, and in JS through parseFiles/parseBytes), the CLI and the error and value
// contracts (surface.mjs); then its WASM fallback, the same way. Runs in tests/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

import { REPO_DIR, TESTS_DIR } from './vectors.mjs';
import { assertError, cliTests, errorTests, thrown, valueTests, vectorTests } from './surface.mjs';

process.chdir(TESTS_DIR);
const require = createRequire(import.meta.url);
const native = require('../../bindings-node');
const fallback = require('../../bindings-node/fallback.js');

const API = ['version', 'errorCodes', 'parsePath', 'parseBytes', 'parseFiles', 'compare', 'render'];

test('the package loads the native addon here, with the full API', () => {
  assert.equal(native.backend, 'native', `fell back to WASM: ${native.nativeLoadError}`);
  for (const name of API) assert.equal(typeof native[name], 'function', name);
  for (const name of API) assert.equal(typeof fallback[name], 'function', `fallback ${name}`);
  assert.equal(fallback.backend, 'wasm');
  assert.equal(native.version(), fallback.version());
});

test('BENCHCORE_BACKEND picks the backend; auto falls back when the addon cannot load', () => {
  const backend = (env, code = "process.stdout.write(require('./bindings-node').backend)") =>
    execFileSync(process.execPath, ['-e', code], { cwd: REPO_DIR, env: { ...process.env, ...env }, encoding: 'utf8' });
  assert.equal(backend({ BENCHCORE_BACKEND: 'wasm' }), 'wasm');
  assert.equal(backend({ BENCHCORE_BACKEND: 'native' }), 'native');
  assert.equal(backend({ BENCHCORE_BACKEND: '' }), 'native');
  // An addon that fails to load (simulated by a require hook) → the WASM build, same API.
  const broken = `
    const Module = require('module');
    const load = Module._load;
    Module._load = function (request, ...rest) {
      if (request.endsWith('benchcore.node')) throw new Error('simulated: no binary for this platform');
      return load.call(this, request, ...rest);
    };
    const b = require('./bindings-node');
    process.stdout.write(b.backend + ' ' + b.nativeLoadError.message + ' ' + typeof b.parsePath);`;
  assert.equal(backend({}, broken), 'wasm simulated: no binary for this platform function');
});

test('a panic is thrown as internal-error, and the module keeps working (native and fallback)', () => {
  for (const [mod, what] of [[native, /test panic/], [fallback, /unreachable/]]) {
    const err = thrown(() => mod._panicForTests());
    assertError(err, 'internal-error', { file: null, line: null, field: null });
    assert.match(err.message, what);
    assert.ok(mod.parsePath('fixtures/pytest-benchmark/pytest-benchmark-5.3.1/run1.json').benchmarks.length > 0);
  }
});

test('parsePath keeps the path as written in source.path', () => {
  const spec = 'fixtures/criterion/criterion-0.5.1/tree-after-run5/target-criterion';
  for (const mod of [native, fallback]) {
    assert.equal(mod.parsePath(`${spec}@main`).source.path, spec);
    assert.equal(mod.parsePath(`${spec}@main`, { baseline: 'pr' }).source.baseline, 'pr');
    assert.equal(mod.parsePath(`./${spec}`).source.path, `./${spec}`);
  }
});

test("the README's Node example runs and says what it claims", () => {
  const readme = fs.readFileSync(path.join(REPO_DIR, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## JavaScript'));
  const code = section.match(/```js\n([\s\S]*?)```/)[1];
  const out = execFileSync(process.execPath, ['-e', code], { cwd: REPO_DIR, encoding: 'utf8' });
  assert.match(out, /total: 8,\s+regressed: 1,/);
  assert.match(out, /^<!-- benchcore-report -->/m);
  assert.match(out, /io-error results\/missing.json/);
});

describe('native: vectors, parsePath', () => vectorTests(native, { mode: 'parsePath' }));
describe('native: vectors, parseFiles/parseBytes', () => vectorTests(native, { mode: 'files' }));
describe('native: equals the CLI', () => cliTests(native, { hasFs: true, exact: true }));
describe('native: error codes', () => errorTests(native, { hasFs: true }));
describe('native: values', () => valueTests(native));

describe('fallback: vectors, parsePath', () => vectorTests(fallback, { mode: 'parsePath' }));
describe('fallback: equals the CLI', () => cliTests(fallback, { hasFs: true, exact: true }));
describe('fallback: error codes', () => errorTests(fallback, { hasFs: true }));
