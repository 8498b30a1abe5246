// Every metric of the recorded run `nan-inf-metrics` (NaN, ±Infinity, ±1.7976931348623157e308,
// 5e-324, -0.0, single points, equal points, a metric of NaN only) in the run panel and, beside
// `diverged`, in the compare panel, as each backend delivers them and raw as a server sends them.
// Clicking that run once grew the workbench to 4.2 GB and killed it: the page must stay
// responsive with a small heap, say in text what it cannot draw, and keep every axis finite.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { toRunView } from '../../src/extension/panels/runViews';
import { toRunDetails } from '../../src/extension/runPanel/runDetails';
import type { RunView } from '../../src/webview/protocol';
import { countColorsExpression, rgb } from './support/canvasColors';
import { deliveries } from './support/hostileNumbers';
import type { Delivery } from './support/hostileNumbers';
import { themes } from './support/themes';
import { WebviewHarness } from './support/webviewPage';
import type { WebviewPage } from './support/webviewPage';

/** The heap a panel may use with these runs shown: each used 8.6 (run) and 10.5 MB (compare) here; the old charts hung the page. */
const HEAP_CEILING = 100 * 1024 * 1024;
/** How long the page may stay silent before it counts as hung (it answers in milliseconds when well). */
const HUNG_AFTER_MS = 30_000;

let harness: WebviewHarness;
let backends: Delivery[];

before(async () => {
  harness = await WebviewHarness.start();
  backends = await deliveries();
});
after(async () => {
  await harness?.stop();
  for (const backend of backends ?? []) backend.dispose();
});

/** `work`, or a failure saying the page stopped answering (a hung renderer never settles a call). */
async function answering<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the page stopped answering while ${what}`)), HUNG_AFTER_MS);
  });
  try {
    return await Promise.race([work, hung]);
  } finally {
    clearTimeout(timer);
  }
}

async function usedHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await cdp.detach();
  }
}

/** The page's heap after a garbage collection, reported, and under the ceiling. */
async function assertSmallHeap(page: Page, report: (megabytes: string) => void): Promise<void> {
  const heap = await answering('measuring the heap', usedHeap(page));
  const megabytes = (heap / 1048576).toFixed(1);
  report(megabytes);
  assert.ok(heap < HEAP_CEILING, `${megabytes} MB of heap`);
}

/**
 * Answers the page's history requests from `backend` until `done` (every metric is asked for once
 * in view); each look at the page must be answered, or the page is hung.
 */
async function serve(
  webview: WebviewPage,
  backend: Delivery,
  runs: readonly RunView[],
  done: () => Promise<string | undefined>,
): Promise<void> {
  const answered = new Set<string>();
  for (const deadline = Date.now() + 90_000; ;) {
    const waiting = await answering(`drawing the histories from ${backend.label}`, done());
    if (waiting === undefined) return;
    if (Date.now() > deadline) throw new Error(`still ${waiting} after 90 s`);
    const requests = (await answering('reading its requests', webview.posted())).filter(
      (m) => m.type === 'requestMetricHistory' && !answered.has(String(m.requestId)),
    );
    for (const request of requests) {
      answered.add(String(request.requestId));
      const key = String(request.metricKey);
      const series = Object.fromEntries(
        await Promise.all(
          runs
            .filter((run) => Object.hasOwn(run.metrics, key))
            .map(async (run) => [run.runId, await backend.history(run.runId, key)] as const),
        ),
      );
      await answering(
        'taking a history',
        webview.send({ type: 'metricHistory', requestId: String(request.requestId), metricKey: key, series }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface ScaleRead {
  key: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  note: string;
}

/** Each chart's scales as chart.js drew them, and the note under it, by metric key. */
function readCharts(page: Page, chartSelector: string): Promise<ScaleRead[]> {
  return page.evaluate(`[...document.querySelectorAll(${JSON.stringify(chartSelector)})].map((holder) => {
    const canvas = holder.querySelector('canvas');
    const note = holder.querySelector('.chart-note');
    return { key: holder.dataset.metric, xMin: Number(canvas?.dataset.xMin), xMax: Number(canvas?.dataset.xMax), yMin: Number(canvas?.dataset.yMin), yMax: Number(canvas?.dataset.yMax), note: note && !note.hidden ? note.textContent : '' };
  })`);
}

/** What every chart of nan-inf-metrics must look like, whatever the backend. */
function checkCharts(
  charts: readonly ScaleRead[],
  keys: readonly string[],
  notes: Record<string, string>,
  yLimits: Record<string, number> = {},
): void {
  assert.deepEqual(charts.map((chart) => chart.key).sort(), [...keys].sort(), 'one chart per metric');
  for (const chart of charts) {
    for (const bound of [chart.xMin, chart.xMax, chart.yMin, chart.yMax])
      assert.ok(Number.isFinite(bound), `${chart.key}: every bound is finite (${JSON.stringify(chart)})`);
    assert.ok(
      chart.yMax > chart.yMin && chart.xMax > chart.xMin,
      `${chart.key}: the axes have a width (${JSON.stringify(chart)})`,
    );
    // Every drawable value of nan-inf-metrics lies between 0 and 42 and every step between 0 and 19.
    const limit = yLimits[chart.key] ?? 100;
    assert.ok(
      chart.yMin >= -limit && chart.yMax <= limit,
      `${chart.key}: y from ${chart.yMin} to ${chart.yMax}, never towards 1e308`,
    );
    assert.ok(chart.xMin >= -100 && chart.xMax <= 100, `${chart.key}: x from ${chart.xMin} to ${chart.xMax}`);
    assert.equal(chart.note, notes[chart.key] ?? '', `${chart.key}: the note under the chart`);
  }
}

/** The notes of nan-inf-metrics' charts, one run drawn. */
const NOTES: Record<string, string> = {
  big: '1 point not drawn: ∞ at step 0',
  last_nan: '1 point not drawn: NaN at step 2',
  last_neg_inf: '1 point not drawn: −∞ at step 1',
  last_pos_inf: '1 point not drawn: ∞ at step 1',
  only_nan: '1 point not drawn: NaN at step 0',
  weird: '4 points not drawn: NaN at step 1, ∞ at step 2, −∞ at step 3, ∞ at step 5',
};

/** The latest values as the panels spell them. */
const LATEST: Record<string, string> = {
  big: '∞',
  last_pos_inf: '∞',
  last_neg_inf: '−∞',
  last_nan: 'NaN',
  only_nan: 'NaN',
  tiny: '4.9407e-324',
  weird: '0.25',
  int_like: '3',
};

/** The deliveries of support/hostileNumbers.ts, in its order. */
const DELIVERED_BY = ['FileStore', 'SqliteStore', 'mlflow.db raw, as a server sends it'];

for (const [index, by] of DELIVERED_BY.entries()) {
  describe(`nan-inf-metrics delivered by ${by}`, () => {
    test(
      'the run panel shows every metric of nan-inf-metrics: responsive, a small heap, finite axes, and in text what it cannot draw',
      { timeout: 180_000 },
      async (t) => {
        const backend = backends[index]!;
        const run = await backend.run('nan-inf-metrics');
        const keys = Object.keys(run.data.metrics);
        const webview = await harness.open('run');
        const page = webview.page;
        try {
          // Tall enough that every metric's row is in view, so every history is asked for and drawn.
          await page.setViewportSize({ width: 1200, height: 150 * keys.length });
          await webview.send({
            type: 'runData',
            run: toRunDetails(run, 'edge-cases', { children: [], moreChildren: false }),
          });
          const view = toRunView(run, 'edge-cases');
          await serve(webview, backend, [view], async () => {
            const drawn = await page.locator('td.sparkline canvas[data-points]').count();
            return drawn === keys.length ? undefined : `${drawn} of ${keys.length} charts drawn`;
          });
          const charts = await answering('reading the charts', readCharts(page, 'td.sparkline'));
          checkCharts(charts, keys, NOTES);
          const latest = await answering(
            'reading the latest values',
            page.evaluate<Record<string, { text: string; title: string }>>(
              `Object.fromEntries([...document.querySelectorAll('table.metrics-list tbody tr')].map((row) => [row.querySelector('th').textContent, { text: row.children[1].textContent, title: row.children[1].title }]))`,
            ),
          );
          for (const [key, text] of Object.entries(LATEST))
            assert.equal(latest[key]?.text, text, `${key} (${backend.label})`);
          for (const key of ['big', 'last_pos_inf', 'last_neg_inf'])
            assert.match(latest[key]!.title, /SQL stores keep ±∞ as ±1\.7976931348623157e308/);
          // One value, one marker: int_like's single point is drawn in the run's colour.
          const blue = [rgb(themes.dark['--vscode-charts-blue']!)];
          const marks = await page.evaluate<number[] | null>(
            countColorsExpression('td.sparkline[data-metric="int_like"] canvas', blue),
          );
          assert.ok(marks![0]! > 10, `int_like's single point is drawn (${marks![0]} pixels of its colour)`);
          await assertSmallHeap(page, (megabytes) => t.diagnostic(`${backend.label}: ${megabytes} MB of heap`));
          assert.deepEqual(await webview.problems(), []);
        } finally {
          await page.close({ runBeforeUnload: false });
        }
      },
    );

    test(
      'the compare panel with nan-inf-metrics beside diverged: responsive, a small heap, finite axes, the values as text',
      { timeout: 180_000 },
      async (t) => {
        const backend = backends[index]!;
        const runs = [
          toRunView(await backend.run('nan-inf-metrics'), 'edge-cases'),
          toRunView(await backend.run('diverged'), 'edge-cases'),
        ];
        const keys = [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))];
        const webview = await harness.open('compare');
        const page = webview.page;
        try {
          await page.setViewportSize({ width: 1400, height: 200 * keys.length });
          await webview.send({ type: 'compareData', runs, problems: [] });
          await serve(webview, backend, runs, async () => {
            const drawn = await page.locator('#charts .chart-card canvas[data-points]').count();
            const pending = await page.locator('#metrics .pending').count();
            return drawn === keys.length && pending === 0
              ? undefined
              : `${drawn} of ${keys.length} charts drawn, ${pending} summaries pending`;
          });
          const charts = await answering('reading the charts', readCharts(page, '#charts .chart-card'));
          // diverged's loss: 1, 3.5, 40, 9e12, then the stored 1.8e308 (∞) and NaN.
          checkCharts(
            charts,
            keys,
            { ...NOTES, loss: '2 points not drawn: ∞ at step 4, NaN at step 5' },
            { loss: 1e13 },
          );
          const cells = await answering(
            'reading the metrics table',
            page.evaluate<Record<string, string[]>>(
              `Object.fromEntries([...document.querySelectorAll('#metrics table.runs-table > tbody > tr')].map((row) => [row.querySelector('th .metric-key span[title]').textContent, [...row.querySelectorAll(':scope > td')].map((cell) => cell.textContent.trim())]))`,
            ),
          );
          assert.match(cells.big![0]!, /^∞/);
          assert.match(cells.last_neg_inf![0]!, /^−∞/);
          assert.match(cells.only_nan![0]!, /^NaN.*no finite value in the history/);
          assert.match(cells.weird![0]!, /min 0 · max 42/, 'min and max of the drawable values');
          assert.match(
            cells.loss![1]!,
            /^NaN.*min 1 · max 9e12/,
            'diverged: NaN last, and the stored 1.8e308 (∞) is no maximum',
          );
          await assertSmallHeap(page, (megabytes) => t.diagnostic(`${backend.label}: ${megabytes} MB of heap`));
          assert.deepEqual(await webview.problems(), []);
        } finally {
          await page.close({ runBeforeUnload: false });
        }
      },
    );
  });
}
