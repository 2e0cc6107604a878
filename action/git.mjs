// git for the action, with the token kept out of sight:
// * it never goes into a URL (git prints remote URLs in errors and stores them in config);
//   it is sent as an `AUTHORIZATION: basic …` extra header, configured for the server's URL
//   (`http.https://github.com/.extraheader`) through GIT_CONFIG_COUNT/KEY/VALUE environment
//   variables of each git process, so it is on no command line (`ps`) and in no file. An
//   empty value first resets the headers `actions/checkout` persisted for that URL, so git
//   does not send two Authorization headers.
// * the token and its base64 form are masked (`core.setSecret`) and scrubbed from every
//   output this module hands back or puts in an error.
// * GIT_TERMINAL_PROMPT=0: a missing credential fails instead of waiting for a password.

import { execFile } from 'node:child_process';

const BOT = {
  GIT_AUTHOR_NAME: 'github-actions[bot]',
  GIT_AUTHOR_EMAIL: '41898282+github-actions[bot]@users.noreply.github.com',
  GIT_COMMITTER_NAME: 'github-actions[bot]',
  GIT_COMMITTER_EMAIL: '41898282+github-actions[bot]@users.noreply.github.com',
};

export class GitError extends Error {
  constructor(message, { stderr = '', code = null } = {}) {
    super(message);
    this.name = 'GitError';
    this.stderr = stderr;
    this.exitCode = code;
  }
}

export class Git {
  /**
   * `cwd`: the repository; `token`: sent to `serverUrl` only; `setSecret`: masks a value in
   * the runner's log.
   */
  constructor({ cwd, token = '', serverUrl = 'https://github.com', setSecret = () => {} }) {
    this.cwd = cwd;
    this.secrets = [];
    const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', ...BOT };
    if (token) {
      const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
      this.secrets = [token, basic];
      for (const s of this.secrets) setSecret(s);
      const key = `http.${serverUrl.replace(/\/+$/, '')}/.extraheader`;
      const n = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
      Object.assign(env, {
        GIT_CONFIG_COUNT: String(n + 2),
        [`GIT_CONFIG_KEY_${n}`]: key,
        [`GIT_CONFIG_VALUE_${n}`]: '',
        [`GIT_CONFIG_KEY_${n + 1}`]: key,
        [`GIT_CONFIG_VALUE_${n + 1}`]: `AUTHORIZATION: basic ${basic}`,
      });
    }
    this.env = env;
  }

  /** `text` with every secret replaced by `***`. */
  scrub(text) {
    let out = String(text ?? '');
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }

  /**
   * Run `git ...args` in `cwd` (default: the repository). Resolves `{code, stdout, stderr}`
   * (scrubbed); a non-zero exit throws a GitError unless `allowFail`.
   */
  run(args, { cwd = this.cwd, allowFail = false } = {}) {
    return new Promise((resolve, reject) => {
      execFile('git', args, { cwd, env: this.env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        const out = {
          code: err ? (typeof err.code === 'number' ? err.code : 1) : 0,
          stdout: this.scrub(stdout),
          stderr: this.scrub(stderr),
        };
        if (err && typeof err.code !== 'number') {
          reject(new GitError(`git could not run: ${this.scrub(err.message)}`));
        } else if (out.code !== 0 && !allowFail) {
          const what = args
            .filter((a) => !a.startsWith('-'))
            .slice(0, 2)
            .join(' ');
          reject(new GitError(`git ${what} failed (exit ${out.code}): ${out.stderr.trim() || out.stdout.trim()}`, out));
        } else {
          resolve(out);
        }
      });
    });
  }
}

/** Whether a failed push was refused because the branch moved (retry after a fetch). */
export function isRejected(err) {
  const text = `${err?.message ?? ''}\n${err?.stderr ?? ''}`;
  return /\[rejected\]|\[remote rejected\]|non-fast-forward|fetch first|failed to (update|lock)|cannot lock ref|stale info/i.test(
    text,
  );
}
