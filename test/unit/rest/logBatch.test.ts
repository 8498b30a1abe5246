import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LOG_BATCH_LIMITS, logBatchBody, splitLogBatch } from '../../../src/extension/tracking/rest/logBatch';
import type { Metric, Param, RunTag } from '../../../src/extension/tracking/model';
import { loadTranscripts } from '../../support/transcripts';

function metrics(count: number): Metric[] {
  return Array.from({ length: count }, (_, step) => ({
    key: `m${step % 4}`,
    value: step,
    timestamp: 1000 + step,
    step,
  }));
}
function entries(prefix: string, count: number): Param[] & RunTag[] {
  return Array.from({ length: count }, (_, index) => ({ key: `${prefix}${index}`, value: String(index) }));
}

test('any batch splits into requests within every limit, keeping each kind in order', () => {
  fc.assert(
    fc.property(fc.nat(3500), fc.nat(450), fc.nat(450), (metricCount, paramCount, tagCount) => {
      const batch = { metrics: metrics(metricCount), params: entries('p', paramCount), tags: entries('t', tagCount) };
      const requests = splitLogBatch(batch);
      for (const request of requests) {
        const [m, p, t] = [request.metrics?.length ?? 0, request.params?.length ?? 0, request.tags?.length ?? 0];
        assert.ok(m + p + t > 0, 'no empty request');
        assert.ok(m <= LOG_BATCH_LIMITS.metrics && p <= LOG_BATCH_LIMITS.params && t <= LOG_BATCH_LIMITS.tags);
        assert.ok(m + p + t <= LOG_BATCH_LIMITS.total);
      }
      assert.deepEqual(
        requests.flatMap((request) => request.metrics ?? []),
        batch.metrics,
      );
      assert.deepEqual(
        requests.flatMap((request) => request.params ?? []),
        batch.params,
      );
      assert.deepEqual(
        requests.flatMap((request) => request.tags ?? []),
        batch.tags,
      );
    }),
  );
});

test('a batch within the limits is one request, its body exactly the recorded one (160)', () => {
  const recorded = loadTranscripts(['160'])[0]!.request;
  const batch = {
    metrics: [1, 0.5, 1 / 3, 0.25, 0.2].map((value, step) => ({
      key: 'loss',
      value,
      timestamp: 1795698409246 + step,
      step,
    })),
    params: [
      { key: 'lr', value: '0.01' },
      { key: 'optimizer', value: 'adam' },
    ],
    tags: [{ key: 'team', value: 'ml' }],
  };
  const requests = splitLogBatch(batch);
  assert.equal(requests.length, 1);
  assert.deepEqual(logBatchBody('f779b3378cf94de39e3a35d2e2fcec33', requests[0]!), recorded.body);
});

test('the 1001 metrics the server refused (165) go as 1000 + 1; nothing is an empty request', () => {
  assert.deepEqual(
    splitLogBatch({ metrics: metrics(1001) }).map((request) => request.metrics?.length),
    [1000, 1],
  );
  assert.deepEqual(splitLogBatch({}), []);
  assert.deepEqual(logBatchBody('r', { metrics: [{ key: 'x', value: NaN, timestamp: 1, step: 0 }] }), {
    run_id: 'r',
    metrics: [{ key: 'x', value: 'NaN', timestamp: 1, step: 0 }],
  });
});
