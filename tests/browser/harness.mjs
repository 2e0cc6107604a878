// Shared by the browser tests: the dashboard's static file server
// (bindings-wasm/dashboard/serve.mjs: node:http on 127.0.0.1, port 0, `.wasm` as
// application/wasm), Debian's chromium through playwright-core (no browser download), a page
// that records console errors, page errors and dialogs, and the benchcore CLI the
// expectations are computed with.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export { serve } from '../../bindings-wasm/dashboard/serve.mjs';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
const TARGET = resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'target');
export const CLI = process.env.BENCHCORE_CLI ?? join(TARGET, 'debug', 'benchcore');

/** Debian's chromium, headless, with a fresh temporary profile. */
export async function launch() {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'benchcore-chromium-')), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new page whose console errors, page errors and dialogs are collected in `problems`. */
export async function watchedPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', async (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    await d.dismiss();
  });
  return { page, problems };
}

/** Open `url` and wait until the dashboard has rendered (`html[data-ready]`). */
export async function openDashboard(page, url) {
  await page.goto(url);
  await page.waitForSelector('html[data-ready="1"]', { timeout: 30_000 });
}

/** Run the benchcore CLI; returns stdout. */
export function cli(args, input) {
  return execFileSync(CLI, args, { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 1 << 28 });
}

/**
 * The change points `benchcore detect` finds in every series of `bundle` (same values, same
 * directions), with `options` (DetectOptions JSON): one array of indices per series.
 */
export function cliChangePoints(bundle, options = {}) {
  const lines = bundle.series
    .map((s) =>
      JSON.stringify({
        name: s.name,
        values: s.points.map((p) => p[1]),
        lower_is_better: s.direction === 'lower-is-better',
      }),
    )
    .join('\n');
  const out = cli(['detect', '--series', '-', '--options', JSON.stringify(options)], lines + '\n');
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).change_points);
}
