// Databricks workspaces found as MLflow's own client finds them: a named profile of the CLI's
// config file, DATABRICKS_HOST / DATABRICKS_TOKEN, else the file's DEFAULT profile. The files are
// real files in a temp folder; requests go to a scripted server, which sees the credentials.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlflowAuthError, MlflowError } from '../../../src/extension/tracking/errors';
import { parseDatabricksConfig } from '../../../src/extension/tracking/rest/databricksConfig';
import { resolveRestConnection } from '../../../src/extension/tracking/rest/restConnection';
import { createRestStore } from '../../../src/extension/tracking/rest/restStore';
import { startScriptedServer } from '../../support/scriptedServer';
import { FAST_RETRY } from './restTestKit';

const RUN_BODY = { run: { info: { run_id: 'r', experiment_id: '1', status: 'FINISHED' } } };

/** A home folder holding `.databrickscfg` with `text`; removed after the test. */
function homeWithConfig(t: { after(fn: () => void): void }, text: string): string {
  const home = mkdtempSync(join(tmpdir(), 'mlflow-databricks-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  writeFileSync(join(home, '.databrickscfg'), text);
  return home;
}

test('the config file is read as the Databricks CLI writes it: sections, comments, = or :, CRLF, keys in any case', () => {
  const sections = parseDatabricksConfig(
    '# made by databricks configure\r\n[DEFAULT]\r\nhost = https://adb-1.azuredatabricks.net\r\n; a comment\r\n[work]\r\nHOST: https://dbc-2.cloud.databricks.com/\r\ntoken = dapi-secret = with equals\r\n\r\nstray line\r\n',
  );
  assert.deepEqual([...sections.keys()], ['DEFAULT', 'work']);
  assert.deepEqual(
    { ...sections.get('work') },
    { host: 'https://dbc-2.cloud.databricks.com/', token: 'dapi-secret = with equals' },
  );
  assert.deepEqual({ ...sections.get('DEFAULT') }, { host: 'https://adb-1.azuredatabricks.net' });
  const hostile = parseDatabricksConfig('[__proto__]\ntoken = t\n');
  assert.equal(hostile.get('__proto__')?.token, 't');
  assert.equal(({} as Record<string, unknown>).token, undefined, 'no prototype was touched');
});

test("databricks://profile signs in with that profile's host and token, and inherits what DEFAULT sets", async (t) => {
  const server = await startScriptedServer(() => ({ body: RUN_BODY }));
  t.after(() => server.close());
  const home = homeWithConfig(
    t,
    `[DEFAULT]\nhost = ${server.url}\n\n[work]\ntoken = dapi-work\n\n[other]\nhost = https://nowhere.example\ntoken = dapi-other\n`,
  );
  const store = createRestStore('databricks://work', {
    env: { HOME: home, DATABRICKS_HOST: 'https://ignored.example', DATABRICKS_TOKEN: 'ignored' },
    retry: FAST_RETRY,
  });
  t.after(() => store.dispose());
  await store.getRun('r');
  assert.equal(server.requests[0]!.headers.authorization, 'Bearer dapi-work');
  assert.equal(store.trackingUri, 'databricks://work');
  assert.equal(store.description, `Databricks (${new URL(server.url).host})`);
});

test('plain databricks: DATABRICKS_HOST / DATABRICKS_TOKEN when set, else the DEFAULT profile; DATABRICKS_CONFIG_FILE names another file', async (t) => {
  const server = await startScriptedServer(() => ({ body: RUN_BODY }));
  t.after(() => server.close());
  const home = homeWithConfig(t, `[DEFAULT]\nhost = ${server.url}\ntoken = dapi-default\n`);
  const fromFile = createRestStore('databricks', { env: { HOME: home }, retry: FAST_RETRY });
  t.after(() => fromFile.dispose());
  await fromFile.getRun('r');
  assert.equal(server.requests.at(-1)!.headers.authorization, 'Bearer dapi-default');
  const fromEnv = createRestStore('databricks', {
    env: { HOME: home, DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: 'dapi-env' },
    retry: FAST_RETRY,
  });
  t.after(() => fromEnv.dispose());
  await fromEnv.getRun('r');
  assert.equal(server.requests.at(-1)!.headers.authorization, 'Bearer dapi-env');
  const elsewhere = join(
    homeWithConfig(t, `[staging]\nhost = ${server.url}\ntoken = dapi-staging\n`),
    '.databrickscfg',
  );
  const named = createRestStore('databricks://staging', {
    env: { HOME: home, DATABRICKS_CONFIG_FILE: elsewhere },
    retry: FAST_RETRY,
  });
  t.after(() => named.dispose());
  await named.getRun('r');
  assert.equal(server.requests.at(-1)!.headers.authorization, 'Bearer dapi-staging');
});

test('a profile with a user name and password signs in with basic auth', async (t) => {
  const server = await startScriptedServer(() => ({ body: RUN_BODY }));
  t.after(() => server.close());
  const home = homeWithConfig(t, `[basic]\nhost = ${server.url}\nusername = ada\npassword = s3cret\n`);
  const store = createRestStore('databricks://basic', { env: { HOME: home }, retry: FAST_RETRY });
  t.after(() => store.dispose());
  await store.getRun('r');
  assert.equal(server.requests[0]!.headers.authorization, `Basic ${Buffer.from('ada:s3cret').toString('base64')}`);
});

test('what is missing is said, naming the file, the profile and the profiles there, never a token', (t) => {
  const home = homeWithConfig(
    t,
    '[DEFAULT]\ntoken = dapi-leak-me\n\n[work]\nhost = adb-1.azuredatabricks.net\n\n[sso]\nhost = adb-2.azuredatabricks.net\nauth_type = databricks-cli\n',
  );
  const file = join(home, '.databrickscfg');
  const env = { HOME: home };
  const fails = (uri: string, kind: typeof MlflowError, pattern: RegExp) =>
    assert.throws(
      () => resolveRestConnection(uri, { env }),
      (error: unknown) => {
        assert.ok(error instanceof kind, String(error));
        assert.match(error.message, pattern);
        assert.doesNotMatch(error.message, /dapi-leak-me/);
        return true;
      },
    );
  fails(
    'databricks://staging',
    MlflowError,
    new RegExp(
      `^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} has no profile 'staging' \\(its profiles: DEFAULT, work, sso\\)\\.$`,
    ),
  );
  fails('databricks', MlflowError, /needs a host: profile 'DEFAULT' in .+ has no 'host'/);
  // work inherits DEFAULT's token, so it is complete; sso overrides nothing and uses an auth type we do not speak.
  assert.equal(resolveRestConnection('databricks://work', { env }).baseUrl, 'https://adb-1.azuredatabricks.net');
  const noToken = homeWithConfig(t, '[sso]\nhost = adb-2.azuredatabricks.net\nauth_type = databricks-cli\n');
  assert.throws(
    () => resolveRestConnection('databricks://sso', { env: { HOME: noToken } }),
    (error: unknown) =>
      error instanceof MlflowAuthError &&
      /needs a personal access token for adb-2\.azuredatabricks\.net: profile 'sso' in .+ has no 'token' \(OAuth and other auth types are not supported: use a personal access token\)\.$/.test(
        error.message,
      ),
  );
  assert.throws(
    () => resolveRestConnection('databricks://work', { env: { HOME: join(home, 'missing') } }),
    (error: unknown) =>
      error instanceof MlflowError &&
      /^The Databricks profile 'work' is to be read from .+missing\/\.databrickscfg, which does not exist\.$/.test(
        error.message,
      ),
  );
});
