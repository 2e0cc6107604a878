// The GitHub REST API part: one pull-request comment per suite, updated in place, or a commit
// comment on a push (what github-action-benchmark leaves). The client is @actions/github's
// `getOctokit`, whose base URL is GITHUB_API_URL (GitHub Enterprise, or a local stand-in in
// the tests).
//
// The comment of a suite is the first comment on the pull request whose body carries both the
// core's marker and the suite's (`report.mjs`), preferring one written by a bot (so a person
// quoting an old report is never edited).
//
// Permission failures (a read-only token: 401, 403, 404) become warnings, never a failed job.

import { MARKER, suiteMarker } from './report.mjs';

/** The client (loaded on first use: most runs never comment). */
async function octokit(token) {
  const github = await import('@actions/github');
  return github.getOctokit(token);
}

export function isPermissionError(err) {
  return [401, 403, 404].includes(err?.status);
}

/** The existing comment of `suite` on pull request `number`, or null. */
export async function findComment(client, { owner, repo, number, suite }) {
  const comments = await client.paginate(client.rest.issues.listComments, {
    owner,
    repo,
    issue_number: number,
    per_page: 100,
  });
  const mine = comments.filter((c) => c.body?.includes(MARKER) && c.body.includes(suiteMarker(suite)));
  return mine.find((c) => c.user?.type === 'Bot') ?? mine[0] ?? null;
}

/**
 * Post `body` on the pull request, or update the suite's comment in place.
 * `{url, id, updated}`.
 */
export async function upsertPrComment(token, { owner, repo, number, suite, body }) {
  const client = await octokit(token);
  const existing = await findComment(client, { owner, repo, number, suite });
  if (existing) {
    const res = await client.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
    return { url: res.data.html_url, id: existing.id, updated: true };
  }
  const res = await client.rest.issues.createComment({ owner, repo, issue_number: number, body });
  return { url: res.data.html_url, id: res.data.id, updated: false };
}

/** Whether the suite already has a comment on the pull request (to keep it current). */
export async function hasPrComment(token, { owner, repo, number, suite }) {
  return (await findComment(await octokit(token), { owner, repo, number, suite })) !== null;
}

/** A commit comment (pushes: there is no pull request to comment on). */
export async function commitComment(token, { owner, repo, sha, body }) {
  const res = await (await octokit(token)).rest.repos.createCommitComment({ owner, repo, commit_sha: sha, body });
  return { url: res.data.html_url, id: res.data.id, updated: false };
}
