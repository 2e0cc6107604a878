// Change-point detection over a generated bundle (tests/browser/generate.mjs), in the
// dashboard page (Debian's chromium, through the page's `benchcoreDashboard.timeDetect` hook:
// `detectBundle` on the bundle's JSON text, parse + detection + result objects) against the
// native CLI on the same values (`benchcore detect --series series.jsonl`, the whole process:
// start, read, parse, detect, print). Medians of RUNS timed runs after one warm-up each.
// Exits 1 when the page takes more than LIMIT (2) times the CLI, or they disagree.
//
//   node tests/browser/speed.mjs DIR SITE CLI   (scripts/bench-dashboard.sh runs it)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { launch, openDashboard, serve, watchedPage } from './harness.mjs';

const [dir, site, cli] = process.argv.slice(2);
const RUNS = Number(process.env.RUNS ?? 7);
const LIMIT = Number(process.env.LIMIT ?? 2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function native() {
  const t0 = performance.now();
  const r = spawnSync(cli, ['detect', '--series', join(dir, 'series.jsonl')], { maxBuffer: 1 << 28, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(r.stderr);
  const changePoints = r.stdout.trim().split('\n').reduce((n, l) => n + JSON.parse(l).change_points.length, 0);
  return { ms, changePoints };
}

const srv = await serve(site);
const context = await launch();
try {
  const { page, problems } = await watchedPage(context);
  await openDashboard(page, srv.url);
  const inPage = [];
  let pageResult;
  for (let i = 0; i <= RUNS; i++) {
    pageResult = await page.evaluate(() => window.benchcoreDashboard.timeDetect({}));
    if (i > 0) inPage.push(pageResult.ms);
  }
  const cliTimes = [];
  let cliResult;
  for (let i = 0; i <= RUNS; i++) {
    cliResult = native();
    if (i > 0) cliTimes.push(cliResult.ms);
  }
  const p = median(inPage);
  const c = median(cliTimes);
  console.log(`series: ${pageResult.series}; change points: page ${pageResult.changePoints}, CLI ${cliResult.changePoints}`);
  console.log(`page  detectBundle (WASM, chromium): median ${p.toFixed(0)} ms of ${inPage.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`native benchcore detect (process):  median ${c.toFixed(0)} ms of ${cliTimes.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`ratio page / native: ${(p / c).toFixed(2)} (limit ${LIMIT})`);
  if (problems.length) console.log(`page problems: ${problems.join('; ')}`);
  const ok = p <= LIMIT * c && pageResult.changePoints === cliResult.changePoints && !problems.length;
  process.exitCode = ok ? 0 : 1;
} finally {
  await context.close();
  await srv.close();
}
