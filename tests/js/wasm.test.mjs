// The WASM module (bindings-wasm/pkg/node, built by scripts/test-js.sh) against the golden
// vectors, the CLI and the error and value contracts (surface.mjs). Runs in tests/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

import { REPO_DIR, TESTS_DIR } from './vectors.mjs';
import { cliTests, errorTests, valueTests, vectorTests } from './surface.mjs';

process.chdir(TESTS_DIR);
const require = createRequire(import.meta.url);
const wasm = require('../../bindings-wasm/pkg/node/benchcore_wasm.js');

test('the module exports the shared API and no file system access', () => {
  for (const name of ['version', 'errorCodes', 'parseBytes', 'parseFiles', 'compare', 'render']) {
    assert.equal(typeof wasm[name], 'function', name);
  }
  assert.equal(wasm.parsePath, undefined);
});

test('the web build and the TypeScript declarations are there', () => {
  const web = path.join(REPO_DIR, 'bindings-wasm', 'pkg', 'web');
  assert.ok(fs.existsSync(path.join(web, 'benchcore_wasm.js')));
  const dts = fs.readFileSync(path.join(REPO_DIR, 'bindings-wasm', 'pkg', 'node', 'benchcore_wasm.d.ts'), 'utf8');
  for (const decl of [
    'export declare function parseBytes(',
    'export declare function compare(baseline: Run, candidate: Run, options?: CompareOptions): Comparison;',
    'export interface Run {',
  ]) {
    assert.ok(dts.includes(decl), decl);
  }
  assert.ok(!/: any\b/.test(dts), 'a declaration is typed `any`');
});

test('a panic is a WebAssembly.RuntimeError (panic = "abort"), and later calls still work', () => {
  for (let i = 0; i < 20; i++) {
    assert.throws(() => wasm._panicForTests(), WebAssembly.RuntimeError);
  }
  assert.equal(wasm.parseBytes(fs.readFileSync('fixtures/pytest-benchmark/pytest-benchmark-5.3.1/run1.json'), 'p.json').benchmarks.length, 6);
});

describe('wasm: vectors', () => vectorTests(wasm, { mode: 'files' }));
describe('wasm: equals the CLI', () => cliTests(wasm, { hasFs: false, exact: true }));
describe('wasm: error codes', () => errorTests(wasm, { hasFs: false }));
describe('wasm: values', () => valueTests(wasm));
