// A synthetic history bundle for the speed measurement: SERIES series of POINTS points each,
// seeded (mulberry32), level steps of 5–30% at random places, 1% Gaussian noise. Writes the
// bundle (`benchcore history export` shape) and the same values as JSON Lines for
// `benchcore detect --series`, so the page and the CLI see identical numbers.
//
//   node tests/browser/generate.mjs OUT_DIR [SERIES=1000] [POINTS=500] [SEED=1]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function generate({ series = 1000, points = 500, seed = 1 } = {}) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const runs = [];
  for (let i = 0; i < points; i++) {
    const commit = (i * 2654435761 >>> 0).toString(16).padStart(8, '0').repeat(5);
    runs.push({
      id: `run${i}`, commit, branch: 'main',
      time: new Date(Date.UTC(2026, 0, 1) + i * 3600e3).toISOString(),
      environment: 'synthetic', format: 'synthetic',
    });
  }
  const out = [];
  const lines = [];
  for (let k = 0; k < series; k++) {
    let level = 1000 * (1 + 9 * rand());
    const steps = Math.floor(rand() * 4);
    const at = new Set(Array.from({ length: steps }, () => Math.floor(rand() * points)));
    const values = [];
    for (let i = 0; i < points; i++) {
      if (at.has(i)) level *= 1 + (rand() < 0.5 ? -1 : 1) * (0.05 + 0.25 * rand());
      values.push(Number((level * (1 + 0.01 * gauss())).toFixed(3)));
    }
    const name = `group${k % 20}/bench${k}`;
    out.push({
      name, group: `group${k % 20}`, metric: 'time', unit: 'ns', direction: 'lower-is-better',
      points: values.map((v, i) => [i, v]),
    });
    lines.push(JSON.stringify({ name, values }));
  }
  return { bundle: { version: 1, runs, series: out }, jsonl: lines.join('\n') + '\n' };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, n = '1000', p = '500', seed = '1'] = process.argv.slice(2);
  const { bundle, jsonl } = generate({ series: +n, points: +p, seed: +seed });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
  writeFileSync(join(dir, 'series.jsonl'), jsonl);
  console.log(`wrote ${dir}/bundle.json and ${dir}/series.jsonl: ${n} series x ${p} points`);
}
