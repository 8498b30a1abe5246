/**
 * Servers that would exhaust the extension: an answer that never ends (memory) and one that
 * trickles in a byte at a time (the idle timeout never fires). Each is a real HTTP server on
 * 127.0.0.1 that keeps sending until the client disconnects, with a hard stop of its own so that a
 * client that never stops (the old code) fails the test instead of running the machine out of memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { MlflowConnectionError, MlflowResponseTooLargeError } from '../../../src/extension/tracking/errors';
import { createRestStore } from '../../../src/extension/tracking/rest/restStore';
import type { RestStore } from '../../../src/extension/tracking/rest/restStore';
import { ResponseLimits } from '../../../src/extension/tracking/rest/responseLimits';
import { closeServer, listen } from '../../support/replayServer';
import { FAST_RETRY, NO_ENV, rejectsWith } from './restTestKit';

const MiB = 1024 * 1024;
/** What may be in flight when the client stops: the sockets' kernel buffers and the streams' own. */
const IN_FLIGHT = 16 * MiB;

/** How one request is answered; resolves when the answer ends, saying why. */
type Answer = (response: ServerResponse) => Promise<'client closed' | 'hard stop' | 'done'>;

interface HostileServer {
  url: string;
  port: number;
  /** Bytes the server got into its socket (written and accepted), over all requests. */
  readonly sent: number;
  requests: number;
  /** How each answer ended, in order. */
  endings: Promise<string>[];
}

async function hostileServer(
  t: TestContext,
  answer: (server: HostileServer, response: ServerResponse) => ReturnType<Answer>,
): Promise<HostileServer> {
  const state: HostileServer = { url: '', port: 0, sent: 0, requests: 0, endings: [] };
  const http = createServer((request, response) => {
    state.requests++;
    request.resume();
    state.endings.push(answer(state, response));
  });
  state.port = await listen(http);
  state.url = `http://127.0.0.1:${state.port}`;
  t.after(() => closeServer(http));
  return state;
}

/**
 * `{"runs": [` then the same object again and again, in 64 KiB writes, waiting for the client to
 * take each (backpressure), until the client disconnects or `hardStopBytes` went out.
 */
function endlessJson(opening: string, item: object, hardStopBytes: number) {
  const one = `${JSON.stringify(item)},`;
  const chunk = Buffer.from(one.repeat(Math.ceil((64 * 1024) / one.length)));
  return async (server: HostileServer, response: ServerResponse): ReturnType<Answer> => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    const closed = once(response, 'close').then(() => 'client closed' as const);
    response.write(opening);
    while (!response.destroyed && !response.writableEnded) {
      if (server.sent >= hardStopBytes) {
        response.destroy();
        return 'hard stop';
      }
      const accepted = response.write(chunk);
      (server as { sent: number }).sent += chunk.length;
      if (!accepted) {
        const drained = once(response, 'drain').then(() => 'drained' as const);
        if ((await Promise.race([drained, closed])) === 'client closed') return 'client closed';
      }
    }
    return 'client closed';
  };
}

/** A byte every `everyMs`, for ever: until the client disconnects, or after `hardStopMs`. */
function drip(opening: string, everyMs: number, hardStopMs: number) {
  return async (server: HostileServer, response: ServerResponse): ReturnType<Answer> => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.write(opening);
    const started = Date.now();
    return new Promise((resolve) => {
      const timer = setInterval(() => {
        if (Date.now() - started > hardStopMs) {
          clearInterval(timer);
          response.destroy();
          resolve('hard stop');
          return;
        }
        response.write(' ');
        (server as { sent: number }).sent += 1;
      }, everyMs);
      response.once('close', () => {
        clearInterval(timer);
        resolve('client closed');
      });
    });
  };
}

function store(t: TestContext, server: HostileServer, timeoutMs = 30_000): RestStore {
  const created = createRestStore(server.url, { env: NO_ENV, retry: FAST_RETRY, timeoutMs });
  t.after(() => created.dispose());
  return created;
}

/** The most `arrayBuffers` (where Buffers live) grew above where it was, while `work` ran. */
async function peakBufferGrowth(work: () => Promise<void>): Promise<number> {
  const baseline = process.memoryUsage().arrayBuffers;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 5);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, process.memoryUsage().arrayBuffers) - baseline;
}

const RUN = {
  info: { run_id: 'r'.repeat(32), experiment_id: '1', status: 'FINISHED', start_time: 1 },
  data: { params: [{ key: 'lr', value: '0.1' }] },
};
const POINT = { key: 'loss', value: 0.25, timestamp: 1_700_000_000_000, step: 1 };

test(
  'an endless runs/search answer stops at 64 MiB with RESPONSE_TOO_LARGE, the socket closed and memory bounded',
  { timeout: 120_000 },
  async (t) => {
    const limit = ResponseLimits.runsPage.bytes;
    assert.equal(limit, 64 * MiB);
    const server = await hostileServer(t, endlessJson('{"runs": [', RUN, 4 * limit));
    const client = store(t, server);
    let error: unknown;
    const growth = await peakBufferGrowth(async () => {
      error = await rejectsWith(client.searchRuns({ experimentIds: ['1'] }), {
        errorCode: 'RESPONSE_TOO_LARGE',
        type: MlflowResponseTooLargeError,
      });
    });
    assert.equal(
      (error as Error).message,
      `POST /api/2.0/mlflow/runs/search: the answer of the MLflow server at 127.0.0.1:${server.port} exceeded 64 MiB, ` +
        'the most a page of runs may take: stopped reading. Ask for fewer runs per page (max_results).',
    );
    assert.equal((error as MlflowResponseTooLargeError).limitBytes, limit);
    assert.deepEqual(
      await Promise.all(server.endings),
      ['client closed'],
      'the client disconnected; the answer was not retried',
    );
    assert.ok(server.sent > limit, `the server sent ${server.sent} bytes, past the limit`);
    assert.ok(
      server.sent <= limit + IN_FLIGHT,
      `the server got only ${server.sent} bytes out: the limit and what was in flight`,
    );
    // Chunks already read but not yet collected count too: the bound is twice the limit, where a
    // client that kept reading would hold the four times the limit the server sends before it stops.
    assert.ok(growth < 2 * limit, `buffers grew by ${(growth / MiB).toFixed(1)} MiB, less than twice the limit`);
  },
);

test(
  'an endless metric history page stops at its own limit with RESPONSE_TOO_LARGE',
  { timeout: 120_000 },
  async (t) => {
    const limit = ResponseLimits.metricHistoryPage.bytes;
    const server = await hostileServer(t, endlessJson('{"metrics": [', POINT, 3 * limit));
    const client = store(t, server);
    const error = await rejectsWith(client.getMetricHistory('r', 'loss'), {
      errorCode: 'RESPONSE_TOO_LARGE',
      type: MlflowResponseTooLargeError,
    });
    assert.equal(
      error.message,
      `GET /api/2.0/mlflow/metrics/get-history: the answer of the MLflow server at 127.0.0.1:${server.port} exceeded 64 MiB, ` +
        'the most a page of metric history may take: stopped reading.',
    );
    assert.deepEqual(await Promise.all(server.endings), ['client closed']);
    assert.ok(server.sent <= limit + IN_FLIGHT, `the server got only ${server.sent} bytes out`);
  },
);

test('an answer whose Content-Length is past the limit is refused before its body is read', async (t) => {
  const server = await hostileServer(t, async (_server, response) => {
    response.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': String(ResponseLimits.artifactListing.bytes + 1),
    });
    response.write('{"files": [');
    await once(response, 'close');
    return 'client closed';
  });
  const client = store(t, server);
  const error = await rejectsWith(client.listArtifacts('r'), {
    errorCode: 'RESPONSE_TOO_LARGE',
    type: MlflowResponseTooLargeError,
  });
  assert.equal(
    error.message,
    `GET /api/2.0/mlflow/artifacts/list: the answer of the MLflow server at 127.0.0.1:${server.port} exceeded 16 MiB, ` +
      'the most an artifact listing may take: stopped reading.',
  );
  assert.deepEqual(await Promise.all(server.endings), ['client closed']);
});

test(
  'an answer that drips a byte at a time ends at the request deadline with TIMEOUT, and the client disconnects',
  { timeout: 60_000 },
  async (t) => {
    // A byte every 40 ms: the idle timeout (400 ms) never fires; the server gives up after 10 s.
    const server = await hostileServer(t, drip('{"run": ', 40, 10_000));
    const client = store(t, server, 400);
    const error = await rejectsWith(client.getRun('r'), { errorCode: 'TIMEOUT', type: MlflowConnectionError });
    assert.equal(
      error.message,
      `GET /api/2.0/mlflow/runs/get: the MLflow server at 127.0.0.1:${server.port} did not finish its answer within 400 ms ` +
        '(the request timeout): stopped reading.',
    );
    assert.deepEqual(
      await Promise.all(server.endings),
      ['client closed'],
      'one request, ended by the client, not retried',
    );
  },
);

test(
  'an artifact preview that drips ends at the deadline; a download that keeps coming is not cut off by it',
  { timeout: 60_000 },
  async (t) => {
    const preview = await hostileServer(t, drip('', 40, 10_000));
    const error = await rejectsWith(store(t, preview, 400).readArtifact('r', 'notes.txt'), {
      errorCode: 'TIMEOUT',
      type: MlflowConnectionError,
    });
    assert.equal(
      error.message,
      `GET /get-artifact: the MLflow server at 127.0.0.1:${preview.port} did not finish its answer within 400 ms (the request timeout): stopped reading.`,
    );
    assert.deepEqual(await Promise.all(preview.endings), ['client closed']);

    // 40 bytes, 50 ms apart: 2 s in all, five times the request timeout, never idle for long.
    const slow = await hostileServer(t, async (_server, response) => {
      if (response.req.url?.startsWith('/api/2.0/mlflow/artifacts/list')) {
        // MLflow lists a file as nothing: the download then fetches it as a file.
        response.end('{}');
        return 'done';
      }
      response.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      for (let index = 0; index < 40; index++) {
        response.write('y');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      response.end();
      return 'done';
    });
    const dest = await mkdtemp(join(tmpdir(), 'mlflow-drip-'));
    t.after(() => rm(dest, { recursive: true, force: true }));
    const path = await store(t, slow, 400).downloadArtifacts('r', 'notes.txt', dest);
    assert.equal(await readFile(path, 'utf8'), 'y'.repeat(40));
  },
);
