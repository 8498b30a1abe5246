import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeRequest } from '../../../src/extension/store/storeChoices';

test('one line per request: method, path, status, time', () => {
  assert.equal(
    describeRequest({ method: 'POST', path: '/api/2.0/mlflow/runs/search', status: 200, durationMs: 41.4, attempt: 0 }),
    'POST /api/2.0/mlflow/runs/search 200 41ms',
  );
});

test('retries and failures say so', () => {
  assert.equal(
    describeRequest({
      method: 'GET',
      path: '/api/2.0/mlflow/runs/get',
      status: 503,
      durationMs: 12,
      attempt: 2,
      error: 'Service Unavailable',
    }),
    'GET /api/2.0/mlflow/runs/get 503 12ms (retry 2): Service Unavailable',
  );
  assert.equal(
    describeRequest({
      method: 'GET',
      path: '/api/2.0/mlflow/experiments/search',
      durationMs: 3,
      attempt: 0,
      error: 'connect ECONNREFUSED 127.0.0.1:5999',
    }),
    'GET /api/2.0/mlflow/experiments/search failed 3ms: connect ECONNREFUSED 127.0.0.1:5999',
  );
});
