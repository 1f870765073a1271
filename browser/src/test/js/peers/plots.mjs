// The plots of ./benchmark peers, made from its results file with Vega-Lite and rendered to SVG
// in node: node plots.mjs RESULTS.json OUT_DIR writes
//   ratios.svg    Grove strict's median time ÷ each other system's, per workload (log scale);
//   dir-cost.svg  the time of one commit against the size of the directory it goes into.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';

const [resultsFile, outDir] = process.argv.slice(2);
if (!resultsFile || !outDir) {
  console.error('usage: node plots.mjs RESULTS.json OUT_DIR');
  process.exit(2);
}
const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
const rows = report.results.filter(r => r.ms);
const GROVE = 'Grove strict';
const subtitle = `${report.started}, Chromium ${report.chromium}, median of ${report.runs} rounds, load ${report.loadBefore}`;

async function render(spec, file) {
  const config = { legend: { labelLimit: 400 } };
  const view = new vega.View(vega.parse(vegaLite.compile({ config, ...spec }).spec), { renderer: 'none' });
  writeFileSync(join(outDir, file), await view.toSVG());
  console.error(`plots: wrote ${join(outDir, file)}`);
}

const ratios = [];
for (const row of rows) {
  const grove = rows.find(r => r.workload === row.workload && r.system === GROVE);
  if (!grove || row.system === GROVE || row.workload.startsWith('D')) continue;
  ratios.push({ workload: row.workload, peer: row.system, ratio: grove.ms.median / row.ms.median });
}
await render({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: { text: 'Grove (IndexedDB, strict): time ÷ the peer\'s time (below 1: Grove is faster)', subtitle },
  data: { values: ratios },
  width: 520,
  height: { step: 12 },
  layer: [
    {
      mark: 'bar',
      encoding: {
        y: { field: 'workload', type: 'nominal', title: null },
        yOffset: { field: 'peer' },
        x: { field: 'ratio', type: 'quantitative', scale: { type: 'log' }, title: 'Grove strict ÷ peer (log scale)' },
        x2: { datum: 1 }, // bars grow from 1 (as fast): right, Grove is slower; left, faster
        color: { field: 'peer', type: 'nominal', title: 'peer' },
        tooltip: [{ field: 'workload' }, { field: 'peer' }, { field: 'ratio', format: '.2f' }],
      },
    },
    { mark: { type: 'rule', color: 'black' }, encoding: { x: { datum: 1 } } },
  ],
}, 'ratios.svg');

const dirCost = rows.filter(r => /^D\d+$/.test(r.workload))
  .map(r => ({ size: Number(r.workload.slice(1)), system: r.system, ms: r.ms.median, min: r.ms.min, max: r.ms.max }));
await render({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: { text: 'One single-key commit against the size of its directory', subtitle },
  data: { values: dirCost },
  width: 420,
  height: 280,
  encoding: {
    x: { field: 'size', type: 'quantitative', scale: { type: 'log' }, title: 'keys in the directory (log scale)' },
    color: { field: 'system', type: 'nominal' },
  },
  layer: [
    { mark: { type: 'line', point: true }, encoding: { y: { field: 'ms', type: 'quantitative', scale: { type: 'log' }, title: 'ms per commit, median (log scale)' } } },
    { mark: 'rule', encoding: { y: { field: 'min', type: 'quantitative' }, y2: { field: 'max' } } },
  ],
}, 'dir-cost.svg');
