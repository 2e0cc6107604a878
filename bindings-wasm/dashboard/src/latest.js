// The latest run against its baseline: one table per newest run (`checkBundle` reports,
// newest first) that has a series shown (the search applies), rows of those series, regressions first, then
// improvements, inconclusive and new ones, each by the size of the change; unchanged rows on
// request. A row's name selects its chart.
import { h } from './dom.js';
import { formatChange, formatValue, seriesKey } from './model.js';

const VERDICT_ORDER = ['regressed', 'improved', 'inconclusive', 'added', 'unchanged'];
const MAX_ROWS = 200; // per table; the search narrows it down

/**
 * The tables of `reports` for the visible `items`. `opts`: `open` (Set of run ids whose table
 * is open; updated on toggle), `showUnchanged`, `commitNode(sha)`, `toggleUnchanged()`,
 * `select(seriesKey)`.
 */
export function latestTables(reports, items, opts) {
  const wanted = new Set(items.map((it) => `${it.s.name}\u0000${it.s.metric}`));
  // Runs without a series shown are left out; the first one shown is open if none is.
  const shown = reports
    .map((r) => ({
      r,
      all: r.benchmarks
        .filter((b) => wanted.has(`${b.name}\u0000${b.metric}`))
        .sort(
          (a, b) =>
            VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) ||
            Math.abs(b.relative_change ?? 0) - Math.abs(a.relative_change ?? 0),
        ),
    }))
    .filter((x) => x.all.length);
  if (shown.length && !shown.some((x) => opts.open.has(x.r.candidate.id))) {
    opts.open.add(shown[0].r.candidate.id);
  }
  if (!shown.length) return [h('p', { className: 'muted' }, 'No run has a series shown.')];
  return shown.map(({ r, all }) => {
    const quiet = all.filter((b) => b.verdict === 'unchanged').length;
    const rows = (opts.showUnchanged ? all : all.filter((b) => b.verdict !== 'unchanged')).slice(0, MAX_ROWS);
    const c = r.candidate;
    const counts = VERDICT_ORDER.filter((k) => r.summary[k]).map((k) => `${r.summary[k]} ${k}`);
    return h(
      'details',
      {
        className: 'latest',
        open: opts.open.has(c.id),
        dataset: { run: c.id },
        on: { toggle: (e) => opts.open[e.target.open ? 'add' : 'delete'](c.id) },
      },
      h(
        'summary',
        {},
        'Run ',
        opts.commitNode(c.commit),
        ` · ${(c.time ?? '').slice(0, 10)}${c.branch ? ` · ${c.branch}` : ''} — ${counts.join(', ')}`,
      ),
      rows.length ? table(rows, opts) : h('p', {}, 'Nothing moved.'),
      all.length > MAX_ROWS && rows.length === MAX_ROWS
        ? h('p', { className: 'muted' }, `First ${MAX_ROWS} rows shown; search to narrow down.`)
        : null,
      quiet
        ? h(
            'button',
            { type: 'button', className: 'quiet-toggle', on: { click: opts.toggleUnchanged } },
            opts.showUnchanged ? `Hide the ${quiet} unchanged` : `Show the ${quiet} unchanged`,
          )
        : null,
    );
  });
}

function table(rows, opts) {
  const head = ['Benchmark', 'Metric', 'Baseline', 'Latest', 'Change', 'Verdict', 'Why'];
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, head.map((t) => h('th', {}, t)))),
    h(
      'tbody',
      {},
      rows.map((b) =>
        h(
          'tr',
          { className: `verdict-${b.verdict}` },
          h('td', {}, h('button', { className: 'link', on: { click: () => opts.select(seriesKey(b)) } }, b.name)),
          h('td', {}, b.metric),
          h('td', { className: 'num' }, formatValue(b.baseline_center, b.unit)),
          h('td', { className: 'num' }, formatValue(b.value, b.unit)),
          h('td', { className: 'num' }, formatChange(b.relative_change)),
          h('td', {}, h('span', { className: `badge verdict-${b.verdict}` }, b.verdict)),
          h('td', { className: 'reason' }, b.reason),
        ),
      ),
    ),
  );
}
