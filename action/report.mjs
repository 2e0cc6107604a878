// Judging the run against the baseline branch's history, and the report about it.
//
// Two judgements, both by the core, both shown:
// * the comparison with the newest run of the baseline branch (`compare`: raw samples,
//   Mann–Whitney U, bootstrap interval, the threshold): what github-action-benchmark compares
//   with, minus its flaw of taking the last stored run of any branch;
// * the gate against the baseline branch's history (`check` with `baseline_branch`: the last
//   runs since its last change point, a window test): it knows how much a benchmark varies
//   from run to run on CI machines, which one pair of runs cannot show.
// `method` picks the verdict per benchmark: `compare`, `check`, or `auto` (default): the gate's
// where it is conclusive (enough history), else the comparison's. A gate verdict whose change
// is within the benchmark's own threshold (as the comparison applied it) counts as unchanged.

import { createRequire } from 'node:module';

import { checkOptionsFor, compareOptionsFor } from './inputs.mjs';

const bc = createRequire(import.meta.url)('@benchcore/node');

/** The core's report marker: first line of every comment this action writes. */
export const MARKER = '<!-- benchcore-report -->';

/** The hidden line that tells one suite's comment from another's. */
export function suiteMarker(name) {
  return `<!-- benchcore-suite: ${encodeURIComponent(name)} -->`;
}

const CONCLUSIVE = new Set(['regressed', 'improved', 'unchanged']);

/**
 * Series of the baseline runs, the ones with the newest points first: the gate looks a
 * benchmark up by name and metric and takes the first match, which must be the series still
 * being extended (a name can also have a series in another group, e.g. imported).
 */
export function orderedSeries(runs) {
  const at = new Map(runs.map((r, i) => [r.run.id, i]));
  const list = bc.series(
    runs.map((r) => r.run),
    { samples: false },
  );
  const last = (s) => Math.max(-1, ...s.points.map((p) => at.get(p.run_id) ?? -1));
  return list
    .map((s) => [last(s), s])
    .sort((a, b) => b[0] - a[0])
    .map(([, s]) => s);
}

/** The relative change in the worse direction (positive = worse). */
function worse(direction, change) {
  return direction === 'higher-is-better' ? -change : change;
}

/** One verdict per benchmark and metric from the two judgements, by `method`. */
export function decide(method, comparison, check) {
  const key = (r) => `${r.name}\u0000${r.metric}`;
  const compared = new Map(
    (comparison?.benchmarks ?? []).filter((r) => r.verdict !== 'removed').map((r) => [key(r), r]),
  );
  const gated = new Map((check?.benchmarks ?? []).map((r) => [key(r), r]));
  const keys = [...new Set([...compared.keys(), ...gated.keys()])];
  return keys.map((k) => {
    const c = compared.get(k);
    const g = gated.get(k);
    let chosen;
    if (method === 'compare') chosen = c ?? null;
    else if (method === 'check') chosen = g ?? null;
    else chosen = g && CONCLUSIVE.has(g.verdict) ? g : (c ?? g);
    const row = c ?? g;
    const d = {
      name: row.name,
      group: row.group ?? null,
      metric: row.metric,
      unit: row.unit,
      direction: row.direction,
      by: chosen === null ? null : chosen === g ? 'gate' : 'comparison',
      verdict: chosen?.verdict ?? 'added',
      change: chosen?.relative_change ?? null,
      threshold: c?.threshold ?? null,
      reason: chosen?.reason ?? `no ${method === 'check' ? 'history' : 'baseline run'} for this benchmark`,
    };
    const moved = d.verdict === 'regressed' || d.verdict === 'improved';
    if (d.by === 'gate' && moved && d.threshold !== null && d.change !== null && Math.abs(d.change) <= d.threshold) {
      d.reason += `; within this benchmark's ${pct(d.threshold, false)} threshold`;
      d.verdict = 'unchanged';
    }
    d.worse = d.change === null ? null : worse(d.direction, d.change);
    return d;
  });
}

/**
 * Judge `candidate` against `runs` (the baseline branch's history, oldest first), with
 * `baseline` the newest of them with raw samples (or null).
 */
export function judge({ candidate, runs, baseline, inputs, baseBranch, overrides }) {
  const compareOptions = compareOptionsFor(inputs, candidate, overrides);
  const comparison = baseline ? bc.compare(baseline.run, candidate, compareOptions) : null;
  let check = null;
  if (runs.length > 0) {
    check = bc.check(candidate, orderedSeries(runs), checkOptionsFor(inputs, baseBranch, comparison));
  }
  const decisions = decide(inputs.method, comparison, check);
  const count = (v) => decisions.filter((d) => d.verdict === v).length;
  return {
    comparison,
    check,
    decisions,
    counts: { regressed: count('regressed'), improved: count('improved'), inconclusive: count('inconclusive') },
  };
}

/** Whether the alerts reach the fail threshold: any alert, or one beyond `limits[direction]`. */
export function failing(decisions, limits) {
  return decisions.filter(
    (d) => d.verdict === 'regressed' && (limits === null || (d.worse !== null && d.worse > limits[d.direction])),
  );
}

// Markdown. Untrusted text (benchmark names, branches, reasons) goes through `esc`, a port of
// the core's `report/escape.rs` `markdown` (a test compares the two on hostile names).

function isUnsafe(c) {
  const u = c.codePointAt(0);
  return (
    u < 0x20 ||
    (u >= 0x7f && u <= 0x9f) ||
    u === 0x061c ||
    u === 0x200e ||
    u === 0x200f ||
    (u >= 0x202a && u <= 0x202e) ||
    (u >= 0x2066 && u <= 0x2069) ||
    u === 0x2028 ||
    u === 0x2029
  );
}

function visible(c) {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  const u = c.codePointAt(0);
  return u < 0x100 ? `\\x${u.toString(16).padStart(2, '0')}` : `\\u{${u.toString(16).padStart(4, '0')}}`;
}

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '@': '&#64;&#8203;' };
const PUNCT = new Set('\\`*_{}[]()#+-.!|~$');

/** `text` as inert GitHub Markdown (see core/src/report/escape.rs). */
export function esc(text) {
  let out = '';
  for (const c of String(text)) {
    if (isUnsafe(c)) {
      for (const v of visible(c)) out += PUNCT.has(v) ? `\\${v}` : v;
    } else if (ENTITIES[c]) out += ENTITIES[c];
    else if (PUNCT.has(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

/**
 * `text` safe inside an HTML block (a `<summary>`), where Markdown escapes are not read:
 * controls made visible, `& < > " ' @` as entities (the mention broken as in `esc`).
 */
export function escHtml(text) {
  let out = '';
  for (const c of String(text)) out += isUnsafe(c) ? visible(c) : (ENTITIES[c] ?? c);
  return out;
}

/** `+12.3%`. */
export function pct(x, sign = true) {
  if (x === null || x === undefined) return '—';
  const s = `${(Math.abs(x) * 100).toFixed(1)}%`;
  if (!sign) return s;
  return `${x < 0 ? '-' : '+'}${s}`;
}

const ICON = { regressed: '❌ ', improved: '✅ ', inconclusive: '❔ ', added: '➕ ', unchanged: '' };

function withoutMarker(text) {
  return text.startsWith(MARKER) ? text.slice(MARKER.length).replace(/^\n/, '') : text;
}

function short(commit) {
  return commit ? `<code>${esc(commit.slice(0, 12))}</code>` : 'unknown commit';
}

function code(text) {
  return `<code>${esc(text)}</code>`;
}

function heading(name, j, hasHistory) {
  if (!hasHistory) return `### ⚠️ ${esc(name)}: nothing to compare yet`;
  const n = j.counts.regressed;
  const extra = j.counts.inconclusive > 0 ? ` (${j.counts.inconclusive} inconclusive)` : '';
  if (n === 0) return `### ✅ ${esc(name)}: no regressions${extra}`;
  return `### ❌ ${esc(name)}: ${n} regression${n === 1 ? '' : 's'}${extra}`;
}

/**
 * The report: `{comment, summary}` Markdown. `notes` are plain lines (already safe) for the
 * end; `history` (summary only) the recent values per benchmark.
 */
export function markdown({ name, candidate, ctx, j, baseline, runs, inputs, notes, maxItems }) {
  const hasHistory = runs.length > 0;
  const lines = [MARKER, suiteMarker(name), heading(name, j, hasHistory), ''];
  const where = `commit ${short(candidate.commit)} on ${code(candidate.branch ?? 'unknown branch')}`;
  const base = code(ctx.baseBranch ?? 'unknown');
  const baseHtml = `<code>${escHtml(ctx.baseBranch ?? 'unknown')}</code>`;
  if (!hasHistory) {
    lines.push(`No history of ${base} for this suite yet: ${where} has nothing to be compared with.`);
  } else {
    const how = {
      auto: 'the history gate where it has enough runs, else the comparison',
      compare: 'the comparison',
      check: 'the history gate',
    }[inputs.method];
    const against = baseline
      ? `the newest ${base} run (commit ${short(baseline.run.commit)})`
      : `no single ${base} run`;
    lines.push(
      `${where} against ${base}: compared with ${against} and gated against ${runs.length} ${base} run${runs.length === 1 ? '' : 's'}; verdicts by ${how}.`,
    );
  }
  const attention = j.decisions.filter((d) => d.verdict === 'regressed' || d.verdict === 'improved');
  attention.sort((a, b) => (a.verdict === b.verdict ? 0 : a.verdict === 'regressed' ? -1 : 1));
  if (attention.length > 0) {
    lines.push(
      '',
      '| Verdict | Benchmark | Metric | Change | Decided by | Reason |',
      '| --- | --- | --- | ---: | --- | --- |',
    );
    for (const d of attention) {
      const bench = d.group && !d.name.startsWith(d.group) ? `${d.name} (${d.group})` : d.name;
      lines.push(
        `| ${ICON[d.verdict]}${d.verdict} | ${esc(bench)} | ${esc(d.metric)} | ${pct(d.change)} | ${d.by} | ${esc(d.reason)} |`,
      );
    }
  }
  if (j.counts.regressed > 0 && inputs.ccUsers.length > 0) lines.push('', `CC: ${inputs.ccUsers.join(' ')}`);
  const details = [];
  if (j.comparison) {
    details.push(
      `<details><summary>Comparison with the newest ${baseHtml} run</summary>\n\n${withoutMarker(bc.render(j.comparison, 'markdown')).trim()}\n\n</details>`,
    );
  }
  if (j.check) {
    details.push(
      `<details><summary>History gate against ${baseHtml}</summary>\n\n${withoutMarker(bc.renderCheck(j.check, 'markdown')).trim()}\n\n</details>`,
    );
  }
  const tail = notes.length > 0 ? ['', ...notes.map((n) => `<sub>${n}</sub>`)] : [];
  let comment = [...lines, '', ...details, ...tail].join('\n');
  // GitHub refuses comments above 65,536 characters: keep the verdicts, point to the summary.
  if (comment.length > 60000) {
    comment = [
      ...lines,
      '',
      '<sub>The full tables are too long for a comment: see the job summary.</sub>',
      ...tail,
    ].join('\n');
  }
  const summary = [...lines, '', ...details, historyTable(candidate, runs, maxItems), ...tail].join('\n');
  return { comment: `${comment}\n`, summary: `${summary}\n` };
}

const BARS = '▁▂▃▄▅▆▇█';

function sparkline(values) {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return values.map((v) => (hi === lo ? BARS[3] : BARS[Math.round(((v - lo) / (hi - lo)) * 7)])).join('');
}

/** The last `maxItems` baseline values of each of the candidate's benchmarks (display only). */
function historyTable(candidate, runs, maxItems) {
  if (runs.length === 0) return '';
  const series = orderedSeries(runs);
  const rows = [];
  for (const b of candidate.benchmarks) {
    for (const m of b.measurements) {
      const s = series.find((x) => x.name === b.name && x.metric === m.metric.name);
      if (!s || s.points.length === 0) continue;
      const values = s.points.slice(-maxItems).map((p) => p.value);
      const last = values[values.length - 1];
      rows.push(
        `| ${esc(b.name)} | ${esc(m.metric.name)} | ${sparkline(values)} | ${esc(`${Number(last.toPrecision(4))} ${s.unit}`)} |`,
      );
    }
  }
  if (rows.length === 0) return '';
  return [
    `<details><summary>Recent history (up to ${maxItems} runs per benchmark, oldest first)</summary>`,
    '',
    '| Benchmark | Metric | Runs | Newest |',
    '| --- | --- | --- | ---: |',
    ...rows,
    '',
    '</details>',
  ].join('\n');
}
