'use strict';
// The @benchcore/node API over the WebAssembly build, for platforms without the native addon.
// Every function is the WASM module's, except `parsePath`: WebAssembly has no file system, so
// it is done here the way the core's `parse_path` does it natively:
//   * `DIR@NAME`: a path that exists as written is taken as is; otherwise the text after the
//     last `@` names a criterion baseline inside the directory before it (`resolve_spec`);
//     an explicit `options.baseline` wins;
//   * a directory is listed recursively (symlinks not followed, `report/` folders skipped, as
//     `FsTree` does) and handed to `parseFiles`; a file is read and handed to `parseBytes`;
//   * the path as given (without `@NAME`) labels errors and becomes `source.path`.
// A WebAssembly trap (a panic, which would be a bug) is thrown with code `internal-error`, as
// the native addon does.
// Known difference: files of a directory are all read up front, and `max_input_bytes` is
// checked by the core on each single file, not on the files of a tree.

const fs = require('node:fs');
const path = require('node:path');
const wasm = require('@benchcore/wasm');

/** A thrown error of the same shape as the module's (`.code`, `.file`, `.line`, `.field`). */
function benchcoreError(name, code, message, { file = null, field = null } = {}) {
  const err = new Error(message);
  err.name = name;
  Object.assign(err, { code, file, line: null, field });
  return err;
}

function resolveSpec(spec) {
  if (fs.existsSync(spec)) return { path: spec, baseline: null };
  const at = spec.lastIndexOf('@');
  if (at > 0) {
    const dir = spec.slice(0, at);
    const name = spec.slice(at + 1);
    if (name !== '' && !name.includes('/')) return { path: dir, baseline: name };
  }
  return { path: spec, baseline: null };
}

function ioError(label, err) {
  return benchcoreError('IoError', 'io-error', `${label}: ${err.message}`, { file: label });
}

/** Every regular file under `dir` as `{path, content}`, paths `/`-separated and sorted. */
function readTree(dir) {
  const files = [];
  const stack = [[dir, '']];
  while (stack.length > 0) {
    const [abs, rel] = stack.pop();
    let entries;
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      throw ioError(abs, err);
    }
    for (const entry of entries) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const childAbs = path.join(abs, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'report') stack.push([childAbs, childRel]);
      } else if (entry.isFile()) {
        try {
          files.push({ path: childRel, content: fs.readFileSync(childAbs) });
        } catch (err) {
          throw ioError(childAbs, err);
        }
      }
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Parse a result file or directory on disk (`DIR@NAME` picks a criterion baseline). */
function parsePath(spec, options) {
  if (typeof spec !== 'string') {
    throw benchcoreError('InvalidInputError', 'invalid-input', 'invalid input `path`: expected a string', {
      field: 'path',
    });
  }
  const resolved = resolveSpec(spec);
  const label = resolved.path;
  let stat;
  try {
    stat = fs.statSync(label);
  } catch (err) {
    throw ioError(label, err);
  }
  if (stat.isDirectory()) {
    let opts = options;
    const explicit = opts != null && typeof opts === 'object' && opts.baseline != null;
    if (resolved.baseline !== null && !explicit && (opts == null || typeof opts === 'object')) {
      opts = { ...(opts ?? {}), baseline: resolved.baseline };
    }
    return wasm.parseFiles(readTree(label), label, opts);
  }
  if (resolved.baseline !== null) {
    throw benchcoreError(
      'InvalidInputError',
      'invalid-input',
      `invalid input \`path\`: ${label} is a file; \`@${resolved.baseline}\` selects a baseline only inside a criterion directory`,
      { field: 'path' },
    );
  }
  let bytes;
  try {
    bytes = fs.readFileSync(label);
  } catch (err) {
    throw ioError(label, err);
  }
  return wasm.parseBytes(bytes, label, options);
}

/**
 * `f` with a WebAssembly trap (a panic in the core under `panic = "abort"`: a bug) thrown as a
 * benchcore error with code `internal-error`, as the native addon throws it.
 */
function guard(f) {
  return function guarded(...args) {
    try {
      return f(...args);
    } catch (err) {
      if (!(err instanceof WebAssembly.RuntimeError)) throw err;
      throw benchcoreError(
        'BenchcoreError',
        'internal-error',
        `internal error in benchcore (a bug, please report it): ${err.message}`,
      );
    }
  };
}

module.exports = {
  version: wasm.version,
  errorCodes: wasm.errorCodes,
  parsePath: guard(parsePath),
  parseBytes: guard(wasm.parseBytes),
  parseFiles: guard(wasm.parseFiles),
  compare: guard(wasm.compare),
  render: guard(wasm.render),
  parseSeries: guard(wasm.parseSeries),
  detect: guard(wasm.detect),
  check: guard(wasm.check),
  backtest: guard(wasm.backtest),
  series: guard(wasm.series),
  exportBundle: guard(wasm.exportBundle),
  importGab: guard(wasm.importGab),
  _panicForTests: guard(wasm._panicForTests),
  backend: 'wasm',
};
