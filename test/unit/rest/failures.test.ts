import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { MlflowCancelledError, MlflowConnectionError } from '../../../src/extension/tracking/errors';
import { createRestStore } from '../../../src/extension/tracking/rest/restStore';
import type { RequestEvent } from '../../../src/extension/tracking/rest/restConnection';
import { closeServer, listen } from '../../support/replayServer';
import { loadTranscripts } from '../../support/transcripts';
import { FAST_RETRY, NO_ENV, rejectsWith, replayStore, scriptedStore } from './restTestKit';

const RUN_BODY = { run: { info: { run_id: 'r', experiment_id: '1', status: 'FINISHED' } } };
const HTML_500 = loadTranscripts(['111'])[0]!.response.body_text!;

test('connection refused is a MlflowConnectionError naming host:port, not retried', async () => {
  const server = createServer();
  const port = await listen(server);
  await closeServer(server);
  const events: RequestEvent[] = [];
  const store = createRestStore(`http://127.0.0.1:${port}`, {
    env: NO_ENV,
    retry: FAST_RETRY,
    onRequest: (event) => events.push(event),
  });
  await rejectsWith(store.getRun('r'), {
    errorCode: 'CONNECTION_ERROR',
    type: MlflowConnectionError,
    message: new RegExp(`127\\.0\\.0\\.1:${port}.*refused`),
  });
  assert.equal(events.length, 1);
  store.dispose();
});

test('a server that never answers times out with TIMEOUT, and a timeout is not retried', async (t) => {
  // Long enough for the request to reach the server on a loaded machine (CI has 2 cores), so the count below
  // tells "not retried" from "never sent".
  const { store, server } = await scriptedStore(t, () => ({ hang: true }), { timeoutMs: 1000 });
  await rejectsWith(store.getRun('r'), {
    errorCode: 'TIMEOUT',
    type: MlflowConnectionError,
    message: /did not answer within 1 s \(the request timeout\)/,
  });
  assert.equal(server.requests.length, 1);
});

test('a 500 is not retried; the next call works (no state left behind)', async (t) => {
  const { store, server } = await scriptedStore(t, [
    { status: 500, headers: { 'Content-Type': 'text/html' }, body: HTML_500 },
    { body: RUN_BODY },
  ]);
  const error = await rejectsWith(store.getRun('r'), { errorCode: 'INTERNAL_ERROR', httpStatus: 500 });
  assert.match(
    error.message,
    /HTTP 500.*an HTML page: "500 Internal Server Error Internal Server Error The server encountered/,
  );
  assert.equal((await store.getRun('r')).info.runId, 'r');
  assert.equal(server.requests.length, 2);
});

test('reads are retried on 502, 503, 504 and a reset connection, then succeed', async (t) => {
  const { store, server } = await scriptedStore(t, [
    { status: 502 },
    { status: 503 },
    { destroy: true },
    { body: RUN_BODY },
  ]);
  assert.equal((await store.getRun('r')).info.runId, 'r');
  assert.equal(server.requests.length, 4);
  const gateway = await scriptedStore(t, [{ status: 504 }, { status: 504 }, { status: 504 }, { status: 504 }]);
  await rejectsWith(gateway.store.getRun('r'), { errorCode: 'DEADLINE_EXCEEDED', httpStatus: 504 });
  assert.equal(gateway.server.requests.length, 1 + FAST_RETRY.maxRetries, 'gives up after maxRetries');
});

test('a read whose body is cut off is retried; a write whose answer is cut off is not', async (t) => {
  const body = JSON.stringify({ run: { ...RUN_BODY.run, data: { params: [{ key: 'p', value: 'x'.repeat(5000) }] } } });
  const { store, server } = await scriptedStore(t, [
    { body, headers: { 'Content-Type': 'application/json' }, resetAfterBytes: 100 },
    { body },
  ]);
  assert.equal((await store.getRun('r')).data.params.p!.length, 5000);
  assert.equal(server.requests.length, 2);
  const write = await scriptedStore(t, [
    { body: '{"experiment_id": "12"}', resetAfterBytes: 5 },
    { body: { experiment_id: '12' } },
  ]);
  await rejectsWith(write.store.createExperiment('x'), { errorCode: 'CONNECTION_ERROR', type: MlflowConnectionError });
  assert.equal(write.server.requests.length, 1);
});

test('429 waits as Retry-After says (seconds or an HTTP date), capped by maxDelayMs', async (t) => {
  const past = new Date(Date.now() - 60_000).toUTCString();
  const { store, server } = await scriptedStore(
    t,
    [
      { status: 429, headers: { 'Retry-After': '0' } },
      { status: 429, headers: { 'Retry-After': past } },
      { status: 429, headers: { 'Retry-After': '3600' } },
      { body: RUN_BODY },
    ],
    { retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 20 } },
  );
  assert.equal((await store.getRun('r')).info.runId, 'r');
  assert.equal(server.requests.length, 4);
});

test('writes are retried on 429/503 but not after a reset or a 502, which may follow a committed write', async (t) => {
  const retried = await scriptedStore(t, [
    { status: 503 },
    { status: 429, headers: { 'Retry-After': '0' } },
    { body: {} },
  ]);
  await retried.store.logBatch('r', { metrics: [{ key: 'm', value: 1, timestamp: 1, step: 0 }] });
  assert.equal(retried.server.requests.length, 3);
  const reset = await scriptedStore(t, [{ destroy: true }, { body: {} }]);
  await rejectsWith(reset.store.logBatch('r', { metrics: [{ key: 'm', value: 1, timestamp: 1, step: 0 }] }), {
    errorCode: 'CONNECTION_ERROR',
  });
  assert.equal(reset.server.requests.length, 1);
  const badGateway = await scriptedStore(t, [{ status: 502 }, { body: {} }]);
  await rejectsWith(badGateway.store.createExperiment('x'), { errorCode: 'TEMPORARILY_UNAVAILABLE', httpStatus: 502 });
  assert.equal(badGateway.server.requests.length, 1);
});

test('other 4xx are never retried', async (t) => {
  const { store, server } = await scriptedStore(t, [
    { status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'nope' } },
    { body: RUN_BODY },
  ]);
  await rejectsWith(store.getRun('r'), { errorCode: 'INVALID_PARAMETER_VALUE', httpStatus: 400, message: /^nope$/ });
  assert.equal(server.requests.length, 1);
});

test('HTML error pages of unknown routes (151) and wrong methods (084) become readable errors', async (t) => {
  const notFound = loadTranscripts(['151'])[0]!.response;
  const { store } = await scriptedStore(t, [
    { status: 404, headers: { 'Content-Type': notFound.headers['content-type']! }, body: notFound.body_text! },
    { status: 405, headers: { 'Content-Type': 'text/html' }, body: loadTranscripts(['084'])[0]!.response.body_text! },
  ]);
  const error = await rejectsWith(store.getRun('r'), { errorCode: 'ENDPOINT_NOT_FOUND', httpStatus: 404 });
  assert.match(
    error.message,
    /GET \/api\/2\.0\/mlflow\/runs\/get failed with HTTP 404 Not Found: an HTML page: "404 Not Found Not Found The requested URL/,
  );
  assert.doesNotMatch(error.message, /<\w+/);
  await rejectsWith(store.getRun('r'), {
    errorCode: 'ENDPOINT_NOT_FOUND',
    httpStatus: 405,
    message: /Method Not Allowed/,
  });
});

test('malformed JSON, an HTML page and a wrong shape in a 200 are BAD_RESPONSE naming the endpoint', async (t) => {
  const { store } = await scriptedStore(t, [
    { body: '{"run": {"info": ', headers: { 'Content-Type': 'application/json' } },
    {
      body: '<!doctype html><html><body><div id="root">MLflow</div></body></html>',
      headers: { 'Content-Type': 'text/html' },
    },
    { body: { run: { info: { run_id: 'r', experiment_id: '1', status: 'DONE' } } } },
    { body: { runs: 'not a list' } },
    { body: { experiment: { experiment_id: 7, name: 'x' } } },
  ]);
  await rejectsWith(store.getRun('r'), {
    errorCode: 'BAD_RESPONSE',
    message: /GET \/api\/2\.0\/mlflow\/runs\/get is not valid JSON/,
  });
  await rejectsWith(store.getRun('r'), {
    errorCode: 'BAD_RESPONSE',
    message: /expected JSON, but the server sent an HTML page .*"MLflow"/,
  });
  await rejectsWith(store.getRun('r'), {
    errorCode: 'BAD_RESPONSE',
    message: /runs\/get: run\.info\.status should be one of RUNNING, .*but is string "DONE"/,
  });
  await rejectsWith(store.searchRuns({ experimentIds: ['1'] }), {
    errorCode: 'BAD_RESPONSE',
    message: /runs\/search\.runs should be an array/,
  });
  await rejectsWith(store.getExperiment('7'), {
    errorCode: 'BAD_RESPONSE',
    message: /experiment\.experiment_id should be a string, but is number 7/,
  });
});

test('bare NaN / Infinity / -Infinity tokens from an older server become numbers; the same words in strings stay text', async (t) => {
  const body =
    '{"run": {"info": {"run_id": "r", "experiment_id": "1", "status": "FINISHED"}, "data": {' +
    '"metrics": [{"key": "a", "value": NaN, "timestamp": 1, "step": 0}, {"key": "b", "value": Infinity, "timestamp": 1, "step": 0},' +
    ' {"key": "c", "value": -Infinity, "timestamp": 1, "step": 0}],' +
    ' "params": [{"key": "note", "value": "NaN or Infinity, \\"quoted NaN\\""}]}}}';
  const { store } = await scriptedStore(t, [{ body, headers: { 'Content-Type': 'application/json' } }]);
  const { metrics, params } = (await store.getRun('r')).data;
  assert.ok(Number.isNaN(metrics.a!.value));
  assert.equal(metrics.b!.value, Infinity);
  assert.equal(metrics.c!.value, -Infinity);
  assert.equal(params.note, 'NaN or Infinity, "quoted NaN"');
});

test('cancelling mid-request and mid-backoff rejects with MlflowCancelledError at once', async (t) => {
  const during = new AbortController();
  const hanging = await scriptedStore(t, () => {
    during.abort();
    return { hang: true };
  });
  await rejectsWith(hanging.store.getRun('r', { signal: during.signal }), {
    errorCode: 'CANCELLED',
    type: MlflowCancelledError,
  });

  const backoff = new AbortController();
  const events: RequestEvent[] = [];
  const slow = await scriptedStore(t, () => ({ status: 503, headers: { 'Retry-After': '3600' } }), {
    retry: { maxRetries: 5, baseDelayMs: 60_000, maxDelayMs: 3_600_000 },
    // The 503 has been handled when it is logged: the store is now waiting an hour to retry.
    onRequest: (event) => {
      events.push(event);
      setTimeout(() => backoff.abort(), 20);
    },
  });
  await rejectsWith(slow.store.getRun('r', { signal: backoff.signal }), {
    errorCode: 'CANCELLED',
    type: MlflowCancelledError,
  });
  assert.equal(slow.server.requests.length, 1, 'no retry after the cancel');
  assert.deepEqual(
    events.map((event) => event.status),
    [503],
  );

  const before = await replayStore(t, []);
  await rejectsWith(before.store.getRun('r', { signal: AbortSignal.abort() }), { errorCode: 'CANCELLED' });
});

test('the request log gets method, path, status and duration, never credentials or the query', async (t) => {
  const events: RequestEvent[] = [];
  const { store } = await scriptedStore(t, [{ status: 503 }, { body: RUN_BODY }], {
    credentials: { username: 'alice', password: 's3cret-pw' },
    onRequest: (event) => events.push(event),
  });
  await store.getRun('secret-run-id');
  assert.deepEqual(
    events.map(({ method, path, status, attempt }) => ({ method, path, status, attempt })),
    [
      { method: 'GET', path: '/api/2.0/mlflow/runs/get', status: 503, attempt: 0 },
      { method: 'GET', path: '/api/2.0/mlflow/runs/get', status: 200, attempt: 1 },
    ],
  );
  assert.ok(events.every((event) => event.durationMs >= 0));
  assert.doesNotMatch(JSON.stringify(events), /alice|s3cret|secret-run-id/);
});
