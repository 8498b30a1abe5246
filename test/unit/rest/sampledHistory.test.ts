import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Metric } from '../../../src/extension/tracking/model';
import { compareMetricPoints, downsampleHistory } from '../../../src/extension/tracking/sampling';
import { loadTranscripts, responseBytes, responseJson } from '../../support/transcripts';
import type { RecordedRequest } from '../../support/scriptedServer';
import { rejectsWith, replayStore, scriptedStore } from './restTestKit';

const BEST_SO_FAR = '0960131861354a3188896e001e76faf2';
const OTHER = '8f6c695d480c4f49a32de6e4a243af1c';
const HUNDRED_K = '3a4ca0f9d54d4ef39677e302d9b5dde1';

function recordedCounts(selector: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of (responseJson(loadTranscripts([selector])[0]!) as { metrics: { run_id: string }[] }).metrics) {
    counts[entry.run_id] = (counts[entry.run_id] ?? 0) + 1;
  }
  return counts;
}

function isSorted(points: readonly Metric[]): boolean {
  return points.every((point, index) => index === 0 || compareMetricPoints(points[index - 1]!, point) <= 0);
}

test('get-history-bulk-interval for two runs groups the points by run, each sorted by step (086)', async (t) => {
  const { store } = await replayStore(t, ['086']);
  const sampled = await store.getSampledMetricHistory({
    runIds: [BEST_SO_FAR, OTHER],
    metricKey: 'loss',
    maxResults: 50,
  });
  assert.equal(Object.getPrototypeOf(sampled), null);
  assert.deepEqual(Object.keys(sampled), [BEST_SO_FAR, OTHER]);
  const counts = recordedCounts('086');
  for (const runId of [BEST_SO_FAR, OTHER]) {
    assert.equal(sampled[runId]!.length, counts[runId]);
    assert.ok(isSorted(sampled[runId]!));
    assert.equal(sampled[runId]![0]!.step, 0, 'the first step is always kept');
  }
});

test('a step range (087) and a 100,000-step run sampled to its first and last step (088)', async (t) => {
  const { store } = await replayStore(t, ['087', '088']);
  const range = await store.getSampledMetricHistory({
    runIds: [BEST_SO_FAR],
    metricKey: 'loss',
    maxResults: 20,
    startStep: 100,
    endStep: 200,
  });
  assert.ok(range[BEST_SO_FAR]!.every((point) => point.step >= 100 && point.step <= 200));
  assert.equal(range[BEST_SO_FAR]![0]!.step, 100);
  const big = (await store.getSampledMetricHistory({ runIds: [HUNDRED_K], metricKey: 'loss', maxResults: 100 }))[
    HUNDRED_K
  ]!;
  assert.equal(big[0]!.step, 0);
  assert.equal(big[big.length - 1]!.step, 99_999);
});

test('max_results outside 1..2500 or half a step range fails before any request (090)', async (t) => {
  const { store, server } = await replayStore(t, ['090']);
  await rejectsWith(store.getSampledMetricHistory({ runIds: [BEST_SO_FAR], metricKey: 'loss', maxResults: 2501 }), {
    errorCode: 'INVALID_PARAMETER_VALUE',
    message: /1 to 2500/,
  });
  await rejectsWith(store.getSampledMetricHistory({ runIds: [BEST_SO_FAR], metricKey: 'loss', startStep: 3 }), {
    errorCode: 'INVALID_PARAMETER_VALUE',
  });
  assert.deepEqual(server.served, []);
});

test('150 runs go in two requests of at most 100 run ids; a run without points is []', async (t) => {
  const runIds = Array.from({ length: 150 }, (_, index) => `run${index}`);
  const { store, server } = await scriptedStore(t, (request) => ({
    body: {
      metrics: request.query
        .run_ids!.slice(1)
        .map((runId) => ({ key: 'loss', value: 1, timestamp: 5, step: 2, run_id: runId })),
    },
  }));
  const sampled = await store.getSampledMetricHistory({ runIds, metricKey: 'loss' });
  assert.deepEqual(
    server.requests.map((request) => request.query.run_ids!.length),
    [100, 50],
  );
  assert.deepEqual(server.requests[0]!.query.max_results, ['2500']);
  assert.deepEqual(sampled.run0, []);
  assert.deepEqual(sampled.run1, [{ key: 'loss', value: 1, timestamp: 5, step: 2 }]);
  assert.equal(Object.keys(sampled).length, 150);
});

test('a server without get-history-bulk-interval (404 page) gets full histories, thinned here, and is not asked again', async (t) => {
  const notFound = loadTranscripts(['151'])[0]!.response;
  const histories: Record<string, Metric[]> = { a: history(3000, 0.5), b: history(40, 2) };
  const script = (request: RecordedRequest) => {
    if (request.path.endsWith('/get-history-bulk-interval')) {
      return { status: 404, headers: { 'Content-Type': notFound.headers['content-type']! }, body: notFound.body_text! };
    }
    return { body: { metrics: [...histories[request.query.run_id![0]!]!].reverse() } };
  };
  const { store, server } = await scriptedStore(t, script);
  const sampled = await store.getSampledMetricHistory({ runIds: ['a', 'b'], metricKey: 'loss', maxResults: 100 });
  assert.deepEqual(sampled.a, downsampleHistory(histories.a!, 100));
  assert.deepEqual(sampled.b, histories.b);
  const ranged = await store.getSampledMetricHistory({
    runIds: ['a'],
    metricKey: 'loss',
    maxResults: 100,
    startStep: 10,
    endStep: 20,
  });
  assert.deepEqual(ranged.a, histories.a!.slice(10, 21));
  const bulkCalls = server.requests.filter((request) => request.path.endsWith('/get-history-bulk-interval'));
  assert.equal(bulkCalls.length, 1, 'the missing endpoint is remembered');
});

test('a real error from get-history-bulk-interval is not mistaken for a missing endpoint', async (t) => {
  const { store, server } = await scriptedStore(t, [
    { status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Run x not found' } },
  ]);
  await rejectsWith(store.getSampledMetricHistory({ runIds: ['x'], metricKey: 'loss' }), {
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
    httpStatus: 404,
  });
  assert.equal(server.requests.length, 1);
});

function history(length: number, scale: number): Metric[] {
  return Array.from({ length }, (_, step) => ({
    key: 'loss',
    value: Math.sin(step / 7) * scale,
    timestamp: 1_000 + step,
    step,
  }));
}

test('a sampled history the sqlite server sends with clamped infinities reads them as ±Infinity (089, answered on /api)', async (t) => {
  // The server answered this on /ajax-api (089); /api is the same handler, and the one RestStore asks.
  const recorded = loadTranscripts(['089'])[0]!;
  const { store, server } = await scriptedStore(t, [
    { headers: { 'content-type': 'application/json' }, body: responseBytes(recorded) },
  ]);
  const runId = 'aa5902e4f3d246b9a344918a16ee66bc';
  const sampled = await store.getSampledMetricHistory({ runIds: [runId], metricKey: 'weird', maxResults: 10 });
  assert.equal(server.requests[0]!.path, '/api/2.0/mlflow/metrics/get-history-bulk-interval');
  assert.match(
    recorded.response.body_text ?? '',
    /"value": 1\.7976931348623157e\+308/,
    'the recording holds the clamped value',
  );
  assert.deepEqual(
    sampled[runId]!.map((point) => String(point.value)),
    ['1', 'NaN', 'Infinity', '-Infinity', '0.5', 'Infinity', '5e-324', '0', '42', '0.25'],
  );
});
