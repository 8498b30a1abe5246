import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Metric } from '../../../src/extension/tracking/model';
import { compareMetricPoints } from '../../../src/extension/tracking/sampling';
import { loadTranscripts, responseJson } from '../../support/transcripts';
import { replayStore, scriptedStore } from './restTestKit';

const BEST_SO_FAR = '0960131861354a3188896e001e76faf2';
const NAN_INF_RUN = 'aa5902e4f3d246b9a344918a16ee66bc';

function recordedPoints(selector: string): unknown[] {
  return (responseJson(loadTranscripts([selector])[0]!) as { metrics?: unknown[] }).metrics ?? [];
}

test('the whole history in one page of 25000 (073) equals the three pages of 200 (074-076)', async (t) => {
  const onePage = await replayStore(t, ['073']);
  const whole = await onePage.store.getMetricHistory(BEST_SO_FAR, 'loss');
  assert.equal(whole.length, recordedPoints('073').length);
  assert.deepEqual(whole.slice(0, 2), [
    { key: 'loss', value: 2.363541, timestamp: 1794677401500, step: 0 },
    { key: 'loss', value: 2.361128, timestamp: 1794677402500, step: 1 },
  ]);
  const paged = await replayStore(t, ['074', '075', '076'], { metricHistoryPageSize: 200 });
  assert.deepEqual(await paged.store.getMetricHistory(BEST_SO_FAR, 'loss'), whole);
  assert.equal(paged.server.served.length, 3);
});

test('NaN and infinities in a history: sqlite server (077), file store (compare-filestore/003), gunicorn (compare-gunicorn/003)', async (t) => {
  const { store } = await replayStore(t, ['077'], { metricHistoryPageSize: 100 });
  const sqlite = (await store.getMetricHistory(NAN_INF_RUN, 'weird')).map((point) => point.value);
  assert.equal(sqlite[0], 1);
  assert.ok(Number.isNaN(sqlite[1]));
  assert.equal(
    sqlite[2],
    Infinity,
    'the sqlite store clamped +Infinity to 1.7976931348623157e308; it is read back as +Infinity',
  );
  assert.equal(sqlite[3], -Infinity);
  const fileStore = await replayStore(t, ['compare-filestore/003'], { metricHistoryPageSize: 100 });
  const values = (await fileStore.store.getMetricHistory('b37e427ead2c4047a7ea1fa8a1841b07', 'weird')).map(
    (point) => point.value,
  );
  assert.ok(Number.isNaN(values[1]));
  assert.equal(values[2], Infinity);
  assert.equal(values[3], -Infinity);
  assert.ok(Object.is(values[7], -0));
  const gunicorn = await replayStore(t, ['compare-gunicorn/003'], { metricHistoryPageSize: 100 });
  const fromGunicorn = await gunicorn.store.getMetricHistory('9e6e5e7a772d43c994675400428cc55a', 'weird');
  assert.equal(fromGunicorn.length, sqlite.length);
});

test('same-step points come sorted by timestamp; slash keys; unknown key and unknown run are [] (078-080, 149)', async (t) => {
  const { store } = await replayStore(t, ['078', '079', '080'], { metricHistoryPageSize: 100 });
  const sameStep = await store.getMetricHistory(NAN_INF_RUN, 'same_step');
  assert.ok(sameStep.length > 1 && sameStep.every((point) => point.step === 0));
  assert.deepEqual([...sameStep].sort(compareMetricPoints), sameStep);
  const slash = await store.getMetricHistory(NAN_INF_RUN, 'train/loss');
  assert.equal(slash.length, recordedPoints('079').length);
  assert.deepEqual(await store.getMetricHistory(BEST_SO_FAR, 'does_not_exist'), []);
  const unknownRun = await replayStore(t, ['149'], { metricHistoryPageSize: 10 });
  assert.deepEqual(await unknownRun.store.getMetricHistory('00000000000000000000000000000000', 'loss'), []);
});

test('values written as "NaN"/"Infinity" strings are stored as NaN and clamped infinities, and read back as NaN and infinities (163)', async (t) => {
  const { store } = await replayStore(t, ['163'], { metricHistoryPageSize: 10 });
  const values = (await store.getMetricHistory('f779b3378cf94de39e3a35d2e2fcec33', 'special')).map(
    (point) => point.value,
  );
  assert.ok(Number.isNaN(values[0]));
  assert.deepEqual(values.slice(1), [Infinity, -Infinity]);
});

test('max_results is always sent, so the server never hands back the empty page and token of 072', async (t) => {
  const { store, server } = await scriptedStore(t, [
    { body: { metrics: [point(0)], next_page_token: 'a' } },
    { body: { metrics: [point(1)] } },
  ]);
  assert.deepEqual(
    (await store.getMetricHistory('r', 'loss')).map((p) => p.step),
    [0, 1],
  );
  assert.deepEqual(
    server.requests.map((request) => request.query),
    [
      { run_id: ['r'], metric_key: ['loss'], max_results: ['25000'] },
      { run_id: ['r'], metric_key: ['loss'], max_results: ['25000'], page_token: ['a'] },
    ],
  );
  assert.ok(server.requests.every((request) => request.method === 'GET'));
});

test('a pager that never ends stops: an empty page with a token (072), a token handed out twice', async (t) => {
  const recorded072 = loadTranscripts(['072'])[0]!.response.body_text!;
  const empty = await scriptedStore(t, () => ({ body: recorded072 }));
  assert.deepEqual(await empty.store.getMetricHistory('r', 'loss'), []);
  assert.equal(empty.server.requests.length, 1);
  const repeating = await scriptedStore(t, (_request, index) => ({
    body: { metrics: [point(index)], next_page_token: 'same' },
  }));
  const points = await repeating.store.getMetricHistory('r', 'loss');
  assert.deepEqual(
    points.map((p) => p.step),
    [0, 1],
    'the page behind a repeated token is not read again',
  );
  assert.equal(repeating.server.requests.length, 2);
});

test('a large history (100,000 points, ~11 MB) with bare NaN/Infinity tokens parses whole and sorted', async (t) => {
  const count = 100_000;
  const body = largeHistoryBody(count);
  assert.ok(body.length > 10_000_000);
  const { store } = await scriptedStore(t, [{ body, headers: { 'Content-Type': 'application/json' } }]);
  const points = await store.getMetricHistory('3a4ca0f9d54d4ef39677e302d9b5dde1', 'loss');
  assert.equal(points.length, count);
  assert.ok(points.every((p, index) => p.step === index));
  assert.ok(Number.isNaN(points[500]!.value));
  assert.equal(points[1000]!.value, Infinity);
  assert.equal(points[1500]!.value, -Infinity);
  assert.equal(points[2]!.value, 2 / 3);
  assert.equal(points[99_999]!.value, 99_999 / 3);
});

/** One history point in the server's pretty-printed layout; every 500th is non-finite, as a bare token. */
function largeHistoryBody(count: number): string {
  const special = ['NaN', 'Infinity', '-Infinity'];
  const lines: string[] = [];
  for (let step = 0; step < count; step++) {
    const value = step > 0 && step % 500 === 0 ? special[(step / 500 - 1) % 3]! : String(step / 3);
    lines.push(
      `    {\n      "key": "loss",\n      "value": ${value},\n      "timestamp": ${1794729601000 + step * 100},\n      "step": ${step}\n    }`,
    );
  }
  return `{\n  "metrics": [\n${lines.join(',\n')}\n  ]\n}`;
}

function point(step: number): Metric {
  return { key: 'loss', value: step / 10, timestamp: 1_700_000_000_000 + step, step };
}
