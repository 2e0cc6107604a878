// The benchcore dashboard page: loads data/bundle.json (a `benchcore history export` bundle)
// and data/config.json, detects change points over the whole bundle in the browser through
// the core compiled to WebAssembly (`BundleData.detect`: the bundle is read once), judges the
// newest point of each series with the history gate (`BundleData.check`), and draws one uPlot chart per series. Every control
// lives in the URL query, so a view can be shared. Untrusted text (benchmark names, commits,
// branches, the title) only ever reaches the DOM as text: elements are built with
// createElement/textContent, never innerHTML.
import init, { BundleData, detectBundle } from './pkg/benchcore_wasm.js';
import { makeChart } from './chart.js';
import { commitLink, h } from './dom.js';
import { latestTables } from './latest.js';
import {
  DEFAULTS,
  arrange,
  classify,
  detectOptions,
  formatChange,
  formatValue,
  matches,
  seriesKey,
  stateFromQuery,
  stateToQuery,
  visible,
} from './model.js';

const PAGE = 60; // charts drawn at first; "Show more" adds this many
const $ = (id) => document.getElementById(id);

const app = {
  config: { title: 'Benchmarks', commit_url: null },
  text: '', // the bundle's JSON text
  data: null, // the bundle as read once by WASM (BundleData)
  bundle: null,
  items: [], // {s, index, key, cls, changes, verdict}
  reports: [],
  state: { ...DEFAULTS },
  limit: PAGE,
  charts: [],
  timings: {},
  recomputed: 0,
  showUnchanged: false,
  openReports: new Set(), // candidate run ids whose table is open
};

function commitNode(sha) {
  return commitLink(app.config.commit_url, sha);
}

// ---------------------------------------------------------------- state and URL

function setState(patch, { recompute = false } = {}) {
  Object.assign(app.state, patch);
  const query = stateToQuery(app.state);
  history.replaceState(null, '', `${location.pathname}${query}${location.hash}`);
  applyTheme();
  syncControls();
  if (recompute) recomputeAndRender();
  else render();
}

function applyTheme() {
  const t = app.state.theme;
  const dark = t ? t === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

function syncControls() {
  const s = app.state;
  if ($('search').value !== s.q) $('search').value = s.q;
  $('sort').value = s.sort;
  $('dark').checked = document.documentElement.dataset.theme === 'dark';
  $('log').checked = s.log;
  $('zero').checked = s.zero;
  $('zero').disabled = s.log;
  $('method').value = s.method;
  $('alpha').value = String(Math.log10(s.alpha));
  $('alpha').disabled = s.method !== 'e-divisive';
  $('alpha-out').value = s.method === 'e-divisive' ? String(s.alpha) : 'n/a (PELT)';
  $('mag').value = String(s.mag);
  $('mag-out').value = `${(s.mag * 100).toFixed(1)}%`;
}

function bindControls() {
  let searchTimer;
  $('search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => setState({ q: $('search').value }), 150);
  });
  $('sort').addEventListener('change', () => setState({ sort: $('sort').value }));
  $('dark').addEventListener('change', () => setState({ theme: $('dark').checked ? 'dark' : 'light' }));
  $('log').addEventListener('change', () => setState({ log: $('log').checked }));
  $('zero').addEventListener('change', () => setState({ zero: $('zero').checked }));
  $('method').addEventListener('change', () => setState({ method: $('method').value }, { recompute: true }));
  let detectTimer;
  const later = (patch) => {
    clearTimeout(detectTimer);
    detectTimer = setTimeout(() => setState(patch, { recompute: true }), 120);
  };
  $('alpha').addEventListener('input', () => {
    const alpha = Number((10 ** Number($('alpha').value)).toPrecision(2));
    $('alpha-out').value = String(alpha);
    later({ alpha });
  });
  $('mag').addEventListener('input', () => {
    const mag = Number(Number($('mag').value).toFixed(3));
    $('mag-out').value = `${(mag * 100).toFixed(1)}%`;
    later({ mag });
  });
  $('reset').addEventListener('click', () =>
    setState({ method: DEFAULTS.method, alpha: DEFAULTS.alpha, mag: DEFAULTS.mag }, { recompute: true }),
  );
  $('more').addEventListener('click', () => {
    app.limit += PAGE;
    render();
  });
  let resizeTimer;
  addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(render, 200);
  });
}

// ---------------------------------------------------------------- WASM

/** Change points of every series with the current options, then the gate on the newest runs. */
function recompute() {
  const options = detectOptions(app.state);
  let t0 = performance.now();
  const detection = app.data.detect(options);
  app.timings.detect = performance.now() - t0;
  detection.series.forEach((d, i) => {
    app.items[i].changes = d.change_points;
  });
  const refs = app.items.flatMap((it) =>
    it.changes.map((c) => ({ name: it.s.name, metric: it.s.metric, index: c.index })),
  );
  t0 = performance.now();
  app.reports = app.data.check({ detect: options }, refs);
  if (app.recomputed === 0 && app.reports[0]) app.openReports.add(app.reports[0].candidate.id);
  app.timings.check = performance.now() - t0;
  const verdicts = new Map();
  for (const r of app.reports) {
    for (const row of r.benchmarks) verdicts.set(`${row.name}\u0000${row.metric}`, row);
  }
  for (const it of app.items) it.verdict = verdicts.get(`${it.s.name}\u0000${it.s.metric}`) ?? null;
  app.recomputed += 1;
}

function recomputeAndRender() {
  try {
    recompute();
  } catch (e) {
    showError(`Detection failed (${e.code ?? 'error'}): ${e.message}`);
  }
  render();
}

// ---------------------------------------------------------------- rendering

function visibleItems() {
  return app.items.filter((it) => matches(it.s, app.state.q));
}

function render() {
  for (const u of app.charts) u.destroy();
  app.charts = [];
  const items = visibleItems();
  const total = items.reduce((n, it) => n + it.changes.length, 0);
  const regressions = items.reduce(
    (n, it) => n + it.changes.filter((c) => c.direction === 'regression').length,
    0,
  );
  $('timing').textContent =
    `${total} change point${total === 1 ? '' : 's'} (${regressions} regression${regressions === 1 ? '' : 's'}) ` +
    `in ${items.length} series · detection ${app.timings.detect?.toFixed(0)} ms · gate ${app.timings.check?.toFixed(0)} ms (WebAssembly)`;
  renderLatest(items);
  renderCharts(items);
  document.documentElement.dataset.recomputed = String(app.recomputed);
  document.documentElement.dataset.ready = '1';
}

function renderCharts(items) {
  const groups = arrange(items, app.state.sort, app.bundle.runs);
  const selIndex = items.findIndex((it) => it.key === app.state.sel);
  let budget = Math.max(app.limit, selIndex + 1);
  const out = [];
  let shown = 0;
  for (const g of groups) {
    const cards = [];
    for (const it of g.items) {
      if (budget <= 0) break;
      budget -= 1;
      shown += 1;
      cards.push(card(it));
    }
    if (!cards.length) continue;
    const heading = g.group === null ? null : h('h2', { className: 'group' }, g.group || 'Other benchmarks');
    out.push(h('section', { className: 'group-section' }, heading, h('div', { className: 'cards' }, cards)));
  }
  $('groups').replaceChildren(...out);
  $('count').textContent = items.length
    ? `${items.length} of ${app.items.length} series${shown < items.length ? `, ${shown} drawn` : ''}`
    : `No series match “${app.state.q}”.`;
  $('more').hidden = shown >= items.length;
  $('more').textContent = `Show ${Math.min(PAGE, items.length - shown)} more`;
  // Charts need their card in the document to measure its width.
  for (const el of $('groups').querySelectorAll('.card')) {
    const it = app.items[Number(el.dataset.index)];
    const u = makeChart(el.querySelector('.chart'), it, app.bundle.runs, app.state, (i) => pick(el, it, i));
    app.charts.push(u);
  }
  const sel = [...$('groups').querySelectorAll('.card')].find((el) => el.dataset.key === app.state.sel);
  if (sel && app.scrollPending) sel.scrollIntoView({ block: 'start' });
  app.scrollPending = false;
}

function card(it) {
  const { s, cls } = it;
  const selected = it.key === app.state.sel;
  const v = it.verdict;
  const badge = v
    ? h(
        'span',
        { className: `badge verdict-${v.verdict}`, title: v.reason },
        `latest: ${v.verdict}${v.relative_change != null ? ` ${formatChange(v.relative_change)}` : ''}`,
      )
    : null;
  const changes = h(
    'ol',
    { className: 'changes' },
    it.changes.map((c) => {
      const run = app.bundle.runs[s.points[c.index]?.[0]];
      return h(
        'li',
        { className: c.direction, dataset: { cpIndex: String(c.index), direction: c.direction } },
        h('span', { className: 'change' }, formatChange(c.relative_change)),
        ` ${c.direction} at run ${c.index + 1} `,
        run ? `(${run.time.slice(0, 10)}) ` : '',
        commitNode(c.commit ?? run?.commit),
        `: ${formatValue(c.before, s.unit)} → ${formatValue(c.after, s.unit)}`,
      );
    }),
  );
  return h(
    'article',
    {
      className: `card${selected ? ' selected' : ''}`,
      dataset: { key: it.key, index: String(it.index) },
    },
    h(
      'header',
      {},
      h(
        'h3',
        {},
        h(
          'button',
          {
            className: 'name',
            title: selected ? 'Selected (shared in the URL); click to clear' : 'Select (shared in the URL)',
            on: { click: () => setState({ sel: selected ? '' : it.key }) },
          },
          cls.func || s.name,
        ),
        cls.param ? h('span', { className: 'param' }, cls.param) : null,
      ),
      h(
        'span',
        { className: 'meta' },
        `${s.name} · ${s.metric} (${s.unit}, ${s.direction}) · ${s.points.length} runs`,
        s.spread?.some(Boolean) ? ' · band: interquartile range of each run’s samples' : '',
      ),
      badge,
    ),
    h('div', { className: 'chart' }),
    it.changes.length ? changes : h('p', { className: 'changes none' }, 'No change points.'),
    h('div', { className: 'pick' }),
  );
}

/** Pin point `i` of a card: its run, commit link and value. */
function pick(el, it, i) {
  const run = app.bundle.runs[it.s.points[i][0]];
  el.querySelector('.pick').replaceChildren(
    h(
      'p',
      { className: 'picked' },
      `Run ${i + 1}: ${formatValue(it.s.points[i][1], it.s.unit)} · ${run.time.replace('T', ' ').slice(0, 19)} · `,
      run.branch ? `${run.branch} · ` : '',
      commitNode(run.commit),
    ),
  );
}

function renderLatest(items) {
  const tables = latestTables(app.reports, items, {
    open: app.openReports,
    showUnchanged: app.showUnchanged,
    commitNode,
    toggleUnchanged: () => {
      app.showUnchanged = !app.showUnchanged;
      renderLatest(visibleItems());
    },
    select: (key) => {
      app.scrollPending = true;
      setState({ sel: key, q: '' });
    },
  });
  $('latest-tables').replaceChildren(...tables);
}

function showError(message) {
  const el = $('error');
  el.textContent = visible(message);
  el.hidden = false;
}

// ---------------------------------------------------------------- start

async function fetchText(path) {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.text();
}

async function main() {
  app.state = stateFromQuery(location.search);
  app.scrollPending = Boolean(app.state.sel);
  applyTheme();
  const t0 = performance.now();
  const [, configText, text] = await Promise.all([init(), fetchText('data/config.json'), fetchText('data/bundle.json')]);
  app.config = { ...app.config, ...JSON.parse(configText) };
  app.text = text;
  app.data = new BundleData(text);
  app.bundle = JSON.parse(text);
  app.timings.load = performance.now() - t0;
  document.title = visible(app.config.title);
  $('title').textContent = visible(app.config.title);
  const first = app.bundle.runs[0]?.time.slice(0, 10);
  const last = app.bundle.runs.at(-1)?.time.slice(0, 10);
  $('subtitle').textContent = `${app.bundle.series.length} series over ${app.bundle.runs.length} runs${first ? ` (${first} – ${last})` : ''}`;
  app.items = app.bundle.series.map((s, index) => ({
    s,
    index,
    key: seriesKey(s),
    cls: classify(s),
    changes: [],
    verdict: null,
  }));
  bindControls();
  syncControls();
  recomputeAndRender();
}

/** The hook the browser tests and the speed measurement use (see tests/browser/). */
window.benchcoreDashboard = {
  app,
  /** Time the page's recompute: detection over the bundle WASM holds (`BundleData.detect`). */
  timeDetect(options = detectOptions(app.state)) {
    return timed(() => app.data.detect(options));
  },
  /** Time `detectBundle` from the bundle's JSON text: parse, then detect. */
  timeDetectText(options = detectOptions(app.state)) {
    return timed(() => detectBundle(app.text, options));
  },
};

function timed(f) {
  const t0 = performance.now();
  const d = f();
  const ms = performance.now() - t0;
  return { ms, series: d.series.length, changePoints: d.series.reduce((n, s) => n + s.change_points.length, 0) };
}

main().catch((e) => {
  showError(`The dashboard could not load: ${e.message}`);
  console.error(e);
});
