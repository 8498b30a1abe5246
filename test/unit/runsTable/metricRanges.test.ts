import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import type { MetricRange } from '../../../src/webview/protocol';
import type { SampledMetricHistoryRequest, TrackingStore } from '../../../src/extension/tracking/trackingStore';
import { fetchMetricRanges, rangeOf } from '../../../src/extension/runsTable/metricRanges';

let store: TrackingStore;

before(async () => {
  store = await openSqliteStore('test/fixtures/mlflow-3.5.1/server-store/mlflow.db');
});
after(() => store.dispose());

const point = (step: number, value: number) => ({ key: 'loss', value, step, timestamp: 1000 + step });

test('rangeOf: the lowest and highest value and the step each was first reached; NaN counts for nothing', () => {
  assert.deepEqual(
    rangeOf('r', 'loss', [point(0, 0.9), point(1, 0.4), point(2, Number.NaN), point(3, 0.4), point(4, 1.2)]),
    {
      runId: 'r',
      key: 'loss',
      min: 0.4,
      max: 1.2,
      minStep: 1,
      maxStep: 4,
    },
  );
  assert.deepEqual(rangeOf('r', 'loss', [point(0, -Infinity), point(5, Infinity)]), {
    runId: 'r',
    key: 'loss',
    min: '-Infinity',
    max: 'Infinity',
    minStep: 0,
    maxStep: 5,
  });
  assert.deepEqual(rangeOf('r', 'loss', [point(2, Number.NaN)]), {
    runId: 'r',
    key: 'loss',
    min: 'NaN',
    max: 'NaN',
    minStep: 2,
    maxStep: 2,
  });
  assert.equal(rangeOf('r', 'loss', []), undefined);
});

test('fetchMetricRanges asks 100 runs a request and hands each batch over; values match the full histories', async () => {
  const { experimentId } = await store.getExperimentByName('scale');
  const { runs } = await store.searchRuns({ experimentIds: [experimentId], orderBy: ['attributes.run_name ASC'] });
  const runIds = runs.map((run) => run.info.runId);
  assert.equal(runIds.length, 150);
  const requests: SampledMetricHistoryRequest[] = [];
  const counting: TrackingStore = Object.create(store, {
    getSampledMetricHistory: {
      value: (request: SampledMetricHistoryRequest) => (requests.push(request), store.getSampledMetricHistory(request)),
    },
  }) as TrackingStore;
  const batches: MetricRange[][] = [];
  await fetchMetricRanges(counting, runIds, ['accuracy', 'loss'], (ranges) => batches.push(ranges));
  assert.deepEqual(
    requests.map((request) => [request.metricKey, request.runIds.length, request.maxResults]),
    [
      ['accuracy', 100, 2500],
      ['accuracy', 50, 2500],
      ['loss', 100, 2500],
      ['loss', 50, 2500],
    ],
  );
  assert.deepEqual(
    batches.map((batch) => batch.length),
    [100, 50, 100, 50],
  );
  for (const runId of [runIds[0]!, runIds[149]!]) {
    const full = await store.getMetricHistory(runId, 'loss');
    const values = full.map((metric) => metric.value);
    const range = batches.flat().find((entry) => entry.runId === runId && entry.key === 'loss')!;
    assert.equal(range.min, Math.min(...values));
    assert.equal(range.max, Math.max(...values));
    assert.equal(range.minStep, full.find((metric) => metric.value === Math.min(...values))!.step);
  }
});
