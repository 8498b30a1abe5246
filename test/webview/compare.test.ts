// The compare panel's bundle in Chromium under the panel's real CSP, fed the recorded runs as the
// host feeds them, with a fake VS Code API recording what it posts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { toMetricSeries } from '../../src/extension/panels/metricSeries';
import type { Metric } from '../../src/extension/tracking/model';
import { downsampleHistory } from '../../src/extension/tracking/sampling';
import { deltaPercent } from '../../src/webview/compare/metricTable';
import { diffValues, filterRows, sameValue } from '../../src/webview/compare/valueDiff';
import type { RunView } from '../../src/webview/protocol';
import { fromWire } from '../../src/webview/protocol';
import { parseCsv } from '../../src/webview/shared/csv';
import { formatNumber, formatPercent } from '../../src/webview/shared/format';
import { guessMetricDirection } from '../../src/webview/shared/metricDirection';
import { countColorsExpression, rgb } from './support/canvasColors';
import {
  box,
  characterLefts,
  computedStyle,
  isClipped,
  leftToRight,
  scrollSideways,
  textLines,
} from './support/geometry';
import { FixtureRuns, fixtureRunIds as ids } from './support/fixtureRuns';
import { themes } from './support/themes';
import { WebviewHarness } from './support/webviewPage';
import type { WebviewPage } from './support/webviewPage';

let harness: WebviewHarness;
let fixtures: FixtureRuns;

before(async () => {
  harness = await WebviewHarness.start();
  fixtures = await FixtureRuns.open();
});
after(async () => {
  await harness?.stop();
  fixtures?.dispose();
});

async function openWith(runs: RunView[], state?: unknown): Promise<WebviewPage> {
  const webview = await harness.open('compare', { state });
  await webview.send({ type: 'compareData', runs, problems: [] });
  await webview.page.locator('#runs .run-head').first().waitFor();
  return webview;
}

/** Answers the webview's history requests from the fixture store, as the host does, until `done`. */
async function serveHistories(webview: WebviewPage, runs: RunView[], done: () => Promise<boolean>): Promise<void> {
  const answered = new Set<string>();
  for (const deadline = Date.now() + 15_000; !(await done());) {
    if (Date.now() > deadline) throw new Error('the histories never all arrived');
    const requests = (await webview.posted()).filter(
      (m) => m.type === 'requestMetricHistory' && !answered.has(String(m.requestId)),
    );
    for (const request of requests) {
      answered.add(String(request.requestId));
      const key = String(request.metricKey);
      const withMetric = runs.filter((run) => Object.hasOwn(run.metrics, key)).map((run) => run.runId);
      await webview.send({
        type: 'metricHistory',
        requestId: String(request.requestId),
        metricKey: key,
        series: await fixtures.series(withMetric, key, Number(request.maxPoints)),
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Per element of `cells`, whether it has the class. */
async function classFlags(cells: Locator, className: string): Promise<boolean[]> {
  return Promise.all(
    (await cells.all()).map(async (cell) => ((await cell.getAttribute('class')) ?? '').split(' ').includes(className)),
  );
}

const noPendingHistory = (webview: WebviewPage) => async () =>
  (await webview.page.locator('#metrics .pending').count()) === 0;

/** The texts of a table's rows: [key, ...cells]. */
async function tableRows(webview: WebviewPage, section: string): Promise<string[][]> {
  const rows = webview.page.locator(`#${section} table.runs-table > tbody > tr`);
  return Promise.all(
    (await rows.all()).map(async (row) =>
      (await row.locator('> th, > td').allTextContents()).map((text) => text.trim()),
    ),
  );
}

test('the webview says ready first, then shows the recorded runs, with no CSP violation and no error', async () => {
  const runs = await fixtures.views(ids.baselineAdam, ids.sgdMomentum);
  const webview = await openWith(runs);
  assert.equal((await webview.posted())[0]?.type, 'ready');
  assert.deepEqual(await webview.page.locator('#runs .run-head .run-name').allTextContents(), [
    'baseline-adam',
    'sgd-momentum',
  ]);
  await serveHistories(webview, runs, noPendingHistory(webview));
  await webview.page.locator('#charts canvas').first().waitFor();
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

test('params of recorded runs: one row per key, differing rows and cells marked as the diff says', async () => {
  const runs = await fixtures.views(ids.baselineAdam, ids.sgdMomentum, ids.rmsprop);
  const webview = await openWith(runs);
  const expected = diffValues(runs.map((run) => run.params));
  const shown = await tableRows(webview, 'params');
  assert.deepEqual(
    shown.map((row) => row[0]),
    expected.map((row) => row.key),
  );
  assert.deepEqual(
    shown.map((row) => row.slice(1)),
    expected.map((row) => row.values.map((value) => value ?? '—')),
  );
  const differing = await webview.page.locator('#params tbody tr.differs > th').allTextContents();
  assert.deepEqual(
    differing,
    expected.filter((row) => row.differs).map((row) => row.key),
  );
  assert.ok(differing.includes('optimizer') && differing.includes('lr'));
  // Cells are marked where they differ from the first run (no baseline yet): adam's own column never.
  assert.equal(await webview.page.locator('#params tbody td:nth-child(2) .changed').count(), 0);
  assert.equal(
    await webview.page.locator('#params tbody td:nth-child(3) .changed').count(),
    expected.filter((row) => row.differs && !sameValue(row.values[1], row.values[0])).length,
  );
  await webview.close();
});

test('"Only differences" is on by default above 5 params, and the filter box narrows the keys', async () => {
  const [long] = await fixtures.views(ids.longValues);
  // The recorded 150-param run beside a copy that differs in one param.
  const runs = [
    long!,
    { ...long!, runId: 'copy', name: 'long-values copy', params: { ...long!.params, p_001: 'changed' } },
  ];
  const rows = diffValues(runs.map((run) => run.params));
  assert.ok(rows.length > 5, `${rows.length} params`);
  const webview = await openWith(runs);
  const differing = filterRows(rows, { onlyDifferences: true, keyFilter: '' });
  assert.equal((await tableRows(webview, 'params')).length, differing.length);
  assert.match(
    (await webview.page.locator('#params .count').textContent()) ?? '',
    new RegExp(`^${differing.length} of ${rows.length} params, only differences$`),
  );
  await webview.page.locator('#params vscode-checkbox').click();
  assert.equal((await tableRows(webview, 'params')).length, rows.length);
  const field = webview.page.locator('#params vscode-text-field input');
  await field.fill('P_01');
  const filtered = filterRows(rows, { onlyDifferences: false, keyFilter: 'P_01' });
  assert.ok(filtered.length > 0 && filtered.length < rows.length);
  assert.deepEqual(
    (await tableRows(webview, 'params')).map((row) => row[0]),
    filtered.map((row) => row.key),
  );
  const state = (await webview.state()) as { ui: { onlyDifferences: boolean; paramFilter: string } };
  assert.equal(state.ui.onlyDifferences, false);
  assert.equal(state.ui.paramFilter, 'P_01');
  await webview.close();
});

test('a 5,000-character param is truncated with a control that expands it', async () => {
  const runs = await fixtures.views(ids.longValues, ids.baselineAdam);
  const long = Object.entries(runs[0]!.params).find(([, value]) => value.length >= 5000)!;
  const webview = await openWith(runs);
  await webview.page.locator('#params vscode-text-field input').fill(long[0]);
  const cell = webview.page.locator('#params tbody td').first();
  assert.ok(((await cell.locator('.value').textContent()) ?? '').length < 200);
  await cell.locator('button.expand').click();
  assert.equal(await cell.locator('.value').textContent(), long[1]);
  await webview.close();
});

test('metrics: the best latest value starred per metric, deltas against the chosen baseline, min and max once histories arrive', async () => {
  const runs = await fixtures.views(ids.baselineAdam, ids.sgdMomentum, ids.rmsprop);
  const webview = await openWith(runs);
  await webview.page.locator('#runs button.baseline-toggle').first().click();
  await serveHistories(webview, runs, noPendingHistory(webview));
  const keys = [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))].sort();
  for (const key of keys) {
    const row = webview.page.locator('#metrics tbody tr', {
      has: webview.page.locator(`th .metric-key span[title="${key}"]`),
    });
    const latest = runs.map((run) => (run.metrics[key] ? fromWire(run.metrics[key].value) : undefined));
    const direction = guessMetricDirection(key);
    const finite = latest.filter((value): value is number => value !== undefined && Number.isFinite(value));
    const best =
      direction === 'none' || finite.length === 0
        ? undefined
        : direction === 'lower'
          ? Math.min(...finite)
          : Math.max(...finite);
    const starred = await classFlags(row.locator('td .latest'), 'best');
    const shownCells = latest.filter((value) => value !== undefined).map((value) => value === best);
    assert.deepEqual(starred, shownCells, `best of ${key} (${direction})`);
    const deltas = await Promise.all(
      (await row.locator('td').all()).map(async (cell) =>
        (await cell.locator('.delta').count()) ? await cell.locator('.delta').textContent() : '',
      ),
    );
    const expected = latest.map((value, index) => {
      const delta = index === 0 ? undefined : deltaPercent(value, latest[0]);
      return delta === undefined ? '' : formatPercent(delta);
    });
    assert.deepEqual(deltas, expected, `deltas of ${key}`);
  }
  const stats = await webview.page.locator('#metrics .stats').allTextContents();
  assert.ok(
    stats.some((text) => /^min .* · max /.test(text)),
    'min and max from the histories',
  );
  assert.equal(((await webview.state()) as { baselineRunId: string }).baselineRunId, ids.baselineAdam);
  await webview.close();
});

test("switching a metric's direction moves the star; sorting by a run orders the rows by its values", async () => {
  const runs = await fixtures.views(ids.sgdMomentum, ids.rmsprop);
  const webview = await openWith(runs);
  const lossRow = () =>
    webview.page.locator('#metrics tbody tr', { has: webview.page.locator('th .metric-key span[title="loss"]') });
  const sgdLoss = fromWire(runs[0]!.metrics.loss!.value);
  const rmsLoss = fromWire(runs[1]!.metrics.loss!.value);
  const bestIndex = async () => (await classFlags(lossRow().locator('td .latest'), 'best')).indexOf(true);
  assert.equal(await bestIndex(), sgdLoss < rmsLoss ? 0 : 1);
  await lossRow().locator('button.direction').click();
  assert.equal(await bestIndex(), sgdLoss < rmsLoss ? 1 : 0, 'higher is better now');
  await webview.page.locator('#metrics thead th.run-head').nth(1).click();
  const order = await webview.page.locator('#metrics tbody th .metric-key span[title]').allTextContents();
  const values = order.map((key) => (runs[1]!.metrics[key] ? fromWire(runs[1]!.metrics[key].value) : Infinity));
  assert.deepEqual(
    values,
    [...values].sort((a, b) => a - b),
    "ascending by rmsprop's latest values",
  );
  await webview.close();
});

test('Export CSV: the params and metrics of the recorded runs as a spreadsheet reads them', async () => {
  const runs = await fixtures.views(ids.baselineAdam, ids.sgdMomentum, ids.scriptName);
  const webview = await openWith(runs);
  await webview.page.locator('#params vscode-button', { hasText: 'Export CSV' }).click();
  const saved = await webview.waitForPosted('saveFile', (m) => m.name === 'params.csv');
  assert.equal(saved.format, 'csv');
  const content = String(saved.content);
  assert.ok(content.startsWith('\ufeff'), 'a byte-order mark for Excel');
  const [header, ...rows] = parseCsv(content.slice(1), 100);
  const keys = diffValues(runs.map((run) => run.params)).map((row) => row.key);
  assert.deepEqual(header, ['run_id', 'run_name', 'experiment', ...keys]);
  assert.deepEqual(
    rows.map((row) => row.slice(0, 3)),
    runs.map((run) => [run.runId, run.name, run.experimentName]),
  );
  assert.deepEqual(
    rows.map((row) => row.slice(3)),
    runs.map((run) => keys.map((key) => run.params[key] ?? '')),
  );
  await serveHistories(webview, runs, noPendingHistory(webview));
  await webview.page.locator('#metrics vscode-button', { hasText: 'Export CSV' }).click();
  const metrics = await webview.waitForPosted('saveFile', (m) => m.name === 'metrics.csv');
  const [metricHeader, ...metricRows] = parseCsv(String(metrics.content).slice(1), 100);
  const metricKeys = [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))].sort();
  assert.deepEqual(metricHeader, [
    'run_id',
    'run_name',
    'experiment',
    ...metricKeys.flatMap((key) => [key, `${key}_min`, `${key}_max`, `${key}_best_step`]),
  ]);
  const lossColumn = metricHeader.indexOf('loss');
  assert.deepEqual(
    metricRows.map((row) => row[lossColumn]),
    runs.map((run) => (run.metrics.loss ? String(fromWire(run.metrics.loss.value)) : '')),
  );
  assert.ok(metricRows[0]![metricHeader.indexOf('loss_min')] !== '', 'the minimum from the history');
  await webview.close();
});

test('HTML-like run names, params and tags stay text: nothing is parsed, nothing runs', async () => {
  const runs = await fixtures.views(ids.scriptName, ids.imgName, ids.baselineAdam);
  const webview = await harness.open('compare');
  let dialogs = 0;
  webview.page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await webview.send({ type: 'compareData', runs, problems: ['<b>not bold</b>'] });
  await webview.page.locator('#runs .run-head').first().waitFor();
  assert.deepEqual(await webview.page.locator('#runs thead .run-name').allTextContents(), [
    '<script>alert("xss")</script>',
    '<img src=x onerror=alert(1)>',
    'baseline-adam',
  ]);
  assert.equal(await webview.page.locator('#app script, #app img, #app b').count(), 0, 'no element made from run data');
  assert.equal(await webview.page.locator('.notices .notice').textContent(), '<b>not bold</b>');
  await serveHistories(webview, runs, noPendingHistory(webview));
  await webview.page.locator('#tags summary', { hasText: 'MLflow system tags' }).click();
  assert.equal(await webview.page.locator('#app script, #app img').count(), 0);
  assert.equal(dialogs, 0);
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

test("chart colours follow the theme: after a theme change the runs are drawn in the new theme's colours", async () => {
  const runs = await fixtures.views(ids.sgdMomentum, ids.rmsprop);
  const webview = await openWith(runs);
  await serveHistories(webview, runs, noPendingHistory(webview));
  const canvas = '#charts .chart-card[data-metric="loss"] canvas';
  await webview.page.locator(canvas).waitFor();
  const colors = ['--vscode-charts-blue', '--vscode-charts-red'].flatMap((name) => [
    rgb(themes.dark[name]!),
    rgb(themes.light[name]!),
  ]);
  const count = async () => (await webview.page.evaluate<number[] | null>(countColorsExpression(canvas, colors)))!;
  await webview.waitUntil(`document.querySelector('${canvas}').dataset.points > 0`);
  const [darkBlue, lightBlue, darkRed, lightRed] = await count();
  assert.ok(darkBlue! > 30 && darkRed! > 30, `dark theme colours drawn (${darkBlue}, ${darkRed})`);
  assert.equal(lightBlue! + lightRed!, 0);
  await webview.setTheme('light');
  await webview.send({ type: 'themeChanged' });
  await webview.page.waitForTimeout(300);
  const after = await count();
  assert.ok(after[1]! > 30 && after[3]! > 30, `light theme colours drawn (${after.join(', ')})`);
  // A few antialiased pixels may blend near an old colour by chance; no line is drawn in one.
  assert.ok(
    after[0]! + after[2]! < 0.02 * (darkBlue! + darkRed!),
    `no dark theme colour is left (${after.join(', ')})`,
  );
  const swatch = await webview.page.evaluate<string>(
    `getComputedStyle(document.querySelector('#runs .run-head .swatch')).backgroundColor`,
  );
  assert.equal(swatch, `rgb(${rgb(themes.light['--vscode-charts-blue']!).join(', ')})`);
  await webview.close();
});

test('a run hidden from the legend disappears from every chart', async () => {
  const runs = await fixtures.views(ids.sgdMomentum, ids.rmsprop);
  const webview = await openWith(runs);
  await serveHistories(webview, runs, noPendingHistory(webview));
  const canvas = '#charts .chart-card[data-metric="accuracy"] canvas';
  await webview.waitUntil(`document.querySelector('${canvas}')?.dataset.points > 0`);
  const red = [rgb(themes.dark['--vscode-charts-red']!)];
  assert.ok((await webview.page.evaluate<number[]>(countColorsExpression(canvas, red)))[0]! > 30);
  await webview.page.locator('#charts .legend-entry', { hasText: 'rmsprop' }).click();
  await webview.page.waitForTimeout(200);
  assert.equal((await webview.page.evaluate<number[]>(countColorsExpression(canvas, red)))[0], 0);
  assert.deepEqual(((await webview.state()) as { ui: { hiddenRunIds: string[] } }).ui.hiddenRunIds, [ids.rmsprop]);
  await webview.close();
});

test("hovering a chart: the tooltip names the step and every run's recorded value there, highest first; it goes when the pointer leaves", async () => {
  const runs = await fixtures.views(ids.sgdMomentum, ids.rmsprop);
  const webview = await openWith(runs);
  await serveHistories(webview, runs, noPendingHistory(webview));
  const card = webview.page.locator('#charts .chart-card[data-metric="loss"]');
  await webview.waitUntil(
    `document.querySelector('#charts .chart-card[data-metric="loss"] canvas')?.dataset.points > 0`,
  );
  const canvas = card.locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await webview.page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  const readout = card.locator('.chart-readout');
  await webview.waitUntil(
    `document.querySelector('#charts .chart-card[data-metric="loss"] .chart-readout').textContent !== ''`,
  );
  const [title, ...lines] = ((await readout.textContent()) ?? '').split(' · ');
  const step = Number(/^step (\d+)$/.exec(title ?? '')?.[1]);
  const histories = await Promise.all(
    runs.map(async (run) => ({ run, points: await fixtures.store.getMetricHistory(run.runId, 'loss') })),
  );
  const last = Math.max(...histories.flatMap(({ points }) => points.map((point) => point.step)));
  assert.ok(
    step > 0.45 * last && step < 0.75 * last,
    `the hovered step ${step} lies about 60% along the axis (0 to ${last})`,
  );
  const expected = histories
    .map(({ run, points }) => ({
      name: run.name,
      value: points.reduce((best, point) => (Math.abs(point.step - step) < Math.abs(best.step - step) ? point : best))
        .value,
    }))
    .sort((a, b) => b.value - a.value)
    .map(({ name, value }) => `${name}: ${formatNumber(value)}`);
  assert.deepEqual(lines, expected);
  await webview.page.mouse.move(box.x + box.width * 0.6, box.y + box.height + 200);
  await webview.waitUntil(
    `document.querySelector('#charts .chart-card[data-metric="loss"] .chart-readout').textContent === ''`,
  );
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

/** A synthetic 100,000-step loss history of run `seed`, point by point, as a store holds it. */
function longHistory(seed: number, from = 0, to = LONG_STEPS - 1): Metric[] {
  const points: Metric[] = [];
  for (let step = from; step <= to; step++)
    points.push({
      key: 'loss',
      step,
      timestamp: 1_700_000_000_000 + step * 100,
      value: Math.exp(-step / 30_000) + 0.05 * Math.sin(step / 50 + seed),
    });
  return points;
}
const LONG_STEPS = 100_000;

function manyRuns(base: RunView, count: number): RunView[] {
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    runId: `run${i}`,
    name: `run-${i}`,
    metrics: { loss: { value: 0.1, step: LONG_STEPS - 1, timestamp: 0 } },
  }));
}

async function drawnPoints(webview: WebviewPage): Promise<number> {
  return Number(await webview.page.locator('#charts canvas').first().getAttribute('data-points'));
}

test('100 runs of 100,000 steps, sampled as the host sends them: the chart draws, and a zoomed range comes back at full resolution', async () => {
  const runs = manyRuns((await fixtures.views(ids.baselineAdam))[0]!, 100);
  const webview = await openWith(runs);
  const request = await webview.waitForPosted('requestMetricHistory');
  assert.equal(request.maxPoints, 2500, "one metric of 100 runs: the server's limit per run");
  const overview = Object.fromEntries(
    runs.map((run, i) => [run.runId, toMetricSeries(downsampleHistory(longHistory(i), 2500), 2500)]),
  );
  await webview.send({
    type: 'metricHistory',
    requestId: String(request.requestId),
    metricKey: 'loss',
    series: overview,
  });
  await webview.page.locator('#charts .chart-card').first().scrollIntoViewIfNeeded();
  await webview.waitUntil(`document.querySelector('#charts canvas')?.dataset.points > 0`, 30_000);
  const canvas = webview.page.locator('#charts canvas').first();
  const box = (await canvas.boundingBox())!;
  assert.ok((await drawnPoints(webview)) <= 100 * 2500);
  await webview.page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  await webview.page.mouse.down();
  await webview.page.mouse.move(box.x + box.width * 0.41, box.y + box.height / 2, { steps: 4 });
  await webview.page.mouse.up();
  const zoom = await webview.waitForPosted('requestMetricHistory', (m) => m.range !== undefined);
  const range = zoom.range as { startStep: number; endStep: number };
  assert.ok(
    range.startStep > 20_000 && range.endStep < 60_000 && range.endStep - range.startStep < 2500,
    JSON.stringify(range),
  );
  assert.equal(zoom.maxPoints, 2500);
  const sampledInView = await drawnPoints(webview);
  const detail = Object.fromEntries(
    runs.map((run, i) => [run.runId, toMetricSeries(longHistory(i, range.startStep, range.endStep), 2500)]),
  );
  await webview.send({
    type: 'metricHistory',
    requestId: String(zoom.requestId),
    metricKey: 'loss',
    range,
    series: detail,
  });
  await webview.waitUntil(`Number(document.querySelector('#charts canvas').dataset.points) > ${sampledInView}`, 10_000);
  // 100 runs share the chart's budget of points: the full-resolution range shows more of them, never more than the budget.
  assert.ok((await drawnPoints(webview)) <= 48_000 + 100 * 4, `${await drawnPoints(webview)} points drawn`);
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

test('a history far longer than the chart is wide is thinned to at most 4 points per pixel column, extremes kept', async () => {
  const runs = manyRuns((await fixtures.views(ids.baselineAdam))[0]!, 2);
  const webview = await openWith(runs);
  const request = await webview.waitForPosted('requestMetricHistory');
  const full = Object.fromEntries(runs.map((run, i) => [run.runId, toMetricSeries(longHistory(i), LONG_STEPS + 1)]));
  await webview.send({ type: 'metricHistory', requestId: String(request.requestId), metricKey: 'loss', series: full });
  await webview.page.locator('#charts .chart-card').first().scrollIntoViewIfNeeded();
  await webview.waitUntil(`document.querySelector('#charts canvas')?.dataset.points > 0`, 30_000);
  const width = Math.round((await webview.page.locator('#charts canvas').first().boundingBox())!.width);
  const points = await drawnPoints(webview);
  assert.ok(points <= 2 * (4 * (width + 1) + 2), `${points} points for 2 runs ${width} px wide`);
  assert.ok(points >= 2 * width * 0.8, `${points} points: each pixel column keeps its extremes`);
  await webview.close();
});

test('the code section: source links and changed files go back as ids; the same commit and a missing commit are said plainly', async () => {
  const runs = await fixtures.views(ids.baselineAdam, ids.sgdMomentum);
  const webview = await openWith(runs);
  await webview.send({
    type: 'codeInfo',
    runs: [
      { runId: ids.baselineAdam, commit: runs[0]!.commit, sourceName: 'train.py', sourceLinkId: 'source-1' },
      { runId: ids.sgdMomentum, commit: runs[1]!.commit, sourceName: 'train.py', sourceLinkId: 'source-2' },
    ],
  });
  const ask = await webview.waitForPosted('requestCodeDiff');
  assert.deepEqual([ask.fromRunId, ask.toRunId], [ids.baselineAdam, ids.sgdMomentum]);
  await webview.send({
    type: 'codeDiff',
    requestId: String(ask.requestId),
    diff: {
      kind: 'changes',
      fromRunId: ids.baselineAdam,
      toRunId: ids.sgdMomentum,
      message: '2 files changed from 7aead6a to f3b9b86.',
      files: [
        { fileId: 'file-1', path: 'train.py', status: 'modified' },
        { fileId: 'file-2', path: 'new <b>.py', status: 'added' },
      ],
    },
  });
  await webview.page.locator('#code .changed-files a', { hasText: 'train.py' }).click();
  await webview.waitForPosted('openDiff', (m) => m.fileId === 'file-1');
  assert.equal(await webview.page.locator('#code .changed-files a').nth(1).textContent(), 'new <b>.py');
  await webview.page.locator('#code table a', { hasText: 'train.py' }).first().click();
  await webview.waitForPosted('openSource', (m) => m.linkId === 'source-1');
  const again = (await webview.posted()).filter((m) => m.type === 'requestCodeDiff').length;
  await webview.send({
    type: 'codeDiff',
    requestId: String(ask.requestId),
    diff: {
      kind: 'sameCommit',
      fromRunId: ids.baselineAdam,
      toRunId: ids.sgdMomentum,
      message: 'Both were logged at commit 9b64e09.',
    },
  });
  assert.equal(await webview.page.locator('#code .same-commit').textContent(), 'Both were logged at commit 9b64e09.');
  await webview.send({
    type: 'codeInfo',
    runs: runs.map((run) => ({ runId: run.runId, problem: 'No mlflow.source.git.commit tag.' })),
  });
  assert.match(
    (await webview.page.locator('#code .code-diff .notice').textContent()) ?? '',
    /None of these runs has a git commit tag/,
  );
  assert.equal(
    (await webview.posted()).filter((m) => m.type === 'requestCodeDiff').length,
    again,
    'no diff asked for runs without commits',
  );
  await webview.close();
});

test('a reload restores the baseline and the view settings from the saved state; removing a run asks the host', async () => {
  const runs = await fixtures.views(ids.baselineAdam, ids.sgdMomentum, ids.rmsprop);
  const state = {
    runIds: runs.map((run) => run.runId),
    baselineRunId: ids.sgdMomentum,
    ui: {
      onlyDifferences: false,
      chart: { xMode: 'relativeTime', smoothing: 0.6, logScale: true, ignoreOutliers: true },
    },
  };
  const webview = await openWith(runs, state);
  assert.equal(await webview.page.locator('#runs thead th.baseline .run-name').textContent(), 'sgd-momentum');
  assert.equal((await tableRows(webview, 'params')).length, diffValues(runs.map((run) => run.params)).length);
  assert.equal(await webview.page.locator('#charts .slider-value').textContent(), '0.60');
  const saved = (await webview.state()) as { runIds: string[]; ui: { chart: { xMode: string; logScale: boolean } } };
  assert.deepEqual(saved.runIds, state.runIds);
  assert.equal(saved.ui.chart.xMode, 'relativeTime');
  assert.equal(saved.ui.chart.logScale, true);
  await webview.page.locator('#runs button.remove-run').nth(2).click();
  await webview.waitForPosted('removeRun', (m) => m.runId === ids.rmsprop);
  await webview.send({ type: 'compareData', runs: runs.slice(0, 2), problems: [] });
  await webview.waitUntil(`document.querySelectorAll('#runs thead .run-head').length === 2`);
  assert.deepEqual(((await webview.state()) as { runIds: string[] }).runIds, state.runIds.slice(0, 2));
  const formatted = formatNumber(fromWire(runs[0]!.metrics.loss!.value));
  assert.ok((await webview.page.locator('#metrics tbody').textContent())?.includes(formatted));
  await webview.close();
});

test('a reload restores the metric sort, the scatter axes and the parallel-coordinates metric the user chose', async () => {
  const runs = await fixtures.views(ids.baselineAdam, ids.sgdMomentum, ids.rmsprop);
  const relations = async (webview: WebviewPage) => {
    await webview.page.locator('#relations').scrollIntoViewIfNeeded();
    await webview.page.locator('#relations .scatter canvas').waitFor();
    return webview.page.locator('#relations .toolbar vscode-dropdown');
  };
  const choose = async (dropdown: Locator, value: string) => {
    await dropdown.click();
    await dropdown.locator(`vscode-option[value="${value}"]`).click();
  };
  const selected = async (webview: WebviewPage) =>
    Promise.all(
      [0, 1, 2].map(async (i) =>
        (await relations(webview)).nth(i).locator('vscode-option[selected]').getAttribute('value'),
      ),
    );
  const metricOrder = (webview: WebviewPage) =>
    webview.page.locator('#metrics tbody th .metric-key span[title]').allTextContents();

  const first = await openWith(runs);
  await first.page.setViewportSize({ width: 1400, height: 600 });
  await first.page.locator('#metrics thead th.run-head').nth(1).click();
  await first.page.locator('#metrics thead th.run-head').nth(1).click();
  const dropdowns = await relations(first);
  const before = await selected(first);
  // For each dropdown, its last choice other than the default, so that a restored default cannot pass.
  const other = async (i: number) => {
    const values = await Promise.all(
      (await dropdowns.nth(i).locator('vscode-option').all()).map(async (option) => option.getAttribute('value')),
    );
    return values.filter((value): value is string => value !== null && value !== before[i]).at(-1)!;
  };
  const chosen = { x: await other(0), y: await other(1), parallel: await other(2) };
  await choose(dropdowns.nth(0), chosen.x);
  await choose(dropdowns.nth(1), chosen.y);
  await choose(dropdowns.nth(2), chosen.parallel);
  const saved = (await first.state()) as {
    ui: { metricSort: unknown; scatter: unknown; parallelMetric: unknown };
  };
  assert.deepEqual(saved.ui.metricSort, { by: 'run', runIndex: 1, descending: true });
  assert.deepEqual(saved.ui.scatter, { x: chosen.x, y: chosen.y });
  assert.equal(saved.ui.parallelMetric, chosen.parallel);
  const sortedOrder = await metricOrder(first);
  await first.close();

  const reloaded = await openWith(runs, saved);
  await reloaded.page.setViewportSize({ width: 1400, height: 600 });
  assert.deepEqual(await metricOrder(reloaded), sortedOrder);
  assert.equal(
    await reloaded.page.locator('#metrics thead th.run-head').nth(1).locator('.sort-mark').textContent(),
    '▼',
  );
  assert.deepEqual(await selected(reloaded), [chosen.x, chosen.y, chosen.parallel]);
  const state = (await reloaded.state()) as typeof saved;
  assert.deepEqual(
    [state.ui.metricSort, state.ui.scatter, state.ui.parallelMetric],
    [saved.ui.metricSort, saved.ui.scatter, saved.ui.parallelMetric],
  );
  assert.deepEqual(await reloaded.problems(), []);
  await reloaded.close();
});

test("3 or more runs: a scatter of a differing param against a metric and parallel coordinates, drawn when scrolled to, in the runs' colours", async () => {
  const runs = await fixtures.views(ids.baselineAdam, ids.sgdMomentum, ids.rmsprop);
  const webview = await harness.open('compare');
  await webview.page.setViewportSize({ width: 1400, height: 300 });
  await webview.send({ type: 'compareData', runs, problems: [] });
  await webview.page.locator('#relations').waitFor({ state: 'attached' });
  assert.equal(await webview.page.locator('#relations canvas').count(), 0, 'nothing is drawn far out of view');
  await webview.page.locator('#relations').scrollIntoViewIfNeeded();
  await webview.page.locator('#relations .scatter canvas').waitFor();
  const colors = ['--vscode-charts-blue', '--vscode-charts-red', '--vscode-charts-yellow'].map((name) =>
    rgb(themes.dark[name]!),
  );
  await webview.waitUntil(
    `(${countColorsExpression('#relations .scatter canvas', colors)}).every((count) => count > 20)`,
  );
  await webview.waitUntil(
    `(${countColorsExpression('#relations canvas.parallel', colors)}).every((count) => count > 20)`,
  );
  const state = (await webview.state()) as { ui: { scatter: { x: string; y: string } } };
  const differing = diffValues(runs.map((run) => run.params)).find((row) => row.differs)!;
  assert.deepEqual(
    state.ui.scatter,
    { x: `param:${differing.key}`, y: 'metric:loss' },
    'loss: the metric all three runs logged',
  );
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

test('the scatter names the runs it leaves out, and why: no value on an axis, or a value no axis holds', async () => {
  const runs = await fixtures.views(ids.sgdMomentum, ids.rmsprop, ids.baselineAdam, ids.nanInf, ids.adamLr3e3);
  const webview = await openWith(runs);
  await webview.page.setViewportSize({ width: 1400, height: 600 });
  await webview.page.locator('#relations').scrollIntoViewIfNeeded();
  await webview.page.locator('#relations .scatter canvas').waitFor();
  const [xAxis, yAxis] = [0, 1].map((i) => webview.page.locator('#relations .toolbar vscode-dropdown').nth(i));
  const choose = async (dropdown: Locator, value: string) => {
    await dropdown.click();
    await dropdown.locator(`vscode-option[value="${value}"]`).click();
  };
  const note = webview.page.locator('#relations .scatter .chart-note');

  await choose(xAxis!, 'metric:loss');
  await choose(yAxis!, 'metric:loss');
  await webview.page.locator('#relations .scatter canvas').waitFor();
  // All but nan-inf-metrics logged loss.
  assert.equal(await note.textContent(), '1 run not drawn: nan-inf-metrics (no loss)');

  await choose(yAxis!, 'metric:accuracy');
  await webview.waitUntil(
    `document.querySelector('#relations .scatter .chart-note')?.textContent === ` +
      JSON.stringify('2 runs not drawn: baseline-adam (no accuracy), nan-inf-metrics (no loss)'),
  );

  // last_pos_inf was logged as +Infinity: there is no place for it on an axis.
  await choose(xAxis!, 'metric:last_pos_inf');
  await choose(yAxis!, 'metric:weird');
  await webview.waitUntil(
    `document.querySelector('#relations .scatter .chart-note')?.textContent === ` +
      JSON.stringify(
        '5 runs not drawn: sgd-momentum (no last_pos_inf), rmsprop (no last_pos_inf), ' +
          'baseline-adam (no last_pos_inf), nan-inf-metrics (last_pos_inf is ∞), and 1 more',
      ),
  );
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

test('the code section offers one choice per commit, however many runs share it', async () => {
  const runs = await fixtures.views(ids.baselineAdam, ids.sgdMomentum, ids.adamLr3e3, ids.rmsprop);
  const webview = await openWith(runs);
  await webview.send({
    type: 'codeInfo',
    runs: runs.map((run) => ({ runId: run.runId, commit: run.commit!, sourceName: 'train.py' })),
  });
  const ask = await webview.waitForPosted('requestCodeDiff');
  assert.deepEqual([ask.fromRunId, ask.toRunId], [ids.baselineAdam, ids.sgdMomentum]);
  const options = await webview.page
    .locator('#code .toolbar vscode-dropdown')
    .first()
    .locator('vscode-option')
    .allTextContents();
  assert.deepEqual(
    options.map((text) => text.trim()),
    ['7aead6a baseline-adam', 'f3b9b86 sgd-momentum +1', '2c3a103 rmsprop'],
  );
  await webview.close();
});

test("a metric with one value per run (best_val_accuracy of the sweep's children) draws a mark per run, in its colour", async () => {
  const parent = await fixtures.store.getRun(ids.sweepParent);
  const { runs: children } = await fixtures.store.searchRuns({
    experimentIds: [parent.info.experimentId],
    filterString: `tags.mlflow.parentRunId = '${ids.sweepParent}'`,
  });
  assert.equal(children.length, 5);
  const runs = await fixtures.views(...children.map((child) => child.info.runId));
  for (const run of runs)
    assert.equal(
      (await fixtures.store.getMetricHistory(run.runId, 'best_val_accuracy')).length,
      1,
      `${run.name} logged best_val_accuracy once`,
    );
  const webview = await openWith(runs);
  await webview.page.setViewportSize({ width: 1200, height: 4000 });
  await serveHistories(webview, runs, noPendingHistory(webview));
  const canvas = '#charts .chart-card[data-metric="best_val_accuracy"] canvas';
  await webview.waitUntil(`document.querySelector('${canvas}')?.dataset.points > 0`);
  const colors = [
    '--vscode-charts-blue',
    '--vscode-charts-red',
    '--vscode-charts-yellow',
    '--vscode-charts-orange',
    '--vscode-charts-green',
  ].map((name) => rgb(themes.dark[name]!));
  const marks = await webview.page.evaluate<number[]>(countColorsExpression(canvas, colors));
  assert.ok(
    marks.every((count) => count >= 8),
    `each run's single value is drawn as a mark (${marks.join(', ')} pixels of the runs' colours)`,
  );
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

/** Five recorded runs named as a sweep names them: long, alike but for their ends. */
async function longNamedRuns(): Promise<RunView[]> {
  const runs = await fixtures.views(ids.baselineAdam, ids.sgdMomentum, ids.rmsprop, ids.adamLr3e3, ids.baselineSgd);
  return runs.map((run, index) => ({
    ...run,
    name: `resnet50-imagenet-sweep-lr-0.00${index + 1}-batch-256-cosine-warmup-seed-${index}`,
  }));
}

/** The narrowest row header (th.key) among the tables of the runs, params and metrics sections. */
async function narrowestRowHeader(webview: WebviewPage): Promise<number> {
  const widths = await Promise.all(
    (await webview.page.locator('#runs th.key, #params th.key, #metrics th.key').all()).map(
      async (cell) => (await box(cell)).width,
    ),
  );
  assert.ok(widths.length >= 10, `${widths.length} row headers`);
  return Math.min(...widths);
}

test('five runs with long names (issue 10.9): the row headers keep a readable width at 1000 and 400 pixels, and stay put while the runs scroll sideways', async () => {
  const webview = await openWith(await longNamedRuns());
  const page = webview.page;
  for (const width of [1000, 400]) {
    await page.setViewportSize({ width, height: 900 });
    assert.ok((await narrowestRowHeader(webview)) >= 120, `at ${width}px: ${await narrowestRowHeader(webview)}px`);
    for (const key of ['Name', 'Experiment', 'Duration'])
      assert.equal(
        await textLines(page.locator('#runs th.key', { hasText: key })),
        1,
        `"${key}" on one line at ${width}px`,
      );
    assert.equal(await textLines(page.locator('#metrics th.key span', { hasText: /^accuracy$/ })), 1);
    // The run columns keep their width and scroll in the section's frame; the row headers stay.
    const frame = page.locator('#runs .table-scroll');
    const key = page.locator('#runs th.key', { hasText: 'Experiment' });
    const lastRun = page.locator('#runs thead .run-head').last();
    const [keyBefore, runBefore] = [await box(key), await box(lastRun)];
    const scrolled = await scrollSideways(frame, 300);
    assert.ok(scrolled > 0, `the runs scroll sideways at ${width}px`);
    assert.equal((await box(key)).x, keyBefore.x, 'the row header stays put');
    assert.equal((await box(lastRun)).x, runBefore.x - scrolled, 'the run columns moved');
    assert.ok((await box(lastRun)).width >= 150, 'a run column keeps its width');
    await scrollSideways(frame, 0);
  }
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

/** Two recorded runs compared, the second renamed to 6,000 characters (a name MLflow accepts). */
async function withLongRunName(): Promise<{ webview: WebviewPage; long: string; second: RunView }> {
  const [first, second] = await fixtures.views(ids.baselineAdam, ids.sgdMomentum);
  const long = `run-${'abcdefghij'.repeat(600)}`;
  return { webview: await openWith([first!, { ...second!, name: long }]), long, second: second! };
}

test('a 6,000-character run name (issue 14.5): the row headers stay readable, the name is cut with an ellipsis and shown whole on hover', async () => {
  const { webview, long, second } = await withLongRunName();
  const page = webview.page;
  for (const width of [1000, 400]) {
    await page.setViewportSize({ width, height: 900 });
    assert.ok((await narrowestRowHeader(webview)) >= 120, `at ${width}px: ${await narrowestRowHeader(webview)}px`);
    const head = page.locator('#params thead .run-head').nth(1);
    assert.equal(await head.getAttribute('title'), long);
    assert.equal(await textLines(head.locator('.run-name')), 1, 'the column header is one line');
    assert.equal(
      (await box(head)).height,
      (await box(page.locator('#params thead .run-head').first())).height,
      "as tall as a short name's",
    );
    assert.ok(await isClipped(head), 'cut, with an ellipsis');
    assert.equal(await computedStyle(head, 'text-overflow'), 'ellipsis');
    const link = page.locator('#runs .run-link').nth(1);
    assert.equal(await link.getAttribute('title'), `${long}\nOpen run ${second.runId}`);
    assert.ok(
      (await textLines(link)) >= 1 &&
        (await box(link)).height <= 2.5 * (await box(page.locator('#runs .run-link').first())).height,
      'the name row is two lines at most',
    );
    const table = await box(page.locator('#runs table.runs-table'));
    assert.ok(table.height < 400, `the runs table is not stretched by the name: ${JSON.stringify(table)}`);
  }
  await webview.close();
});

test("a 6,000-character run name in the charts' legend: one line cut with an ellipsis, the whole name on hover, the legend inside the panel", async () => {
  const { webview, long } = await withLongRunName();
  const page = webview.page;
  for (const width of [1000, 400]) {
    await page.setViewportSize({ width, height: 900 });
    const legend = page.locator('#charts .legend');
    const short = page.locator('#charts .legend-entry').first();
    const entry = page.locator('#charts .legend-entry').nth(1);
    assert.equal(await entry.getAttribute('title'), `${long}\nHide this run in the charts`);
    assert.equal(await entry.textContent(), long, 'the whole name is its accessible name');
    const name = entry.locator('.legend-name');
    assert.equal(await textLines(name), 1, 'one line');
    assert.ok(await isClipped(name), 'cut');
    assert.equal(await computedStyle(name, 'text-overflow'), 'ellipsis');
    assert.equal((await box(entry)).height, (await box(short)).height, "as tall as a short name's entry");
    const legendBox = await box(legend);
    assert.ok(
      (await box(entry)).x + (await box(entry)).width <= legendBox.x + legendBox.width + 1,
      'inside the legend',
    );
    assert.equal(await isClipped(legend), false, 'the legend neither scrolls nor hides a row');
    assert.ok(legendBox.width <= width, `the legend fits the panel: ${legendBox.width}px at ${width}px`);
  }
  // Hidden, the entry says so on hover and still names the run.
  await page.locator('#charts .legend-entry').nth(1).click();
  assert.equal(
    await page.locator('#charts .legend-entry').nth(1).getAttribute('title'),
    `${long}\nShow this run in the charts`,
  );
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

test('a right-to-left override in a run name or param (issue 14.5): shown as a visible control, the text keeps its order, its neighbours are not reversed', async () => {
  const [first, second] = await fixtures.views(ids.baselineAdam, ids.sgdMomentum);
  const spoof = 'report\u202Eexe.txt';
  const hebrew = 'ניסוי-lr-3';
  const runs = [
    { ...first!, name: spoof, params: { ...first!.params, note: '\u202Ereversed value' } },
    { ...second!, name: hebrew, params: { ...second!.params, note: 'plain' } },
  ];
  const webview = await openWith(runs);
  const page = webview.page;
  const name = page.locator('#runs thead .run-head .run-name').first();
  assert.ok(leftToRight(await characterLefts(name)), 'drawn in its stored order, not reversed');
  assert.equal(await name.textContent(), 'report<U+202E>exe.txt');
  assert.equal(await page.locator('#runs thead .run-head').first().getAttribute('title'), 'report<U+202E>exe.txt');
  const value = page
    .locator('#params tbody tr', { has: page.locator('th', { hasText: /^note$/ }) })
    .locator('td')
    .first();
  assert.ok(leftToRight(await characterLefts(value)));
  assert.equal((await value.textContent())?.trim(), '<U+202E>reversed value');
  // A right-to-left name reads right to left, isolated: the text around it keeps its place.
  const rtl = page.locator('#runs thead .run-head .run-name').nth(1);
  assert.equal(await rtl.getAttribute('dir'), 'auto');
  assert.equal(await computedStyle(rtl, 'unicode-bidi'), 'isolate');
  assert.equal(await computedStyle(page.locator('#runs .run-link').nth(1), 'unicode-bidi'), 'isolate');
  assert.deepEqual(await webview.problems(), []);
  await webview.close();
});

test('issue 10.3: the newer run selected first, the host diffs older to newer and the choices show that order', async () => {
  const runs = await fixtures.views(ids.sgdMomentum, ids.baselineAdam);
  const webview = await openWith(runs);
  await webview.send({
    type: 'codeInfo',
    runs: runs.map((run) => ({ runId: run.runId, commit: run.commit!, sourceName: 'train.py' })),
  });
  const ask = await webview.waitForPosted('requestCodeDiff');
  assert.deepEqual([ask.fromRunId, ask.toRunId], [ids.sgdMomentum, ids.baselineAdam], 'asked in the order shown');
  const message = '1 file changed from 7aead6a (baseline-adam) to f3b9b86 (sgd-momentum).';
  await webview.send({
    type: 'codeDiff',
    requestId: String(ask.requestId),
    diff: {
      kind: 'changes',
      fromRunId: ids.baselineAdam,
      toRunId: ids.sgdMomentum,
      message,
      files: [{ fileId: 'file-1', path: 'train.py', status: 'modified' }],
    },
  });
  await webview.page.locator('#code .changed-files a', { hasText: 'train.py' }).waitFor();
  const dropdowns = webview.page.locator('#code .toolbar vscode-dropdown');
  const selected = await Promise.all(
    [0, 1].map(async (i) => (await dropdowns.nth(i).locator('vscode-option[selected]').textContent())?.trim()),
  );
  assert.deepEqual(
    selected,
    ['7aead6a baseline-adam', 'f3b9b86 sgd-momentum'],
    '"Changes from" the older run "to" the newer',
  );
  assert.equal(await webview.page.locator('#code .code-diff .notice').textContent(), message);
  assert.equal(
    (await webview.posted()).filter((m) => m.type === 'requestCodeDiff').length,
    1,
    'showing the order asks nothing more',
  );
  await webview.close();
});

test('issue 10.4: five runs at one commit: the note says all 5, and names them when only some runs are there', async () => {
  const base = (await fixtures.views(ids.baselineAdam))[0]!;
  const five = Array.from({ length: 5 }, (_, i) => ({ ...base, runId: `run${i}`, name: `run-${i}` }));
  const webview = await openWith(five);
  await webview.send({ type: 'codeInfo', runs: five.map((run) => ({ runId: run.runId, commit: base.commit! })) });
  assert.equal(
    await webview.page.locator('#code .code-diff .same-commit').textContent(),
    `All 5 runs were logged at commit ${base.commit!.slice(0, 7)}: their committed code is the same (MLflow does not record uncommitted changes).`,
  );
  await webview.send({
    type: 'codeInfo',
    runs: [
      ...five.slice(0, 4).map((run) => ({ runId: run.runId, commit: base.commit! })),
      { runId: 'run4', problem: 'No mlflow.source.git.commit tag.' },
    ],
  });
  assert.match(
    (await webview.page.locator('#code .code-diff .same-commit').textContent()) ?? '',
    /^The 4 runs "run-0", "run-1", "run-2" and "run-3" were logged at commit [0-9a-f]{7}: /,
  );
  assert.equal((await webview.posted()).filter((m) => m.type === 'requestCodeDiff').length, 0, 'nothing to diff');
  await webview.close();
});
