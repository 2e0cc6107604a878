// The benchcore GitHub Action (action.yml at the repository root): github-action-benchmark's
// inputs, benchcore's statistics and history store. One run:
//   1. parse the tool's output (`parsePath`; the suite `name` is the group of ungrouped
//      benchmarks, as in imported github-action-benchmark data);
//   2. open the suite's history (gh-pages worktree or next to external-data-json-path),
//      importing github-action-benchmark's data.js on first use;
//   3. judge the run against the baseline branch (a PR's base, else the run's own branch):
//      the newest run there and its history (`report.mjs`);
//   4. store it as its own file and push with retry (pushes and other non-PR events only);
//   5. report: job summary, outputs, the PR comment updated in place (or a commit comment on
//      a push) when asked, and fail the job when asked.
// A pull request from a fork gets the summary only: its token cannot comment or push.
// The token is masked and never printed, nor put in a git URL (`git.mjs`).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

import * as core from '@actions/core';

import { commitComment, hasPrComment, isPermissionError, upsertPrComment } from './comment.mjs';
import { eventContext } from './context.mjs';
import { Git } from './git.mjs';
import { InputError, alertThresholds, fromRatio, readInputs, readThresholdsFile } from './inputs.mjs';
import { esc, failing, judge, markdown } from './report.mjs';
import { GhPagesStore, LocalStore, suiteDir } from './store.mjs';

const bc = createRequire(import.meta.url)('@benchcore/node');

function readPayload() {
  const file = process.env.GITHUB_EVENT_PATH;
  if (!file || !fs.existsSync(file)) return {};
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** `ref` as a commit id when the workspace repository knows it, else as given. */
function resolveRef(workspace) {
  return (ref) => {
    try {
      return (
        execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
          cwd: workspace,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim() || ref
      );
    } catch {
      return ref;
    }
  };
}

/** The baseline branch's runs (oldest first) and the newest of another commit, with samples. */
function baselineHistory(dir, branch, candidate) {
  if (!branch || !fs.existsSync(path.join(dir, 'history.json'))) return { runs: [], baseline: null, errors: [] };
  const { runs, errors } = bc.historyLoad(dir, { branch });
  const others = runs.filter((r) => r.run.id !== candidate.id);
  const newest = [...others].reverse().find((r) => !r.run.commit || r.run.commit !== candidate.commit) ?? null;
  let baseline = null;
  if (newest) {
    const filter = newest.run.commit ? { branch, commit: newest.run.commit, samples: true } : { branch, samples: true };
    baseline = bc.historyLoad(dir, filter).runs.find((r) => r.run.id === newest.run.id) ?? newest;
  }
  return { runs: others, baseline, errors };
}

function reportPaths(name) {
  const base = path.join(process.env.RUNNER_TEMP || os.tmpdir(), `benchcore-report-${suiteDir(name)}`);
  return { md: `${base}.md`, json: `${base}.json` };
}

export async function run() {
  const inputs = readInputs((n) => core.getInput(n));
  if (inputs.token) core.setSecret(inputs.token);
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const ctx = eventContext(process.env, readPayload(), inputs, resolveRef(workspace));
  const name = inputs.name;
  core.info(
    `benchcore ${bc.version()} (${bc.backend}): suite ${JSON.stringify(name)}, ${ctx.event || 'no'} event, ${ctx.isPR ? `pull request #${ctx.prNumber}` : `branch ${JSON.stringify(ctx.branch)}`}, baseline branch ${JSON.stringify(ctx.baseBranch)}`,
  );
  if (inputs.autoPush && !inputs.token && !inputs.externalJson) {
    throw new InputError(
      "'auto-push' is enabled but 'github-token' is not set. Please give API token to push GitHub pages branch to remote",
    );
  }
  if (inputs.externalJson && inputs.autoPush)
    core.warning('auto-push does nothing with external-data-json-path: that history is a local file');
  const notes = [];

  const candidate = bc.parsePath(inputs.outputFilePath, {
    format: inputs.format,
    branch: ctx.branch,
    commit: ctx.commit,
    default_group: name,
  });
  core.info(
    `read ${candidate.benchmarks.length} benchmarks (${candidate.source.format}) from ${inputs.outputFilePath}: run ${candidate.id}`,
  );
  const overrides = inputs.thresholdsFile
    ? readThresholdsFile(fs.readFileSync(inputs.thresholdsFile, 'utf8'), inputs.thresholdsFile)
    : [];

  const writable = ctx.store && inputs.saveDataFile;
  const importBranch = ctx.defaultBranch;
  const git = new Git({ cwd: workspace, token: inputs.token, serverUrl: ctx.serverUrl, setSecret: core.setSecret });
  const store = inputs.externalJson
    ? new LocalStore({ file: inputs.externalJson, suite: name, importBranch, writable })
    : new GhPagesStore({
        git,
        branch: inputs.ghPagesBranch,
        dataDir: inputs.dataDir,
        suite: name,
        skipFetch: inputs.skipFetch,
        importBranch,
        log: core.info,
      });
  let j;
  let history;
  let saved = null;
  try {
    const imported = await store.open();
    for (const w of imported.warnings) core.warning(`data.js import: ${w}`);
    if (imported.imported > 0) {
      notes.push(
        `Imported ${imported.imported} runs of this suite from github-action-benchmark's data (branch <code>${esc(importBranch)}</code>).`,
      );
    }
    history = baselineHistory(store.historyDir, ctx.baseBranch, candidate);
    if (history.errors.length > 0) {
      core.warning(`${history.errors.length} damaged history files skipped; first: ${history.errors[0].message}`);
      notes.push(`${history.errors.length} damaged history files were skipped (see the log).`);
    }
    j = judge({
      candidate,
      runs: history.runs,
      baseline: history.baseline,
      inputs,
      baseBranch: ctx.baseBranch,
      overrides,
    });
    if (writable) {
      const id = candidate.id.slice(0, 12);
      const message =
        `benchcore: add ${name} run ${id} (${candidate.source.format}) for ${(ctx.commit ?? 'unknown').slice(0, 12)}` +
        (imported.imported > 0 ? `\n\nImported ${imported.imported} runs from github-action-benchmark's data.js.` : '');
      saved = await store.save(candidate, { addedAt: new Date().toISOString(), push: inputs.autoPush, message });
      const state = saved.pushed
        ? `pushed${saved.attempts > 1 ? ` after ${saved.attempts} attempts` : ''}`
        : saved.committed
          ? 'committed, not pushed (auto-push is off)'
          : inputs.externalJson
            ? 'written'
            : 'already stored';
      core.info(`stored run ${candidate.id} in ${store.where}: ${state}`);
      notes.push(`Stored as run <code>${id}</code> in <code>${esc(store.where)}</code>: ${state}.`);
    } else if (ctx.readOnly) {
      notes.push(
        'Pull request from a fork: its token cannot write, so this report is the job summary only (no comment, nothing stored).',
      );
    } else if (!ctx.store) {
      notes.push('Pull request runs are judged, never stored: the history holds branch runs only.');
    } else {
      notes.push('Not stored: save-data-file is false.');
    }
  } finally {
    await store.close();
  }

  const thresholds = alertThresholds(inputs);
  if (thresholds)
    notes.push(
      `Thresholds from ${esc(thresholds.source)}: ${(thresholds.by['lower-is-better'] * 100).toFixed(1)}% for lower-is-better metrics, ${(thresholds.by['higher-is-better'] * 100).toFixed(1)}% for higher-is-better ones.`,
    );
  const maxItems = inputs.maxItems ?? 30;
  const { comment, summary } = markdown({
    name,
    candidate,
    ctx,
    j,
    baseline: history.baseline,
    runs: history.runs,
    inputs,
    notes,
    maxItems,
  });
  const paths = reportPaths(name);
  fs.writeFileSync(paths.md, summary);
  const stored = saved
    ? {
        id: candidate.id,
        where: store.where,
        committed: saved.committed,
        pushed: saved.pushed,
        attempts: saved.attempts,
      }
    : null;
  fs.writeFileSync(
    paths.json,
    `${JSON.stringify({ version: 1, suite: name, event: ctx.event, branch: ctx.branch, base_branch: ctx.baseBranch, method: inputs.method, candidate: { id: candidate.id, commit: candidate.commit, branch: candidate.branch }, baseline: history.baseline ? { id: history.baseline.run.id, commit: history.baseline.run.commit } : null, counts: j.counts, decisions: j.decisions, comparison: j.comparison, check: j.check, stored }, null, 2)}\n`,
  );

  let commentUrl = '';
  const wantComment = inputs.commentAlways || (inputs.commentOnAlert && j.counts.regressed > 0);
  const asked = inputs.commentAlways || inputs.commentOnAlert;
  if (asked && ctx.readOnly) {
    core.info('pull request from a fork: no comment (the token is read-only); the job summary has the report');
  } else if (asked && !inputs.token) {
    core.warning('comment-always / comment-on-alert need github-token: no comment');
  } else if (asked) {
    try {
      const where = { owner: ctx.owner, repo: ctx.repo, number: ctx.prNumber, suite: name, body: comment };
      let res = null;
      if (ctx.isPR && (wantComment || (await hasPrComment(inputs.token, where))))
        res = await upsertPrComment(inputs.token, where);
      else if (!ctx.isPR && wantComment && ctx.commit)
        res = await commitComment(inputs.token, { owner: ctx.owner, repo: ctx.repo, sha: ctx.commit, body: comment });
      if (res) {
        commentUrl = res.url ?? '';
        core.info(`${res.updated ? 'updated' : 'posted'} the report comment ${commentUrl}`);
      }
    } catch (err) {
      if (!isPermissionError(err)) throw err;
      core.warning(
        `could not comment (HTTP ${err.status}: the token may not write here); the job summary has the report`,
      );
    }
  }

  core.setOutput('regressions', j.counts.regressed);
  core.setOutput('improvements', j.counts.improved);
  core.setOutput('inconclusive', j.counts.inconclusive);
  core.setOutput('alert', j.counts.regressed > 0);
  core.setOutput('report-path', paths.md);
  core.setOutput('report-json-path', paths.json);
  core.setOutput('run-id', candidate.id);
  core.setOutput('baseline-commit', history.baseline?.run.commit ?? '');
  core.setOutput('stored', Boolean(saved?.added));
  core.setOutput('pushed', Boolean(saved?.pushed));
  core.setOutput('history-path', store.where);
  core.setOutput('comment-url', commentUrl);
  if (inputs.summaryAlways) await core.summary.addRaw(summary).write();

  const regressed = j.decisions.filter((d) => d.verdict === 'regressed');
  for (const d of regressed) core.warning(`Performance alert: ${JSON.stringify(d.name)} [${d.metric}] ${d.reason}`);
  if (inputs.failOnAlert) {
    const fatal = failing(j.decisions, inputs.failRatio === null ? null : fromRatio(inputs.failRatio));
    if (fatal.length > 0) {
      const some = fatal
        .slice(0, 5)
        .map((d) => JSON.stringify(d.name))
        .join(', ');
      const of = fatal.length === regressed.length ? '' : ` of ${regressed.length}`;
      core.setFailed(
        `${fatal.length}${of} benchmark regressions${inputs.failRatio === null ? '' : ' beyond fail-threshold'}: ${some}${fatal.length > 5 ? ', …' : ''}`,
      );
    }
  }
}

try {
  await run();
} catch (err) {
  core.setFailed(err instanceof Error ? err.message : String(err));
}
