// Error rows made from the errors the real stores raise: a server that is down, one that wants
// credentials, one that refuses a request, a file that is not a store, a cancelled load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MlflowCancelledError } from '../../../src/extension/tracking/errors';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import { createRestStore } from '../../../src/extension/tracking/rest/restStore';
import { describeError } from '../../../src/extension/sidebar/presentation';
import { startMlflowTestServer } from '../../vscode/suite/sidebarSupport/mlflowTestServer';

const SERVER_DB = join(__dirname, '../../fixtures/mlflow-3.5.1/server-store/mlflow.db');
const quick = { env: {}, retry: { maxRetries: 0 }, timeoutMs: 5000 };

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected a failure'),
    (error: unknown) => error,
  );
}

test('a server that is down: what failed and where, no status, Retry', async () => {
  const sqlite = await openSqliteStore(SERVER_DB);
  const server = await startMlflowTestServer({ source: sqlite });
  const url = server.url;
  await server.close();
  sqlite.dispose();
  const store = createRestStore(url, quick);
  const display = describeError(await failure(store.searchExperiments({})), store.description);
  assert.match(
    display.label,
    new RegExp(
      `^Could not reach the MLflow server at ${url.slice('http://'.length).replace(/\./g, '\\.')}: connection refused$`,
    ),
  );
  assert.equal(display.description, '');
  assert.equal(display.action, 'retry');
  assert.match(display.detail, /Is the server running/);
  assert.match(display.detail, /Error code: CONNECTION_ERROR/);
});

test('a server that wants credentials: Sign In, with the status, and what to set in the hover', async () => {
  const sqlite = await openSqliteStore(SERVER_DB);
  const server = await startMlflowTestServer({ source: sqlite, basicAuth: { username: 'alice', password: 's3cret' } });
  try {
    const store = createRestStore(server.url, quick);
    const display = describeError(await failure(store.searchExperiments({})), store.description);
    assert.equal(display.label, `${store.description} refused access: sign in to continue`);
    assert.equal(display.description, 'HTTP 401');
    assert.equal(display.action, 'signIn');
    assert.match(display.detail, /No credentials were sent/);
  } finally {
    await server.close();
    sqlite.dispose();
  }
});

test("a request the server refuses: the server's message, first sentence, with the status", async () => {
  const sqlite = await openSqliteStore(SERVER_DB);
  const server = await startMlflowTestServer({ source: sqlite });
  try {
    const store = createRestStore(server.url, quick);
    const error = await failure(store.getRun('0123456789abcdef0123456789abcdef'));
    const display = describeError(error, store.description);
    assert.equal(display.description, 'HTTP 404');
    assert.match(display.label, /0123456789abcdef0123456789abcdef/);
    assert.doesNotMatch(display.label, /^GET \//);
  } finally {
    await server.close();
    sqlite.dispose();
  }
});

test('a file that is not a store, and a cancelled load', async () => {
  const display = describeError(
    await failure(openSqliteStore(join(__dirname, 'errorPresentation.test.ts'))),
    'mlflow.db',
  );
  assert.match(display.label, /^errorPresentation\.test\.ts in .* is not an SQLite database, so not an MLflow store$/);
  assert.equal(display.action, 'retry');
  assert.deepEqual(describeError(new MlflowCancelledError(), 'http://h:5000'), {
    label: 'Loading was cancelled',
    description: '',
    detail: 'http://h:5000: loading was cancelled.',
    action: 'retry',
  });
});
