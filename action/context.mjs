// What the workflow event says: which commit and branch this run measured, which branch's
// history is its baseline, whether to store it, and whether the token may write.
//
// * pull_request / pull_request_target: the run measured the PR's head commit; its baseline
//   is the base branch (`base-branch` input, else `pull_request.base.ref`); nothing is stored.
//   A `pull_request` from a fork runs with a read-only token: summary only.
// * merge_group: the queue's temporary branch; baseline `merge_group.base_ref`; not stored.
// * anything else (push, schedule, workflow_dispatch, …): the run measured the pushed commit
//   on its branch, is judged against that branch's own history and stored.
//
// Commit (as github-action-benchmark finds it, src/extract.ts `getCommit`): the payload's
// `head_commit`, else the PR head, else the `ref` input, else GITHUB_SHA.

function branchOf(ref) {
  if (!ref) return null;
  return ref.replace(/^refs\/(heads|tags)\//, '');
}

/** The event context from the environment, the event payload and the inputs. */
export function eventContext(env, payload, inputs, resolveRef = (r) => r) {
  const event = env.GITHUB_EVENT_NAME || '';
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY || payload.repository?.full_name || '').split('/');
  const pr = payload.pull_request;
  const isPR = Boolean(pr) && (event === 'pull_request' || event === 'pull_request_target');
  const queue = event === 'merge_group' ? payload.merge_group : null;
  const baseRepo = pr?.base?.repo?.full_name ?? payload.repository?.full_name ?? `${owner}/${repo}`;
  // A deleted fork has no head repository: treat it as a fork.
  const isFork = isPR && pr.head?.repo?.full_name !== baseRepo;
  let branch;
  if (isPR) branch = isFork ? pr.head?.label || pr.head?.ref : pr.head?.ref;
  else if (queue) branch = branchOf(queue.head_ref);
  else branch = env.GITHUB_REF_NAME || branchOf(env.GITHUB_REF);
  const commit =
    payload.head_commit?.id ||
    pr?.head?.sha ||
    queue?.head_sha ||
    (inputs.ref ? resolveRef(inputs.ref) : '') ||
    env.GITHUB_SHA ||
    null;
  const ownBase = isPR ? pr.base?.ref : queue ? branchOf(queue.base_ref) : branch;
  const baseBranch = inputs.baseBranch || ownBase || payload.repository?.default_branch || null;
  return {
    event,
    owner,
    repo,
    isPR,
    isFork,
    prNumber: isPR ? pr.number : null,
    branch: branch || null,
    commit,
    baseBranch,
    defaultBranch: payload.repository?.default_branch || baseBranch,
    // Only runs of a branch's own history are stored: never a PR's or a merge queue's.
    store: !isPR && !queue,
    // A fork's pull_request gets a read-only token (pull_request_target runs in the base).
    readOnly: isFork && event === 'pull_request',
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
  };
}
