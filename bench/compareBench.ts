// The compare panel in Chromium at scale: the production webview bundle under the panel's CSP,
// fed what the host sends (histories sampled by the store's own thinning to the points the
// webview asks for). Per case: the host's sampling time, the bytes sent, the time until the
// tables show, until the charts in view are drawn, a zoom and a pan redraw, and the page's
// memory after a garbage collection. Prints one JSON object.
//
//   node --import tsx bench/compareBench.ts [case ...]     (cases: see CASES; default all)
import { spawnSync } from 'node:child_process';
import type { CDPSession } from 'playwright-core';
import { toMetricSeries } from '../src/extension/panels/metricSeries';
import type { Metric } from '../src/extension/tracking/model';
import { downsampleHistory } from '../src/extension/tracking/sampling';
import type { MetricSeries, RunView } from '../src/webview/protocol';
import { WebviewHarness } from '../test/webview/support/webviewPage';
import type { WebviewPage } from '../test/webview/support/webviewPage';

interface Case {
  runs: number;
  steps: number;
  params: number;
  metrics: number;
}

const CASES: Record<string, Case> = {
  'compare.10runs.10k': { runs: 10, steps: 10_000, params: 20, metrics: 4 },
  'compare.10runs.100k': { runs: 10, steps: 100_000, params: 20, metrics: 4 },
  'compare.100runs.10k': { runs: 100, steps: 10_000, params: 20, metrics: 4 },
  'compare.100runs.100k': { runs: 100, steps: 100_000, params: 20, metrics: 4 },
  // The tables at the scale: 100 runs x 50 params x 30 metrics (short histories).
  'tables.100runs.50params.30metrics': { runs: 100, steps: 200, params: 50, metrics: 30 },
};

const METRIC_NAMES = ['loss', 'accuracy', 'val_loss', 'val_accuracy'];

function metricName(index: number): string {
  return METRIC_NAMES[index] ?? `metric_${String(index).padStart(2, '0')}`;
}

function runViews(spec: Case): RunView[] {
  return Array.from({ length: spec.runs }, (_, run) => ({
    runId: `run${String(run).padStart(3, '0')}`,
    name: `trial-${run}`,
    status: 'FINISHED',
    user: 'bench',
    startTime: 1_700_000_000_000 + run * 60_000,
    endTime: 1_700_000_000_000 + run * 60_000 + spec.steps * 100,
    experimentId: '1',
    experimentName: 'bench',
    deleted: false,
    commit: '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf',
    params: Object.fromEntries(
      Array.from({ length: spec.params }, (_, p) => [
        `param_${String(p).padStart(2, '0')}`,
        p % 3 === 0 ? String(run % 7) : String(p),
      ]),
    ),
    metrics: Object.fromEntries(
      Array.from({ length: spec.metrics }, (_, m) => [
        metricName(m),
        { value: 1 / (run + m + 1), step: spec.steps - 1, timestamp: 0 },
      ]),
    ),
    tags: { 'mlflow.user': 'bench', team: run % 2 ? 'a' : 'b' },
  }));
}

/** One run's history of one metric, made point by point as a store would hold it. */
function history(run: number, metric: number, steps: number): Metric[] {
  const points = new Array<Metric>(steps);
  for (let step = 0; step < steps; step++) {
    const value =
      Math.exp(-step / (steps / 3)) + 0.05 * Math.sin(step / 40 + run + metric) + (step % 997 === 0 ? 0.3 : 0);
    points[step] = { key: metricName(metric), step, timestamp: 1_700_000_000_000 + step * 100, value };
  }
  return points;
}

/** Every run's history of one metric, thinned to `maxPoints` as a local store does; the thinning (not the making) timed. */
function sampledSeries(
  spec: Case,
  metric: number,
  maxPoints: number,
): { series: Record<string, MetricSeries>; ms: number } {
  let ms = 0;
  const series: Record<string, MetricSeries> = {};
  for (let run = 0; run < spec.runs; run++) {
    const points = history(run, metric, spec.steps);
    const started = performance.now();
    series[`run${String(run).padStart(3, '0')}`] = toMetricSeries(downsampleHistory(points, maxPoints), maxPoints);
    ms += performance.now() - started;
  }
  return { series, ms };
}

/** Posts a message and returns the page time it was posted at (the payload already parsed). */
async function postTimed(webview: WebviewPage, message: unknown): Promise<number> {
  return webview.page.evaluate<number>(
    `(() => { const message = ${JSON.stringify(message)}; const t = performance.now(); window.postMessage(message, '*'); return t; })()`,
  );
}

/** Page time once `expression` holds and two frames have been painted after it. */
async function paintedWhen(webview: WebviewPage, expression: string, timeoutMs = 120_000): Promise<number> {
  await webview.waitUntil(expression, timeoutMs);
  return webview.page.evaluate<number>(
    `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))))`,
  );
}

async function heapMb(cdp: CDPSession): Promise<{ heapMb: number; domNodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string): number => metrics.find((metric) => metric.name === name)?.value ?? 0;
  return { heapMb: round(value('JSHeapUsedSize') / 1024 / 1024), domNodes: value('Nodes') };
}

async function runCase(harness: WebviewHarness, name: string, spec: Case): Promise<Record<string, number>> {
  const webview = await harness.open('compare');
  await webview.page.setViewportSize({ width: 1400, height: 900 });
  const cdp = await webview.page.context().newCDPSession(webview.page);
  await cdp.send('Performance.enable');
  const before = await heapMb(cdp);
  const runs = runViews(spec);
  const sent = await postTimed(webview, { type: 'compareData', runs, problems: [] });
  const tablesShown = await paintedWhen(
    webview,
    `document.querySelectorAll('#metrics tbody tr').length === ${spec.metrics}`,
  );
  const result: Record<string, number> = {
    runs: spec.runs,
    steps: spec.steps,
    params: spec.params,
    metrics: spec.metrics,
    tablesMs: round(tablesShown - sent),
  };
  // Answer every history request as the host would, timing the host's sampling and the bytes.
  let sampleMs = 0;
  let bytes = 0;
  let lastPosted = 0;
  const answered = new Set<string>();
  for (let answeredMetrics = 0; answeredMetrics < spec.metrics;) {
    const requests = (await webview.posted()).filter(
      (m) => m.type === 'requestMetricHistory' && !m.range && !answered.has(String(m.requestId)),
    );
    for (const request of requests) {
      answered.add(String(request.requestId));
      const metric = Array.from({ length: spec.metrics }, (_, i) => metricName(i)).indexOf(String(request.metricKey));
      const { series, ms } = sampledSeries(spec, metric, Number(request.maxPoints));
      sampleMs += ms;
      const message = {
        type: 'metricHistory',
        requestId: String(request.requestId),
        metricKey: String(request.metricKey),
        series,
      };
      bytes += JSON.stringify(message).length;
      lastPosted = await postTimed(webview, message);
      result.pointsPerRun = Number(request.maxPoints);
      answeredMetrics += 1;
    }
    if (requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // The metrics table has every min and max once the last history is taken in.
  const historiesShown = await paintedWhen(webview, `document.querySelectorAll('#metrics .pending').length === 0`);
  result.lastHistoryToTableMs = round(historiesShown - lastPosted);
  // Charts are built as they scroll into view: scroll there, as a person would, and time it.
  const scrolled = await webview.page.evaluate<number>(
    `(() => { document.querySelector('#charts .chart-grid').scrollIntoView(); return performance.now(); })()`,
  );
  const chartsShown = await paintedWhen(
    webview,
    `(() => { const canvases = [...document.querySelectorAll('#charts canvas')]; return canvases.length > 0 && canvases.every((canvas) => canvas.dataset.points > 0); })()`,
  );
  result.chartsInViewMs = round(chartsShown - scrolled);
  result.chartsInView = await webview.page.evaluate<number>(`document.querySelectorAll('#charts canvas').length`);
  result.hostSampleMs = round(sampleMs);
  result.sentMb = round(bytes / 1024 / 1024);
  // Many runs are drawn coarsely first and finely a moment later: count once that is done.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  result.drawnPoints = await webview.page.evaluate<number>(
    `[...document.querySelectorAll('#charts canvas')].reduce((sum, canvas) => sum + Number(canvas.dataset.points || 0), 0)`,
  );
  Object.assign(result, await interactionTimes(webview));
  const after = await heapMb(cdp);
  result.heapMb = after.heapMb;
  result.heapGrowthMb = round(after.heapMb - before.heapMb);
  result.domNodes = after.domNodes;
  await webview.close();
  process.stderr.write(`${name}: ${JSON.stringify(result)}\n`);
  return result;
}

/**
 * A zoom into the first chart and ten pans of it, as the keyboard does them (+, then arrows),
 * each timed in the page from the key to the second painted frame after it.
 */
async function interactionTimes(webview: WebviewPage): Promise<Record<string, number>> {
  await webview.page.locator('#charts canvas').first().scrollIntoViewIfNeeded();
  const press = (key: string): Promise<number> =>
    webview.page.evaluate<number>(`new Promise((resolve) => {
      const canvas = document.querySelector('#charts canvas');
      const started = performance.now();
      canvas.dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(key)}, bubbles: true }));
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
    })`);
  const zoom = await press('+');
  const pans: number[] = [];
  for (let i = 0; i < 10; i++) pans.push(await press('ArrowRight'));
  pans.sort((a, b) => a - b);
  return {
    zoomRedrawMs: round(zoom),
    panMedianMs: round(pans[Math.floor(pans.length / 2)]!),
    panMaxMs: round(pans.at(-1)!),
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

async function main(): Promise<void> {
  const selected = process.argv.slice(2);
  const unknown = selected.filter((name) => !(name in CASES));
  if (unknown.length > 0)
    throw new Error(`unknown case ${unknown.join(', ')}; known: ${Object.keys(CASES).join(', ')}`);
  // The bundle as it ships (minified).
  const build = spawnSync('node', ['esbuild.mjs', '--production'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('the production build failed');
  const harness = await WebviewHarness.start();
  const cases: Record<string, Record<string, number>> = {};
  try {
    for (const [name, spec] of Object.entries(CASES)) {
      if (selected.length === 0 || selected.includes(name)) cases[name] = await runCase(harness, name, spec);
    }
  } finally {
    await harness.stop();
  }
  console.log(
    JSON.stringify(
      { node: process.version, chromium: 'Debian chromium (headless)', viewport: '1400x900', cases },
      null,
      2,
    ),
  );
}

void main();
