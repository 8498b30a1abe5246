import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MlflowAuthError, MlflowError } from '../../../src/extension/tracking/errors';
import { resolveRestConnection } from '../../../src/extension/tracking/rest/restConnection';
import { createRestStore } from '../../../src/extension/tracking/rest/restStore';
import { startReplayServer } from '../../support/replayServer';
import { loadTranscripts } from '../../support/transcripts';
import { FAST_RETRY, NO_ENV, rejectsWith, scriptedStore } from './restTestKit';
import { startScriptedServer } from '../../support/scriptedServer';

const RUN_BODY = { run: { info: { run_id: 'r', experiment_id: '1', status: 'FINISHED' } } };

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

test('user:password in the URI is sent as basic auth and never shown', async (t) => {
  const server = await startScriptedServer(() => ({ body: RUN_BODY }));
  t.after(() => server.close());
  const url = new URL(server.url);
  const store = createRestStore(`http://al%40ice:p%3Ass@${url.host}/`, { env: NO_ENV, retry: FAST_RETRY });
  t.after(() => store.dispose());
  await store.getRun('r');
  assert.equal(server.requests[0]!.headers.authorization, basic('al@ice', 'p:ss'));
  assert.equal(store.trackingUri, `http://${url.host}`);
  assert.equal(store.description, `http://${url.host}`);
  assert.equal(store.kind, 'rest');
  assert.equal(store.writable, true);
});

test('credentials come from options, then the URI, then MLFLOW_TRACKING_USERNAME/PASSWORD, then MLFLOW_TRACKING_TOKEN', async (t) => {
  const env = {
    MLFLOW_TRACKING_USERNAME: 'env-user',
    MLFLOW_TRACKING_PASSWORD: 'env-pw',
    MLFLOW_TRACKING_TOKEN: 'env-token',
  };
  const cases: [Parameters<typeof createRestStore>[1], string | undefined][] = [
    [{ env: NO_ENV }, undefined],
    [{ env: { MLFLOW_TRACKING_TOKEN: 'env-token' } }, 'Bearer env-token'],
    [{ env }, basic('env-user', 'env-pw')],
    [{ env, credentials: { token: 'entered' } }, 'Bearer entered'],
    [{ env, credentials: { username: 'me', password: 'pw' } }, basic('me', 'pw')],
  ];
  for (const [options, expected] of cases) {
    const { store, server } = await scriptedStore(t, () => ({ body: RUN_BODY }), options);
    await store.getRun('r');
    assert.equal(server.requests[0]!.headers.authorization, expected);
  }
});

test('401 is MlflowAuthError UNAUTHENTICATED saying which credentials were sent and what to set, never their value', async (t) => {
  const env = { MLFLOW_TRACKING_USERNAME: 'bob', MLFLOW_TRACKING_PASSWORD: 'hunter2-secret' };
  const { store, server } = await scriptedStore(
    t,
    [{ status: 401, body: { error_code: 'UNAUTHENTICATED', message: 'Invalid credentials' } }],
    { env },
  );
  const error = await rejectsWith(store.getRun('r'), {
    errorCode: 'UNAUTHENTICATED',
    httpStatus: 401,
    type: MlflowAuthError,
  });
  assert.match(error.message, /Invalid credentials/);
  assert.match(
    error.message,
    /Sent basic auth from MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, which the server did not accept/,
  );
  assert.match(error.message, /Set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD .* or MLFLOW_TRACKING_TOKEN/);
  assert.doesNotMatch(error.message, /hunter2|bob/);
  assert.equal(server.requests.length, 1, 'not retried');
});

test('401 from a proxy with an HTML page and no credentials sent; 403 with a bearer token is PERMISSION_DENIED', async (t) => {
  const page =
    '<html><head><title>401 Authorization Required</title></head><body><center><h1>401 Authorization Required</h1></center><hr><center>nginx</center></body></html>';
  const { store } = await scriptedStore(t, [
    { status: 401, headers: { 'Content-Type': 'text/html', 'WWW-Authenticate': 'Basic realm="mlflow"' }, body: page },
  ]);
  const unauthenticated = await rejectsWith(store.getRun('r'), {
    errorCode: 'UNAUTHENTICATED',
    httpStatus: 401,
    type: MlflowAuthError,
  });
  assert.match(unauthenticated.message, /401 Authorization Required nginx/);
  assert.match(unauthenticated.message, /No credentials were sent\. Set MLFLOW_TRACKING_USERNAME/);
  const bearer = await scriptedStore(
    t,
    [{ status: 403, body: { error_code: 'PERMISSION_DENIED', message: 'Permission denied' } }],
    {
      env: { MLFLOW_TRACKING_TOKEN: 'tok-value-123' },
    },
  );
  const denied = await rejectsWith(bearer.store.createExperiment('x'), {
    errorCode: 'PERMISSION_DENIED',
    httpStatus: 403,
    type: MlflowAuthError,
  });
  assert.match(denied.message, /Sent a bearer token from MLFLOW_TRACKING_TOKEN, which is not allowed/);
  assert.doesNotMatch(denied.message, /tok-value-123/);
});

test('a base URL with a path prefix reaches the endpoints below it', async (t) => {
  const server = await startReplayServer(loadTranscripts(['061']), { prefix: '/mlflow' });
  t.after(() => server.close());
  for (const uri of [server.url, `${server.url}/`]) {
    const store = createRestStore(uri, { env: NO_ENV, retry: FAST_RETRY });
    assert.equal((await store.getRun('0960131861354a3188896e001e76faf2')).info.runName, 'best-so-far');
    assert.equal(store.description, server.url);
    store.dispose();
  }
  assert.deepEqual(server.unmatched, []);
});

test('databricks uses DATABRICKS_HOST and DATABRICKS_TOKEN, and says which one is missing', async (t) => {
  const noConfigFile = { DATABRICKS_CONFIG_FILE: '/nonexistent/.databrickscfg' };
  assert.throws(
    () => createRestStore('databricks', { env: noConfigFile }),
    (error: unknown) =>
      error instanceof MlflowError &&
      /needs DATABRICKS_HOST and DATABRICKS_TOKEN \(or a DEFAULT profile in \/nonexistent\/\.databrickscfg\)/.test(
        error.message,
      ),
  );
  assert.throws(
    () =>
      createRestStore('databricks', { env: { ...noConfigFile, DATABRICKS_HOST: 'https://adb-1.azuredatabricks.net' } }),
    (error: unknown) =>
      error instanceof MlflowAuthError &&
      /needs DATABRICKS_TOKEN \(a personal access token for adb-1\.azuredatabricks\.net\): it is not set\.$/.test(
        error.message,
      ),
  );
  const server = await startScriptedServer(() => ({ body: RUN_BODY }));
  t.after(() => server.close());
  const store = createRestStore('databricks', {
    env: { DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: 'dapi-123' },
    retry: FAST_RETRY,
  });
  t.after(() => store.dispose());
  await store.getRun('r');
  assert.equal(server.requests[0]!.headers.authorization, 'Bearer dapi-123');
  assert.equal(store.trackingUri, 'databricks');
  assert.equal(store.description, `Databricks (${new URL(server.url).host})`);
  assert.equal(
    resolveRestConnection('databricks', { databricks: { host: 'adb-2.azuredatabricks.net', token: 't' }, env: NO_ENV })
      .baseUrl,
    'https://adb-2.azuredatabricks.net',
  );
});

test('TLS settings come from options or MLFLOW_TRACKING_INSECURE_TLS / MLFLOW_TRACKING_SERVER_CERT_PATH; a bad CA bundle is named', () => {
  assert.equal(
    resolveRestConnection('https://h', { env: { MLFLOW_TRACKING_INSECURE_TLS: 'TRUE' } }).insecureSkipTlsVerify,
    true,
  );
  assert.equal(
    resolveRestConnection('https://h', { env: { MLFLOW_TRACKING_INSECURE_TLS: 'true' }, insecureSkipTlsVerify: false })
      .insecureSkipTlsVerify,
    false,
  );
  assert.equal(resolveRestConnection('https://h', { env: NO_ENV }).insecureSkipTlsVerify, false);
  assert.equal(
    resolveRestConnection('https://h', { env: { MLFLOW_TRACKING_SERVER_CERT_PATH: '/etc/ca.pem' } }).caBundlePath,
    '/etc/ca.pem',
  );
  assert.throws(
    () => createRestStore('https://h', { env: NO_ENV, caBundlePath: '/nonexistent/ca.pem' }),
    (error: unknown) =>
      error instanceof MlflowError &&
      error.errorCode === 'INVALID_PARAMETER_VALUE' &&
      /\/nonexistent\/ca\.pem/.test(error.message),
  );
  assert.equal(resolveRestConnection('https://h:8443/x', { env: NO_ENV }).hostPort, 'h:8443');
  assert.equal(resolveRestConnection('https://h', { env: NO_ENV }).timeoutMs, 30_000);
});

test('a URI that is not http(s) or not a URL is refused with a clear error', () => {
  for (const uri of ['ftp://host/x', 'http//missing-colon', '']) {
    assert.throws(
      () => createRestStore(uri, { env: NO_ENV }),
      (error: unknown) => error instanceof MlflowError && error.errorCode === 'INVALID_PARAMETER_VALUE',
    );
  }
});
