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
// `historyAdd` and `historyLoad` do their file IO here around two pure core functions
// (`historyEncode`, `historyLoadFiles` of bindings-wasm/src/history.rs), the way the core's
// `History::add` and `History::load` do it natively (core/src/history/write.rs, load.rs):
//   * add: the core checks the run and encodes its files; each is published only if its path
//     is free (temporary file, fsync, `link` into place, which fails if the path exists;
//     `rename` where links are unsupported; fsync of the directory), sidecar before record;
//   * load: `history.json` and the two levels of `runs/` (and of `samples/` when samples are
//     asked for) are read and handed to the core, which lists, filters, decodes and orders
//     them as natively, naming the same files in its errors.
// A WebAssembly trap (a panic, which would be a bug) is thrown with code `internal-error`, as
// the native addon does.
// Known differences: files of a directory are all read up front, and `max_input_bytes` is
// checked by the core on each single file, not on the files of a tree; a history is loaded on
// one thread; a lost sidecar's io-error is worded "entity not found" instead of the OS's words.

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

/** `root` joined with `rel` as Rust's `Path::join` does (no normalisation of `.` or `..`). */
function under(root, rel) {
  if (root === '') return rel;
  return root.endsWith('/') || root.endsWith(path.sep) ? root + rel : `${root}/${rel}`;
}

function invalidInput(field, message) {
  return benchcoreError('InvalidInputError', 'invalid-input', `invalid input \`${field}\`: ${message}`, { field });
}

let tempCounter = 0;

/** fsync a directory's entries (Unix only, as the core does). */
function syncDir(dir) {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Publish `content` at `target` unless a file is already there: 'created' or 'existed'. */
function putNew(target, content) {
  const dir = path.dirname(target);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw ioError(dir, err);
  }
  if (fs.existsSync(target)) return 'existed';
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${tempCounter++}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'wx');
    try {
      fs.writeSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    let put;
    try {
      fs.linkSync(tmp, target);
      put = 'created';
    } catch (err) {
      if (err.code === 'EEXIST' || fs.existsSync(target)) {
        put = 'existed';
      } else {
        fs.renameSync(tmp, target);
        put = 'created';
      }
    }
    fs.rmSync(tmp, { force: true });
    if (put === 'created') {
      syncDir(dir);
      syncDir(path.dirname(dir));
    }
    return put;
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw ioError(target, err);
  }
}

/** The content of `file`, or null when it does not exist. */
function readIfExists(file) {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    if (err.code === 'ENOENT') return null;
    throw ioError(file, err);
  }
}

/** Add a run to the history directory `dir`; `addedAt` (RFC 3339) defaults to now. */
function historyAdd(dir, run, addedAt) {
  if (typeof dir !== 'string') throw invalidInput('dir', 'expected a string');
  const at = addedAt == null ? new Date().toISOString() : addedAt;
  const marker = readIfExists(under(dir, 'history.json'));
  const enc = wasm.historyEncode(dir, run, at, marker);
  if (enc.marker) putNew(enc.marker.path, enc.marker.content);
  const done = (status) => ({ id: enc.id, status, path: enc.record.path });
  if (fs.existsSync(enc.record.path)) {
    // Already stored: restore a lost sidecar (same content), as the core does.
    if (enc.sidecar && !fs.existsSync(enc.sidecar.path)) putNew(enc.sidecar.path, enc.sidecar.content);
    return done('already-present');
  }
  if (enc.sidecar) putNew(enc.sidecar.path, enc.sidecar.content);
  return done(putNew(enc.record.path, enc.record.content) === 'created' ? 'added' : 'already-present');
}

/** Entries of `dir` (none when it does not exist). */
function entries(dir) {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if (err.code === 'ENOENT') return [];
    throw ioError(dir, err);
  }
}

/**
 * `<kind>/` two levels deep as `{path, content}` relative to `root`: files at the second
 * level are read; anything else (a file instead of a shard, a directory inside a shard) is
 * passed with no content, for the core to report as a stray.
 */
function listKind(root, kind, files) {
  const base = under(root, kind);
  for (const shard of entries(base)) {
    const shardRel = `${kind}/${shard.name}`;
    if (!shard.isDirectory() || shard.name.startsWith('.')) {
      files.push({ path: shardRel, content: new Uint8Array(0) });
      continue;
    }
    for (const f of entries(`${base}/${shard.name}`)) {
      const rel = `${shardRel}/${f.name}`;
      let content = new Uint8Array(0);
      if (f.isFile() && !f.name.startsWith('.')) {
        try {
          content = fs.readFileSync(under(root, rel));
        } catch (err) {
          throw ioError(under(root, rel), err);
        }
      }
      files.push({ path: rel, content });
    }
  }
}

/** Load a history directory: `{runs: [{added_at, run}], errors: [...]}`. */
function historyLoad(dir, options) {
  if (typeof dir !== 'string') throw invalidInput('dir', 'expected a string');
  let stat;
  try {
    stat = fs.statSync(dir);
  } catch (err) {
    if (err.code === 'ENOENT') {
      throw benchcoreError('NotFoundError', 'not-found', `${dir}: no history here (add a run first: \`benchcore history add\`)`, {
        file: dir,
      });
    }
    throw ioError(dir, err);
  }
  if (!stat.isDirectory()) throw invalidInput('history', `${dir} is not a directory`);
  const files = [];
  const marker = readIfExists(under(dir, 'history.json'));
  if (marker !== null) files.push({ path: 'history.json', content: marker });
  listKind(dir, 'runs', files);
  if (options != null && typeof options === 'object' && options.samples === true) listKind(dir, 'samples', files);
  return wasm.historyLoadFiles(dir, files, options);
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
  renderCheck: guard(wasm.renderCheck),
  historyAdd: guard(historyAdd),
  historyLoad: guard(historyLoad),
  _panicForTests: guard(wasm._panicForTests),
  backend: 'wasm',
};
