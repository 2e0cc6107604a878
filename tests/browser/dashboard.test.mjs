// The dashboard in a real browser (Debian's chromium through playwright-core), on the site
// `benchcore dashboard` writes for examples/history, served on 127.0.0.1. Expectations are
// derived, not typed in: the marks must equal what `benchcore detect` finds in the same
// series with the same options. Screenshots go to tests/artifacts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, cli, cliChangePoints, launch, openDashboard, serve, watchedPage } from './harness.mjs';

const REPO = 'https://github.com/jmfiaschi/chewdata';
let work, site, bundle, server, context;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'benchcore-dashboard-'));
  site = join(work, 'site');
  cli(['dashboard', '--history', 'examples/history', '--out', site, '--repo-url', REPO, '--title', 'benchcore example history']);
  bundle = JSON.parse(readFileSync(join(site, 'data', 'bundle.json'), 'utf8'));
  server = await serve(site);
  context = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await context?.close();
  await server?.close();
});

/** Per card (by series index): the change-point indices and directions the page shows. */
async function marks(page) {
  return page.$$eval('article.card', (cards) =>
    Object.fromEntries(
      cards.map((c) => [
        c.dataset.index,
        [...c.querySelectorAll('li[data-cp-index]')].map((li) => [Number(li.dataset.cpIndex), li.dataset.direction]),
      ]),
    ),
  );
}

/** What `benchcore detect` says, in the same shape, for the series shown. */
function expected(options, shown) {
  const all = cliChangePoints(bundle, options);
  return Object.fromEntries(shown.map((i) => [String(i), all[i].map((c) => [c.index, c.direction])]));
}

const recomputed = (page) => page.evaluate(() => Number(document.documentElement.dataset.recomputed));

/** Set a range input the way a user drags it (value, then an input event). */
async function slide(page, id, value) {
  const before = await recomputed(page);
  await page.evaluate(
    ([id, value]) => {
      const el = document.getElementById(id);
      el.value = String(value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [id, value],
  );
  await page.waitForFunction((n) => Number(document.documentElement.dataset.recomputed) > n, before);
}

test('one chart per series, change points where benchcore detect puts them, no console errors', async () => {
  const { page, problems } = await watchedPage(context);
  await openDashboard(page, server.url);
  const cards = await page.$$eval('article.card', (c) => c.map((x) => Number(x.dataset.index)));
  assert.equal(cards.length, bundle.series.length);
  assert.deepEqual([...cards].sort((a, b) => a - b), bundle.series.map((_, i) => i));
  assert.equal(await page.locator('article.card .chart canvas').count(), bundle.series.length);
  // Series whose runs kept raw samples have a spread band; the others none.
  const bands = await page.evaluate(() =>
    window.benchcoreDashboard.app.charts.map((u) => [u.bands?.length ?? 0, u.data.length]),
  );
  const withSpread = bundle.series.filter((s) => s.spread?.some(Boolean)).length;
  assert.ok(withSpread > 0 && withSpread < bundle.series.length, `${withSpread} series with spread`);
  assert.equal(bands.filter(([b, n]) => b === 1 && n === 4).length, withSpread);
  assert.equal(bands.filter(([b, n]) => b === 0 && n === 2).length, bundle.series.length - withSpread);
  const want = expected({}, cards);
  assert.ok(Object.values(want).flat().length > 0, 'the example must have change points to test');
  assert.deepEqual(await marks(page), want);
  // Each change point names its run's commit as a link from the --repo-url template.
  const links = await page.$$eval('li[data-cp-index] a', (a) => a.map((x) => x.href));
  assert.ok(links.length > 0 && links.every((h) => h.startsWith(`${REPO}/commit/`)), links.join(' '));
  await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the sensitivity control recomputes in WASM and moves the marks', async () => {
  const { page, problems } = await watchedPage(context);
  await openDashboard(page, server.url);
  const shown = Object.keys(await marks(page)).map(Number);
  const defaults = expected({}, shown);
  // α = 0.01 (the slider is log10 α).
  const looser = expected({ alpha: 0.01 }, shown);
  assert.notDeepEqual(looser, defaults, 'α = 0.01 must change the example’s change points');
  await slide(page, 'alpha', -2);
  assert.deepEqual(await marks(page), looser);
  assert.match(page.url(), /[?&]alpha=0\.01(&|$)/);
  // A smallest change of 20% on top.
  await slide(page, 'mag', 0.2);
  assert.deepEqual(await marks(page), expected({ alpha: 0.01, min_magnitude: 0.2 }, shown));
  // PELT.
  const before = await recomputed(page);
  await page.selectOption('#method', 'pelt');
  await page.waitForFunction((n) => Number(document.documentElement.dataset.recomputed) > n, before);
  const pelt = expected({ method: 'pelt', min_magnitude: 0.2 }, shown);
  assert.notDeepEqual(pelt, expected({ alpha: 0.01, min_magnitude: 0.2 }, shown));
  assert.deepEqual(await marks(page), pelt);
  // Defaults again.
  const n = await recomputed(page);
  await page.click('#reset');
  await page.waitForFunction((k) => Number(document.documentElement.dataset.recomputed) > k, n);
  assert.deepEqual(await marks(page), defaults);
  assert.equal(new URL(page.url()).search, '');
  assert.deepEqual(problems, []);
  await page.close();
});

test('search filters the charts and the latest-run table, and lives in the URL', async () => {
  const { page, problems } = await watchedPage(context);
  await openDashboard(page, server.url);
  const q = 'read_js';
  const want = bundle.series.filter((s) => s.name.toLowerCase().includes(q)).map((s) => s.name).sort();
  assert.ok(want.length > 0 && want.length < bundle.series.length);
  await page.fill('#search', q);
  await page.waitForFunction((n) => document.querySelectorAll('article.card').length === n, want.length);
  const names = await page.$$eval('article.card', (c) => c.map((x) => x.dataset.key));
  assert.deepEqual(names.sort(), want);
  assert.match(page.url(), /[?&]q=read_js(&|$)/);
  // The table: show the unchanged rows too; every row is one of the matching series.
  await page.$$eval('#latest-tables details', (d) => d.forEach((x) => { x.open = true; }));
  const toggle = page.locator('#latest-tables button.quiet-toggle').first();
  if (await toggle.count()) await toggle.click();
  assert.equal(await page.locator('#latest-tables details:not([open])').count(), 0, 'tables stay open');
  const rows = await page.$$eval('#latest-tables tbody tr td:first-child', (t) => t.map((x) => x.textContent));
  assert.ok(rows.length > 0 && rows.every((r) => want.includes(r)), rows.join(', '));
  // A row's name selects its chart (and clears the search so the chart is there).
  await page.locator('#latest-tables tbody button.link').first().click();
  await page.waitForSelector('article.card.selected');
  const sel = new URL(page.url()).searchParams;
  assert.equal(sel.get('sel'), rows[0]);
  assert.equal(sel.get('q'), null);
  assert.equal(await page.locator('article.card.selected').getAttribute('data-key'), rows[0]);
  assert.equal(await page.locator('article.card').count(), bundle.series.length);
  await page.fill('#search', 'no such benchmark anywhere');
  await page.waitForFunction(() => document.querySelectorAll('article.card').length === 0);
  assert.match(await page.textContent('#count'), /No series match/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('toggles, sort, selection and sensitivity round-trip through the URL', async () => {
  const { page, problems } = await watchedPage(context);
  await openDashboard(page, server.url);
  await page.check('#dark');
  await page.check('#zero');
  await page.check('#log');
  assert.ok(await page.isDisabled('#zero'), 'y from zero means nothing on a log scale');
  await page.selectOption('#sort', 'recent');
  await slide(page, 'alpha', -2);
  const key = await page.locator('article.card').nth(2).getAttribute('data-key');
  await page.locator('article.card').nth(2).locator('button.name').click();
  const url = page.url();
  const params = new URL(url).searchParams;
  assert.deepEqual(
    Object.fromEntries(params),
    { sort: 'recent', theme: 'dark', log: '1', zero: '1', alpha: '0.01', sel: key },
  );
  // A fresh page from the shared URL shows the same view.
  const other = await watchedPage(context);
  await openDashboard(other.page, url);
  const view = await other.page.evaluate(() => ({
    theme: document.documentElement.dataset.theme,
    dark: document.getElementById('dark').checked,
    log: document.getElementById('log').checked,
    zero: document.getElementById('zero').checked,
    sort: document.getElementById('sort').value,
    alpha: document.getElementById('alpha-out').value,
    selected: [...document.querySelectorAll('article.card.selected')].map((c) => c.dataset.key),
  }));
  assert.deepEqual(view, { theme: 'dark', dark: true, log: true, zero: true, sort: 'recent', alpha: '0.01', selected: [key] });
  const shown = Object.keys(await marks(other.page)).map(Number);
  assert.deepEqual(await marks(other.page), expected({ alpha: 0.01 }, shown));
  // Sorted by most recent change: series with change points first, newest change first.
  const order = await other.page.$$eval('article.card', (c) => c.map((x) => Number(x.dataset.index)));
  const all = cliChangePoints(bundle, { alpha: 0.01 });
  const lastTime = (i) => {
    const c = all[i].at(-1);
    return c ? Date.parse(bundle.runs[bundle.series[i].points[c.index][0]].time) : -Infinity;
  };
  const times = order.map(lastTime);
  assert.deepEqual(times, [...times].sort((a, b) => b - a));
  await other.page.screenshot({ path: join(ARTIFACTS, 'dashboard-dark-log.png'), fullPage: false });
  // Clicking the selected name clears the selection.
  await other.page.locator('article.card.selected button.name').click();
  assert.equal(new URL(other.page.url()).searchParams.get('sel'), null);
  assert.deepEqual([...problems, ...other.problems], []);
  await page.close();
  await other.page.close();
});

test('a point click pins its run with the commit link', async () => {
  const { page, problems } = await watchedPage(context);
  await openDashboard(page, server.url);
  const idx = bundle.series.findIndex((s) => s.name === 'read_json/');
  const card = page.locator(`article.card[data-index="${idx}"]`);
  const over = card.locator('.u-over');
  const box = await over.boundingBox();
  await over.click({ position: { x: box.width - 2, y: box.height / 2 } });
  const last = bundle.runs[bundle.series[idx].points.at(-1)[0]];
  const link = card.locator('.pick a');
  assert.equal(await link.getAttribute('href'), `${REPO}/commit/${last.commit}`);
  assert.match(await card.locator('.pick').textContent(), new RegExp(`^Run ${bundle.series[idx].points.length}: `));
  assert.deepEqual(problems, []);
  await page.close();
});

test('untrusted names stay text: no markup, no script, no dialog', async (t) => {
  const evil = '<img src=x onerror=alert(1)>';
  const flag = '<img src=y onerror="window.__xss=1">';
  const b = structuredClone(bundle);
  b.series.push({ ...b.series[0], name: evil, group: '<script>window.__xss=2</script>' });
  b.series.push({ ...b.series[0], name: flag, group: null });
  b.runs.at(-1).branch = '<b onmouseover=alert(2)>main</b>';
  // Markdown, mentions, a javascript: link, a terminal escape and a bidi override.
  const tricky = '[click](javascript:alert(4)) @octocat **bold** \u001b[31mred\u202eevil';
  b.series.push({ ...b.series[0], name: tricky, group: null });
  // A commit that is a javascript: URL becomes a path under the repository, never a link of its own.
  const jsCommit = 'javascript:window.__xss=5';
  b.runs[b.series[0].points.at(-1)[0]].commit = jsCommit;
  const file = join(work, 'evil.json');
  writeFileSync(file, JSON.stringify(b));
  const evilSite = join(work, 'evil-site');
  cli(['dashboard', '--bundle', file, '--out', evilSite, '--repo-url', REPO, '--title', '<img src=z onerror=alert(3)>']);
  const srv = await serve(evilSite);
  t.after(() => srv.close()); // also when an assertion fails: an open server would keep node running
  const { page, problems } = await watchedPage(context);
  await openDashboard(page, srv.url);
  assert.equal(await page.locator('article.card').count(), b.series.length);
  const texts = await page.$$eval('article.card button.name', (x) => x.map((e) => e.textContent));
  assert.ok(texts.includes(evil) && texts.includes(flag), texts.join(' | '));
  // Control and bidi characters are shown as the core's escapes; the rest stays literal text.
  const shown = '[click](javascript:alert(4)) @octocat **bold** \\x1b[31mred\\u{202e}evil';
  assert.ok(texts.includes(shown), texts.join(' | '));
  assert.ok(texts.every((t) => !/[\u0000-\u001f\u202a-\u202e]/u.test(t)), 'no raw controls shown');
  const trickyCard = page.locator(`article.card[data-index="${b.series.length - 1}"]`);
  const over = trickyCard.locator('.u-over');
  const box = await over.boundingBox();
  await over.click({ position: { x: box.width - 2, y: box.height / 2 } });
  assert.equal(
    await trickyCard.locator('.pick a').getAttribute('href'),
    `${REPO}/commit/${encodeURIComponent(jsCommit)}`,
  );
  const hrefs = await page.$$eval('a[href]', (x) => x.map((e) => e.getAttribute('href')));
  assert.ok(hrefs.every((h) => !/^\s*javascript:/i.test(h)), hrefs.join(' '));
  const commits = hrefs.filter((h) => !['https://github.com/benchcore/benchcore', 'https://github.com/leeoniya/uPlot'].includes(h));
  assert.ok(commits.length > 0 && commits.every((h) => h.startsWith(`${REPO}/commit/`)), hrefs.join(' '));
  assert.equal(await page.textContent('h1'), '<img src=z onerror=alert(3)>');
  assert.equal(await page.locator('main img, h1 img, header img').count(), 0);
  assert.equal(await page.locator('main script').count(), 0);
  // Hover every chart so tooltips render the hostile branch too.
  for (const over of await page.locator('.u-over').all()) await over.hover();
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(problems, []);
  await page.screenshot({ path: join(ARTIFACTS, 'dashboard-xss.png') });
  await page.close();
});
