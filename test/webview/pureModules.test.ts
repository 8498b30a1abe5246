// The webviews' pure modules give the same results in Chromium as in Node, on the recorded runs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { metricsCsv, paramsCsv } from '../../src/webview/compare/exportCsv';
import { buildMetricRow, summarizeHistory } from '../../src/webview/compare/metricTable';
import { diffValues } from '../../src/webview/compare/valueDiff';
import type { MetricSeries, RunView } from '../../src/webview/protocol';
import {
  decimateMinMax,
  decodeSeries,
  exponentialMovingAverage,
  pointsInView,
  prepareLine,
} from '../../src/webview/shared/chartSeries';
import { parseMarkdown } from '../../src/webview/shared/markdownParse';
import { FixtureRuns, fixtureRunIds as ids } from './support/fixtureRuns';
import { WebviewHarness } from './support/webviewPage';

let harness: WebviewHarness;
let fixtures: FixtureRuns;
let page: Page;
let runs: RunView[];
let loss: Record<string, MetricSeries>;

before(async () => {
  harness = await WebviewHarness.start();
  fixtures = await FixtureRuns.open();
  page = await harness.scriptPage('test/webview/support/pureModules.browser.ts');
  runs = await fixtures.views(ids.baselineAdam, ids.sgdMomentum, ids.rmsprop, ids.longValues, ids.nanInf);
  loss = await fixtures.series(
    runs.filter((run) => 'loss' in run.metrics).map((run) => run.runId),
    'loss',
  );
});
after(async () => {
  await harness?.stop();
  fixtures?.dispose();
});

type PureModules = Record<string, (...args: unknown[]) => unknown>;

/** Calls `pure.<name>(...args)` in the page (Playwright carries undefined, NaN and infinities across). */
function inBrowser<T>(name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([fn, values]) => (globalThis as unknown as { pure: PureModules }).pure[fn]!(...values) as T, [
    name,
    args,
  ] as const);
}

/** Values as JSON carries them (NaN and infinities become null), to compare across the boundary. */
function json<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}

test('smoothing the recorded loss histories: the same numbers in Chromium and Node, for every weight', async () => {
  for (const series of Object.values(loss)) {
    const values = series.values.map(Number);
    for (const weight of [0, 0.3, 0.9, 0.99]) {
      assert.deepEqual(
        await inBrowser('exponentialMovingAverage', values, weight),
        Array.from(exponentialMovingAverage(values, weight)),
      );
    }
  }
});

test('thinning a 100,000-point history to 700 pixels: the same points kept in Chromium and Node', async () => {
  const xs = Array.from({ length: 100_000 }, (_, i) => i);
  const ys = xs.map((i) => Math.sin(i / 700) + (i % 9973 === 0 ? 5 : 0));
  const browser = await inBrowser<number[]>('decimateMinMax', xs, ys, 1000, 90_000, 700);
  assert.deepEqual(browser, decimateMinMax(xs, ys, 1000, 90_000, 700));
  assert.ok(browser.length <= 4 * 701 + 2);
});

test('a recorded history drawn in view: the same chart points, smoothed and not, in Chromium and Node', async () => {
  const [runId, series] = Object.entries(loss)[0]!;
  for (const options of [
    { xMode: 'step', smoothing: 0, logScale: false },
    { xMode: 'relativeTime', smoothing: 0.8, logScale: true },
  ] as const) {
    const node = pointsInView(prepareLine(decodeSeries(series), options), 0, 1e12, 300);
    const browser = await page.evaluate(`(() => {
      const p = window.pure;
      return p.pointsInView(p.prepareLine(p.decodeSeries(${JSON.stringify(series)}), ${JSON.stringify(options)}), 0, 1e12, 300);
    })()`);
    assert.deepEqual(json(browser), json(node), `${runId} ${options.xMode}`);
  }
});

test('param diff, metric rows and both CSV exports of the recorded runs agree', async () => {
  const params = runs.map((run) => run.params);
  assert.deepEqual(json(await inBrowser('diffValues', params)), json(diffValues(params)));
  const rows = diffValues(params);
  assert.equal(await inBrowser('paramsCsv', runs, rows), paramsCsv(runs, rows));
  const [runId, series] = Object.entries(loss)[0]!;
  const summary = summarizeHistory(series.steps, series.values.map(Number), 'lower', series.sampled);
  assert.deepEqual(
    json(await inBrowser('summarizeHistory', series.steps, series.values, 'lower', series.sampled)),
    json(summary),
  );
  const input = {
    key: 'loss',
    direction: 'lower',
    latest: runs.map((run) =>
      run.metrics.loss ? { value: Number(run.metrics.loss.value), step: run.metrics.loss.step } : undefined,
    ),
    histories: runs.map((run) => (run.runId === runId ? summary : undefined)),
  } as const;
  const row = buildMetricRow(input, 0);
  assert.deepEqual(json(await inBrowser('buildMetricRow', input, 0)), json(row));
  assert.equal(await inBrowser('metricsCsv', runs, [row]), metricsCsv(runs, [row]));
});

test('the recorded experiment description parses the same way', async () => {
  const experiment = await fixtures.store.getExperiment('825078707892109726');
  const note = experiment.tags['mlflow.note.content']!;
  assert.deepEqual(json(await inBrowser('parseMarkdown', note)), json(parseMarkdown(note)));
});
