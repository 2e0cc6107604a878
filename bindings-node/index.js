'use strict';
// @benchcore/node: the native N-API addon (`benchcore.node`, built from bindings-node/src) when
// it loads on this platform, else the WebAssembly build (@benchcore/wasm) behind the same API
// (`fallback.js`). `backend` says which one answered.
//
// BENCHCORE_BACKEND=native refuses the fallback (a load failure is thrown);
// BENCHCORE_BACKEND=wasm skips the addon.

const choice = process.env.BENCHCORE_BACKEND || 'auto';
if (!['auto', 'native', 'wasm'].includes(choice)) {
  throw new Error(`BENCHCORE_BACKEND must be auto, native or wasm, not '${choice}'`);
}

function loadNative() {
  const addon = require('./benchcore.node');
  return { ...addon, backend: 'native' };
}

let api;
if (choice === 'wasm') {
  api = require('./fallback.js');
} else if (choice === 'native') {
  api = loadNative();
} else {
  try {
    api = loadNative();
  } catch (err) {
    api = { ...require('./fallback.js'), nativeLoadError: err };
  }
}

module.exports = api;
