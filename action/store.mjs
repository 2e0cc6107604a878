// Where the history lives, and storing a run in it without racing other jobs.
//
// One benchcore history store per suite (`name` input), one file per run
// (core/src/history.rs): `<benchmark-data-dir-path>/benchcore/<suite>/` on the gh-pages
// branch, or `benchcore-history/<suite>/` next to `external-data-json-path`. `<suite>` is the
// name with every character but `A-Z a-z 0-9 _ -` percent-encoded (`Rust%20Benchmark`).
//
// gh-pages: the branch is fetched (depth 1) and checked out in a worktree of the workspace
// repository in a temporary directory (`git worktree add -B <branch>`, so a commit made with
// `auto-push: false` stays on the local branch for a later step, as with
// github-action-benchmark). Storing a run adds its own new files (`historyAdd`), commits
// them and pushes; when the push is refused because another job pushed first, the branch is
// fetched again, the worktree reset to it, the same files added again (same content: the
// run's id and `added_at` do not change) and the push retried. New files never conflict, so
// parallel jobs all land and no old run is ever rewritten.
//
// First use: when the suite has no history yet and github-action-benchmark's `data.js` (or
// the external JSON file) exists, its entries for this suite are imported (`importGab`), each
// stamped with its own time so concurrent imports write identical files.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

import { GitError, isRejected } from './git.mjs';

const bc = createRequire(import.meta.url)('@benchcore/node');

/** Attempts at pushing before giving up. */
export const PUSH_ATTEMPTS = 10;

const EPOCH = '1970-01-01T00:00:00.000Z';

/** The suite's directory name: `name` with unsafe characters percent-encoded. */
export function suiteDir(name) {
  return name.replace(/[^A-Za-z0-9_-]/gu, (c) =>
    [...Buffer.from(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

function tempDir(prefix) {
  return fs.mkdtempSync(path.join(process.env.RUNNER_TEMP || os.tmpdir(), prefix));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Import the runs of `suite` from github-action-benchmark's `file` into `historyDir`, unless
 * the suite already has a history. `{imported, warnings}`.
 */
export function importOnFirstUse(historyDir, file, { suite, branch }) {
  if (fs.existsSync(path.join(historyDir, 'history.json')) || !fs.existsSync(file)) {
    return { imported: 0, warnings: [] };
  }
  const { runs, warnings } = bc.importGab(fs.readFileSync(file), file, { branch });
  const mine = runs.filter((r) => r.benchmarks.length > 0 && r.benchmarks.every((b) => b.group === suite));
  for (const run of mine) bc.historyAdd(historyDir, run, run.time ?? EPOCH);
  return { imported: mine.length, warnings };
}

/** The history on the gh-pages branch, in a temporary worktree. */
export class GhPagesStore {
  constructor({ git, branch, dataDir, suite, skipFetch, importBranch, log = () => {} }) {
    Object.assign(this, { git, branch, dataDir, suite, skipFetch, importBranch, log });
    this.where = `${branch}:${path.posix.join(dataDir, 'benchcore', suiteDir(suite))}`;
  }

  /** Fetch the branch; false when the remote has none. */
  async fetch() {
    const r = await this.git.run(
      ['fetch', '--no-tags', '--depth=1', 'origin', `+refs/heads/${this.branch}:refs/remotes/origin/${this.branch}`],
      { allowFail: true },
    );
    if (r.code === 0) return true;
    if (/couldn't find remote ref|could not find remote ref/i.test(r.stderr)) return false;
    throw new GitError(`git fetch of ${this.branch} failed (exit ${r.code}): ${r.stderr.trim()}`, r);
  }

  /** Check the branch out in a temporary worktree; import data.js on first use. */
  async open() {
    const inside = await this.git.run(['rev-parse', '--git-dir'], { allowFail: true });
    if (inside.code !== 0) {
      throw new Error(
        `${this.git.cwd} is not a git repository: check the repository out first (actions/checkout), or set external-data-json-path`,
      );
    }
    this.tmp = tempDir('benchcore-pages-');
    this.worktree = path.join(this.tmp, 'pages');
    await this.git.run(['worktree', 'prune']);
    const remote = this.skipFetch ? false : await this.fetch();
    const local =
      (await this.git.run(['rev-parse', '--verify', '--quiet', `refs/heads/${this.branch}`], { allowFail: true }))
        .code === 0;
    if (remote) {
      await this.git.run([
        'worktree',
        'add',
        '-q',
        '-B',
        this.branch,
        this.worktree,
        `refs/remotes/origin/${this.branch}`,
      ]);
    } else if (local) {
      await this.git.run(['worktree', 'add', '-q', this.worktree, this.branch]);
    } else {
      this.log(`${this.branch} does not exist yet: it starts with this run`);
      const orphan = await this.git.run(['worktree', 'add', '-q', '--orphan', '-b', this.branch, this.worktree], {
        allowFail: true,
      });
      if (orphan.code !== 0) {
        // git < 2.42 has no `worktree add --orphan`: a detached worktree, then an orphan branch.
        await this.git.run(['worktree', 'add', '-q', '--detach', this.worktree]);
        await this.git.run(['checkout', '-q', '--orphan', this.branch], { cwd: this.worktree });
        await this.git.run(['rm', '-rfq', '--ignore-unmatch', '.'], { cwd: this.worktree });
      }
    }
    this.historyDir = path.join(this.worktree, this.dataDir, 'benchcore', suiteDir(this.suite));
    return this.prepare();
  }

  prepare() {
    return importOnFirstUse(this.historyDir, path.join(this.worktree, this.dataDir, 'data.js'), {
      suite: this.suite,
      branch: this.importBranch,
    });
  }

  /**
   * Add `run` (stamped `addedAt`), commit, and push unless `push` is false, retrying on
   * rejection. `{added, committed, pushed, attempts}`.
   */
  async save(run, { addedAt, push, message }) {
    const git = (args, o = {}) => this.git.run(args, { cwd: this.worktree, ...o });
    const rel = path.relative(this.worktree, this.historyDir);
    for (let attempt = 1; ; attempt++) {
      const added = bc.historyAdd(this.historyDir, run, addedAt);
      await git(['add', '--', rel]);
      if ((await git(['diff', '--cached', '--quiet'], { allowFail: true })).code === 0) {
        return { added, committed: false, pushed: false, attempts: attempt };
      }
      await git(['commit', '-q', '-m', message]);
      if (!push) return { added, committed: true, pushed: false, attempts: attempt };
      const r = await git(['push', '--porcelain', 'origin', `HEAD:refs/heads/${this.branch}`], { allowFail: true });
      if (r.code === 0) return { added, committed: true, pushed: true, attempts: attempt };
      const err = new GitError(
        `git push to ${this.branch} failed (exit ${r.code}): ${(r.stderr || r.stdout).trim()}`,
        r,
      );
      if (!isRejected(err) || attempt >= PUSH_ATTEMPTS) throw err;
      this.log(
        `push to ${this.branch} refused (another job pushed first): fetching and adding this run again (attempt ${attempt + 1})`,
      );
      await sleep(Math.min(2000, 100 * 2 ** attempt) * (0.5 + Math.random()));
      if (await this.fetch()) await git(['reset', '-q', '--hard', `refs/remotes/origin/${this.branch}`]);
      this.prepare();
    }
  }

  async close() {
    if (!this.tmp) return;
    await this.git.run(['worktree', 'remove', '--force', this.worktree], { allowFail: true });
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}

/** The history next to `external-data-json-path`, in the runner's file system. */
export class LocalStore {
  constructor({ file, suite, importBranch, writable }) {
    Object.assign(this, { file, suite, importBranch });
    const dir = path.join(path.dirname(file), 'benchcore-history', suiteDir(suite));
    this.where = dir;
    // Not writable and no history yet: import into a temporary directory, leave the cache be.
    this.historyDir = writable || fs.existsSync(dir) ? dir : path.join(tempDir('benchcore-local-'), 'h');
  }

  async open() {
    return importOnFirstUse(this.historyDir, this.file, { suite: this.suite, branch: this.importBranch });
  }

  async save(run, { addedAt }) {
    return { added: bc.historyAdd(this.historyDir, run, addedAt), committed: false, pushed: false, attempts: 1 };
  }

  async close() {}
}
