// Harness for running the GitHub Action end to end without GitHub: a local bare repository as
// the remote of the gh-pages branch, workspaces cloned from it, a 127.0.0.1 HTTP server that
// stands in for the REST API (and records every request), realistic event payloads, and the
// action's entry point spawned with INPUT_* variables (names keep their hyphens, so they are
// passed in an env object, not exported from a shell) and existing GITHUB_OUTPUT /
// GITHUB_STEP_SUMMARY files, as a runner provides them.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(REPO_DIR, 'tests/fixtures');
/** The entry point: the source tree's, or a release build's (scripts/build-action.sh). */
export const ACTION = path.resolve(REPO_DIR, process.env.BENCHCORE_ACTION_ENTRY || 'action/index.mjs');
/** A recognisable fake token: it must never show up in any output. */
export const TOKEN = 'ghs_benchcoreFAKEtoken0123456789XYZ';
export const TOKEN_BASIC = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
export const OWNER = 'octo';
export const REPO = 'bench';

const roots = [];
process.on('exit', () => {
  if (process.env.KEEP_ACTION_TMP) return;
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

export function tmpdir(prefix = 'benchcore-action-') {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  roots.push(d);
  return d;
}

const HOME = tmpdir('benchcore-home-');
const GIT_ENV = {
  PATH: process.env.PATH,
  HOME,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: path.join(HOME, 'gitconfig'),
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};
fs.writeFileSync(GIT_ENV.GIT_CONFIG_GLOBAL, '[init]\n\tdefaultBranch = main\n');

export function git(args, cwd) {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A bare remote with one commit on main, and a function making workspaces (clones) of it. */
export function makeRemote() {
  const root = tmpdir();
  const remote = path.join(root, 'remote.git');
  git(['init', '-q', '--bare', '-b', 'main', remote], root);
  const seed = path.join(root, 'seed');
  git(['clone', '-q', remote, seed], root);
  fs.writeFileSync(path.join(seed, 'README.md'), '# bench\n');
  git(['add', '.'], seed);
  git(['commit', '-q', '-m', 'init'], seed);
  git(['push', '-q', 'origin', 'main'], seed);
  let n = 0;
  const workspace = () => {
    const dir = path.join(root, `ws${n++}`);
    git(['clone', '-q', remote, dir], root);
    return dir;
  };
  return { root, remote, seed, workspace, head: git(['rev-parse', 'HEAD'], seed) };
}

/** Put `files` ({path: content}) on `branch` of the remote (an orphan branch when new). */
export function seedBranch(remote, branch, files) {
  const dir = tmpdir();
  git(['init', '-q', '-b', branch, dir], dir);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  git(['add', '.'], dir);
  git(['commit', '-q', '-m', 'seed'], dir);
  git(['push', '-q', remote, `${branch}:${branch}`], dir);
}

/** Files on `branch` of a repository under `dir` (none when the branch does not exist). */
export function branchFiles(repo, branch, dir = '.') {
  try {
    const out = git(['ls-tree', '-r', '--name-only', branch, '--', dir], repo);
    return out ? out.split('\n') : [];
  } catch {
    return [];
  }
}

export function branchCommits(repo, branch) {
  try {
    return Number(git(['rev-list', '--count', branch], repo));
  } catch {
    return 0;
  }
}

/** A stand-in for the GitHub REST API on 127.0.0.1 that records requests. */
export async function startApi({ readOnly = false } = {}) {
  const api = { requests: [], comments: [], readOnly, nextId: 1000 };
  const send = (res, status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      const body = raw ? JSON.parse(raw) : null;
      api.requests.push({
        method: req.method,
        path: url.pathname,
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body,
      });
      if (url.pathname.endsWith('/info/refs')) {
        // A git smart-HTTP fetch (the token test): refuse it.
        res.writeHead(403, { 'content-type': 'text/plain' });
        res.end('forbidden');
        return;
      }
      if (api.readOnly && req.method !== 'GET') {
        send(res, 403, { message: 'Resource not accessible by integration' });
        return;
      }
      let m;
      if ((m = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/))) {
        if (req.method === 'GET') {
          send(
            res,
            200,
            api.comments.filter((c) => c.issue === Number(m[3])),
          );
          return;
        }
        const c = {
          id: api.nextId++,
          issue: Number(m[3]),
          body: body.body,
          user: { login: 'github-actions[bot]', type: 'Bot' },
        };
        c.html_url = `https://github.com/${m[1]}/${m[2]}/pull/${m[3]}#issuecomment-${c.id}`;
        api.comments.push(c);
        send(res, 201, c);
        return;
      }
      if ((m = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/)) && req.method === 'PATCH') {
        const c = api.comments.find((x) => x.id === Number(m[1]));
        if (!c) return send(res, 404, { message: 'Not Found' });
        c.body = body.body;
        send(res, 200, c);
        return;
      }
      if (
        (m = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]+)\/comments$/)) &&
        req.method === 'POST'
      ) {
        send(res, 201, {
          id: api.nextId++,
          commit_id: m[1],
          body: body.body,
          html_url: `https://github.com/c/${m[1]}`,
        });
        return;
      }
      send(res, 404, { message: 'Not Found' });
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  api.url = `http://127.0.0.1:${server.address().port}`;
  api.close = () => new Promise((r) => server.close(r));
  api.writes = () => api.requests.filter((r) => r.method !== 'GET');
  return api;
}

const REPOSITORY = {
  id: 1,
  name: REPO,
  full_name: `${OWNER}/${REPO}`,
  owner: { login: OWNER, type: 'User' },
  private: false,
  html_url: `https://github.com/${OWNER}/${REPO}`,
  default_branch: 'main',
};

/** A `push` event payload (as GitHub sends it, trimmed to the fields that matter). */
export function pushEvent({ sha, branch = 'main', message = 'Speed up things' }) {
  return {
    name: 'push',
    env: { GITHUB_REF: `refs/heads/${branch}`, GITHUB_REF_NAME: branch, GITHUB_SHA: sha },
    payload: {
      ref: `refs/heads/${branch}`,
      before: '0'.repeat(40),
      after: sha,
      repository: REPOSITORY,
      pusher: { name: 'alice' },
      sender: { login: 'alice', type: 'User' },
      head_commit: {
        id: sha,
        tree_id: 'f'.repeat(40),
        distinct: true,
        message,
        timestamp: '2026-02-01T10:00:00+01:00',
        url: `https://github.com/${OWNER}/${REPO}/commit/${sha}`,
        author: { name: 'Alice', email: 'alice@example.com', username: 'alice' },
        committer: { name: 'Alice', email: 'alice@example.com', username: 'alice' },
      },
    },
  };
}

/** A `pull_request` event payload; `fork` makes the head live in another repository. */
export function prEvent({
  number = 7,
  sha,
  headRef = 'speed-up',
  base = 'main',
  baseSha = 'b'.repeat(40),
  fork = false,
  action = 'synchronize',
}) {
  const headRepo = fork
    ? { ...REPOSITORY, id: 2, full_name: `forker/${REPO}`, owner: { login: 'forker', type: 'User' }, fork: true }
    : REPOSITORY;
  return {
    name: 'pull_request',
    env: {
      GITHUB_REF: `refs/pull/${number}/merge`,
      GITHUB_REF_NAME: `${number}/merge`,
      GITHUB_SHA: 'e'.repeat(40),
      GITHUB_HEAD_REF: headRef,
      GITHUB_BASE_REF: base,
    },
    payload: {
      action,
      number,
      repository: REPOSITORY,
      sender: { login: fork ? 'forker' : 'alice', type: 'User' },
      pull_request: {
        number,
        state: 'open',
        html_url: `https://github.com/${OWNER}/${REPO}/pull/${number}`,
        head: {
          ref: headRef,
          sha,
          label: `${fork ? 'forker' : OWNER}:${headRef}`,
          repo: headRepo,
          user: headRepo.owner,
        },
        base: { ref: base, sha: baseSha, label: `${OWNER}:${base}`, repo: REPOSITORY, user: REPOSITORY.owner },
      },
    },
  };
}

/** `name<<delimiter … delimiter` entries of a GITHUB_OUTPUT file. */
export function parseOutputs(text) {
  const out = {};
  const re = /^(.+?)<<(ghadelimiter_[0-9a-f-]+)\r?\n([\s\S]*?)\r?\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]] = m[3];
  return out;
}

/**
 * Run the action in `cwd` for `event` with `inputs` ({name: value}); resolves
 * `{code, stdout, stderr, outputs, summary, report}` when the process exits.
 */
export function runAction({ cwd, event, inputs, api, env = {} }) {
  const dir = tmpdir('benchcore-runner-');
  const files = {
    output: path.join(dir, 'output'),
    summary: path.join(dir, 'summary'),
    event: path.join(dir, 'event.json'),
  };
  fs.writeFileSync(files.output, '');
  fs.writeFileSync(files.summary, '');
  fs.writeFileSync(files.event, JSON.stringify(event.payload, null, 2));
  const full = {
    ...GIT_ENV,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_WORKSPACE: cwd,
    GITHUB_WORKFLOW: 'Benchmarks',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: dir,
    ...(api ? { GITHUB_API_URL: api.url } : {}),
    ...event.env,
    ...env,
  };
  for (const [k, v] of Object.entries(inputs)) full[`INPUT_${k.toUpperCase()}`] = String(v);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ACTION], { cwd, env: full });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const outputs = parseOutputs(fs.readFileSync(files.output, 'utf8'));
      const report = outputs['report-json-path']
        ? JSON.parse(fs.readFileSync(outputs['report-json-path'], 'utf8'))
        : null;
      resolve({ code, stdout, stderr, outputs, report, summary: fs.readFileSync(files.summary, 'utf8') });
    });
  });
}

/**
 * The token appears in no output except the runner's own `::add-mask::` commands (which the
 * runner consumes: they are how a value gets masked).
 */
export function assertNoToken(assert, result) {
  for (const [stream, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
    ['summary', result.summary],
    ['outputs', JSON.stringify(result.outputs)],
  ]) {
    const lines = text.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    for (const secret of [TOKEN, TOKEN_BASIC]) {
      assert.ok(!lines.some((l) => l.includes(secret)), `${stream} shows the token:\n${text}`);
    }
  }
}

export const PYTEST = path.join(FIXTURES, 'pytest-benchmark/pytest-benchmark-5.3.1');

/** Inputs of a typical setup (github-action-benchmark's names). */
export function baseInputs(extra = {}) {
  return {
    name: 'Python Benchmark',
    tool: 'pytest',
    'output-file-path': `${PYTEST}/run1.json`,
    'github-token': TOKEN,
    'auto-push': 'true',
    ...extra,
  };
}

export function sha(n) {
  return n.toString(16).padStart(40, 'c');
}
