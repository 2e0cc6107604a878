// Change-point detection over a generated bundle (tests/browser/generate.mjs), in the
// dashboard page (Debian's chromium, through the page's `benchcoreDashboard` hooks: the
// recompute the sensitivity control triggers, `BundleData.detect` on the bundle WASM holds,
// and `detectBundle` from the JSON text, parse included; both return the result objects)
// against the native CLI on the same values (`benchcore detect --series series.jsonl`, the whole process:
// start, read, parse, detect, print). Medians of RUNS (9) timed runs of each, alternating,
// after one warm-up each.
// Exits 1 when the page takes more than LIMIT (2) times the CLI, or they disagree.
//
//   node tests/browser/speed.mjs DIR SITE CLI   (scripts/bench-dashboard.sh runs it)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { launch, openDashboard, serve, watchedPage } from './harness.mjs';

const [dir, site, cli] = process.argv.slice(2);
const RUNS = Number(process.env.RUNS ?? 9);
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
  // Alternate the three, so that load from other work on the machine falls on all alike.
  const held = [];
  const fromText = [];
  const cliTimes = [];
  let pageResult;
  let cliResult;
  for (let i = 0; i <= RUNS; i++) {
    pageResult = await page.evaluate(() => window.benchcoreDashboard.timeDetect({}));
    const t = await page.evaluate(() => window.benchcoreDashboard.timeDetectText({}));
    cliResult = native();
    if (t.changePoints !== pageResult.changePoints) throw new Error('detectBundle and BundleData disagree');
    if (i > 0) {
      held.push(pageResult.ms);
      fromText.push(t.ms);
      cliTimes.push(cliResult.ms);
    }
  }
  const p = median(held);
  const c = median(cliTimes);
  const list = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`series: ${pageResult.series}; change points: page ${pageResult.changePoints}, CLI ${cliResult.changePoints}`);
  console.log(`page, recompute (BundleData.detect, WASM in chromium): median ${p.toFixed(0)} ms of ${list(held)}`);
  console.log(`page, from the JSON text (detectBundle: parse + detect): median ${median(fromText).toFixed(0)} ms of ${list(fromText)}`);
  console.log(`native benchcore detect (whole process):               median ${c.toFixed(0)} ms of ${list(cliTimes)}`);
  console.log(`ratio page recompute / native: ${(p / c).toFixed(2)}; from text / native: ${(median(fromText) / c).toFixed(2)} (limit ${LIMIT})`);
  if (problems.length) console.log(`page problems: ${problems.join('; ')}`);
  const ok = p <= LIMIT * c && pageResult.changePoints === cliResult.changePoints && !problems.length;
  process.exitCode = ok ? 0 : 1;
} finally {
  await context.close();
  await srv.close();
}
