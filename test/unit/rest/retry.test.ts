import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MlflowCancelledError } from '../../../src/extension/tracking/errors';
import {
  isRetryableNetworkError,
  isRetryableStatus,
  parseRetryAfterMs,
  retryDelayMs,
  sleep,
} from '../../../src/extension/tracking/rest/retry';

const POLICY = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 20_000 };
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

test('Retry-After in seconds or as an HTTP date, never negative, capped by maxDelayMs', () => {
  assert.equal(parseRetryAfterMs('7', NOW), 7000);
  assert.equal(parseRetryAfterMs(' 1.5 ', NOW), 1500);
  assert.equal(parseRetryAfterMs(new Date(NOW + 12_000).toUTCString(), NOW), 12_000);
  assert.equal(parseRetryAfterMs(new Date(NOW - 12_000).toUTCString(), NOW), 0);
  assert.equal(parseRetryAfterMs('soon', NOW), undefined);
  assert.equal(retryDelayMs(0, POLICY, '7', NOW), 7000);
  assert.equal(retryDelayMs(0, POLICY, '3600', NOW), 20_000);
  assert.equal(
    retryDelayMs(0, POLICY, 'soon', NOW, () => 0),
    250,
    'an unreadable Retry-After falls back to backoff',
  );
});

test('backoff doubles per retry, with jitter between half and all of it, never above maxDelayMs', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 30 }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      (retry, random) => {
        const delay = retryDelayMs(retry, POLICY, undefined, NOW, () => random);
        const ceiling = Math.min(POLICY.maxDelayMs, POLICY.baseDelayMs * 2 ** retry);
        assert.ok(delay >= Math.floor(ceiling / 2) && delay <= ceiling, `${delay} for retry ${retry}`);
      },
    ),
  );
  assert.deepEqual(
    [0, 1, 2].map((retry) => retryDelayMs(retry, POLICY, undefined, NOW, () => 1)),
    [500, 1000, 2000],
  );
});

test('what is retried: reads on 429/502/503/504 and resets; writes only on 429/503', () => {
  for (const status of [429, 502, 503, 504]) assert.equal(isRetryableStatus(status, true), true, String(status));
  for (const status of [400, 401, 403, 404, 405, 409, 500, 501])
    assert.equal(isRetryableStatus(status, true), false, String(status));
  assert.deepEqual(
    [429, 502, 503, 504].map((status) => isRetryableStatus(status, false)),
    [true, false, true, false],
  );
  assert.equal(isRetryableNetworkError('ECONNRESET', 'read ECONNRESET', true), true);
  assert.equal(isRetryableNetworkError(undefined, 'socket hang up', true), true);
  assert.equal(isRetryableNetworkError('ECONNRESET', 'read ECONNRESET', false), false);
  assert.equal(isRetryableNetworkError('ECONNREFUSED', 'connect ECONNREFUSED', true), false);
});

test('sleep ends early with MlflowCancelledError when the signal fires, or at once when it already has', async () => {
  const controller = new AbortController();
  const waiting = sleep(3_600_000, controller.signal);
  controller.abort();
  await assert.rejects(waiting, MlflowCancelledError);
  await assert.rejects(sleep(10, AbortSignal.abort()), MlflowCancelledError);
  await sleep(1, new AbortController().signal);
});
