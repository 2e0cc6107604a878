// One uPlot chart per series: the values by run (x = the point's position in the series, so
// change-point indices from the core map straight onto it), the spread of each run's raw
// samples as a band when the bundle has it, the levels between change points, a dashed line at each change point (red: regression, green: improvement), a tooltip
// naming the run and a click that pins the point (the page shows its commit link).
import { formatValue, shortSha, visible } from './model.js';

const uPlot = () => globalThis.uPlot;

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/**
 * Draw `item` ({s, changes}) into `el`. `runs` are the bundle's runs, `state` the view state
 * (log, zero), `onPick(pointIndex)` is called on a click. Returns the uPlot instance.
 */
export function makeChart(el, item, runs, state, onPick) {
  const { s } = item;
  const xs = s.points.map((_, i) => i);
  const ys = s.points.map((p) => p[1]);
  const log = state.log && ys.every((v) => v > 0);
  const colors = {
    line: css('--chart-line'),
    grid: css('--chart-grid'),
    text: css('--fg-muted'),
    level: css('--chart-level'),
    band: css('--chart-band'),
    regression: css('--bad'),
    improvement: css('--good'),
  };
  const runOf = (i) => runs[s.points[i]?.[0]];
  const tooltip = document.createElement('div');
  tooltip.className = 'tooltip';
  tooltip.hidden = true;

  // The spread band (interquartile range of each run's samples) under the line, when the
  // bundle has it: series 1 and 2 are its edges, series 3 the values.
  const spread = s.spread?.some(Boolean) ? s.spread : null;
  const edge = { stroke: 'transparent', width: 0, points: { show: false } };
  const bandSeries = spread ? [edge, edge] : [];
  const bandData = spread
    ? [spread.map((r) => (r ? r[1] : null)), spread.map((r) => (r ? r[0] : null))]
    : [];

  const opts = {
    width: Math.max(280, el.clientWidth || 600),
    height: 200,
    legend: { show: false },
    cursor: { y: false, points: { size: 7 }, drag: { x: false, y: false } },
    scales: {
      x: { time: false },
      // Log: uPlot's own range, which snaps to decades.
      y: log
        ? { distr: 3 }
        : {
            distr: 1,
            range: (u, min, max) => {
              const pad = (max - min) * 0.08 || Math.abs(max) * 0.05 || 1;
              return [state.zero ? Math.min(0, min) : min - pad, max + pad];
            },
          },
    },
    axes: [
      {
        stroke: colors.text,
        grid: { stroke: colors.grid, width: 1 },
        ticks: { stroke: colors.grid },
        incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000],
        values: (u, splits) =>
          splits.map((i) => {
            const r = Number.isInteger(i) ? runOf(i) : null;
            return r ? r.time.slice(5, 10) : '';
          }),
      },
      {
        stroke: colors.text,
        grid: { stroke: colors.grid, width: 1 },
        ticks: { stroke: colors.grid },
        size: (u, values) => (values ? Math.max(40, ...values.map((v) => v.length * 7 + 14)) : 60),
        values: (u, splits) => splits.map((v) => (v == null ? '' : formatValue(v, s.unit))),
      },
    ],
    bands: spread ? [{ series: [1, 2], fill: colors.band }] : [],
    series: [
      {},
      ...bandSeries,
      {
        stroke: colors.line,
        width: 1.5,
        points: { show: ys.length <= 120, size: 4, fill: colors.line },
      },
    ],
    hooks: {
      draw: [(u) => drawChanges(u, item, colors)],
      setCursor: [(u) => showTooltip(u, tooltip, s, runOf)],
    },
  };
  const u = new (uPlot())(opts, [xs, ...bandData, ys], el);
  u.over.appendChild(tooltip);
  u.over.addEventListener('mouseleave', () => {
    tooltip.hidden = true;
  });
  u.over.addEventListener('click', () => {
    if (u.cursor.idx != null) onPick(u.cursor.idx);
  });
  return u;
}

/** The segment levels (medians from the core) and a dashed line at each change point. */
function drawChanges(u, item, colors) {
  const { ctx } = u;
  const n = item.s.points.length;
  const cps = item.changes;
  const px = (x) => u.valToPos(x, 'x', true);
  const py = (y) => u.valToPos(y, 'y', true);
  const dpr = devicePixelRatio || 1;
  ctx.save();
  ctx.beginPath();
  ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
  ctx.clip();
  // Levels: segment k runs from the previous change point to this one.
  ctx.lineWidth = 2 * dpr;
  ctx.strokeStyle = colors.level;
  ctx.setLineDash([]);
  for (let k = 0; k <= cps.length; k++) {
    const from = k === 0 ? 0 : cps[k - 1].index;
    const to = k === cps.length ? n - 1 : cps[k].index - 1;
    const level = k === 0 ? cps[0]?.before : cps[k - 1].after;
    if (level == null || !(level > 0 || u.scales.y.distr !== 3)) continue;
    ctx.beginPath();
    ctx.moveTo(px(from), py(level));
    ctx.lineTo(px(Math.max(from, to)), py(level));
    ctx.stroke();
  }
  ctx.lineWidth = 2 * dpr;
  ctx.setLineDash([5 * dpr, 4 * dpr]);
  for (const c of cps) {
    const x = px(c.index - 0.5);
    ctx.strokeStyle = c.direction === 'regression' ? colors.regression : colors.improvement;
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
  }
  ctx.restore();
}

function showTooltip(u, tooltip, s, runOf) {
  const i = u.cursor.idx;
  if (i == null || u.cursor.left < 0) {
    tooltip.hidden = true;
    return;
  }
  const r = runOf(i);
  const q = s.spread?.[i];
  const lines = [
    formatValue(s.points[i][1], s.unit),
    q ? `samples' IQR ${formatValue(q[0], s.unit)} – ${formatValue(q[1], s.unit)}` : '',
    r ? r.time.replace('T', ' ').slice(0, 16) : '',
    r?.commit ? `commit ${shortSha(r.commit)}${r.branch ? ` (${r.branch})` : ''}` : r?.branch ?? '',
    'click to pin',
  ].filter(Boolean);
  tooltip.replaceChildren(
    ...lines.map((t) => {
      const d = document.createElement('div');
      d.textContent = visible(t);
      return d;
    }),
  );
  tooltip.hidden = false;
  const left = u.cursor.left;
  const flip = left > u.over.clientWidth / 2;
  tooltip.style.left = flip ? '' : `${left + 12}px`;
  tooltip.style.right = flip ? `${u.over.clientWidth - left + 12}px` : '';
  tooltip.style.top = `${Math.max(0, u.cursor.top - 10)}px`;
}
