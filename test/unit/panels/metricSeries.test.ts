import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fetchMetricSeries, toMetricSeries } from '../../../src/extension/panels/metricSeries';
import { openFileStore } from '../../../src/extension/tracking/local/fileStore';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';

const bestSoFar = 'cdd5ebdb2081480f90aa962e56f9adfe';
const nanInf = 'b37e427ead2c4047a7ea1fa8a1841b07';
let store: TrackingStore;

before(async () => {
  store = await openFileStore('test/fixtures/mlflow-3.5.1/mlruns');
});
after(() => store.dispose());

test('a recorded history in columns, exactly as the store holds it when it fits', async () => {
  const full = await store.getMetricHistory(bestSoFar, 'loss');
  const { [bestSoFar]: series } = await fetchMetricSeries(store, [bestSoFar], 'loss', { maxPoints: 2500 });
  assert.deepEqual(
    series!.steps,
    full.map((point) => point.step),
  );
  assert.deepEqual(
    series!.values,
    full.map((point) => point.value),
  );
  assert.equal(series!.sampled, false);
});

test('asked for fewer points: thinned, marked as sampled, first and last kept', async () => {
  const full = await store.getMetricHistory(bestSoFar, 'loss');
  const { [bestSoFar]: series } = await fetchMetricSeries(store, [bestSoFar], 'loss', { maxPoints: 50 });
  assert.ok(series!.steps.length <= 50 && series!.sampled);
  assert.equal(series!.steps[0], full[0]!.step);
  assert.equal(series!.steps.at(-1), full.at(-1)!.step);
});

test('a range from a webview is ordered and made whole; max points are clamped to what the server allows', async () => {
  const { [bestSoFar]: series } = await fetchMetricSeries(store, [bestSoFar], 'loss', {
    maxPoints: 1e9,
    range: { startStep: 120.7, endStep: 100.2 },
  });
  assert.deepEqual(
    series!.steps,
    Array.from({ length: 22 }, (_, i) => 100 + i),
    'steps 100 to 121 cover 100.2 to 120.7',
  );
});

test('NaN and infinite recorded values travel spelled out; a run without the metric gets an empty series', async () => {
  const keys = Object.keys((await store.getRun(nanInf)).data.metrics);
  const spelled = new Set<unknown>();
  for (const key of keys) {
    const { [nanInf]: series } = await fetchMetricSeries(store, [nanInf], key, { maxPoints: 2500 });
    for (const value of series!.values) if (typeof value === 'string') spelled.add(value);
  }
  assert.ok(spelled.has('NaN'), [...spelled].join());
  assert.deepEqual(toMetricSeries([], 10), { steps: [], timestamps: [], values: [], sampled: false });
  const missing = await fetchMetricSeries(store, [bestSoFar], 'no-such-metric', { maxPoints: 10 });
  assert.deepEqual(missing[bestSoFar], { steps: [], timestamps: [], values: [], sampled: false });
});
