import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  findLocalStores,
  parseTrackingUri,
  redactTrackingUri,
  resolveTrackingUri,
} from '../../../src/extension/tracking/connection';
import { MlflowError } from '../../../src/extension/tracking/errors';

async function folderWith(layout: { db?: boolean; fileStore?: boolean; artifactsOnly?: boolean }): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'mlflow-conn-'));
  if (layout.db) await writeFile(join(folder, 'mlflow.db'), 'SQLite format 3\0');
  if (layout.fileStore) {
    await mkdir(join(folder, 'mlruns', '0'), { recursive: true });
    await writeFile(join(folder, 'mlruns', '0', 'meta.yaml'), 'name: Default\n');
  }
  if (layout.artifactsOnly) await mkdir(join(folder, 'mlruns', '1', 'abc', 'artifacts'), { recursive: true });
  return folder;
}

test('server URIs are rest locations, trailing slashes dropped, prefixes kept', async () => {
  assert.deepEqual(await parseTrackingUri('http://127.0.0.1:5000/', '/w'), {
    kind: 'rest',
    url: 'http://127.0.0.1:5000',
  });
  assert.deepEqual(await parseTrackingUri(' https://mlflow.example.com/team/mlflow ', '/w'), {
    kind: 'rest',
    url: 'https://mlflow.example.com/team/mlflow',
  });
});

test('databricks URIs keep their profile', async () => {
  assert.deepEqual(await parseTrackingUri('databricks', '/w'), { kind: 'databricks' });
  assert.deepEqual(await parseTrackingUri('databricks://staging', '/w'), { kind: 'databricks', profile: 'staging' });
});

test("sqlite URIs follow SQLAlchemy's slashes", async () => {
  assert.deepEqual(await parseTrackingUri('sqlite:///mlflow.db', '/work/proj'), {
    kind: 'sqlite',
    path: '/work/proj/mlflow.db',
  });
  assert.deepEqual(await parseTrackingUri('sqlite:////data/mlflow.db', '/work/proj'), {
    kind: 'sqlite',
    path: '/data/mlflow.db',
  });
  await assert.rejects(parseTrackingUri('sqlite://', '/w'), /in-memory/);
});

test('file URIs and plain paths', async () => {
  const folder = await folderWith({ db: true, fileStore: true });
  assert.deepEqual(await parseTrackingUri(pathToFileURL(join(folder, 'mlruns')).href, '/w'), {
    kind: 'file',
    path: join(folder, 'mlruns'),
  });
  assert.deepEqual(await parseTrackingUri('file:mlruns', folder), { kind: 'file', path: join(folder, 'mlruns') });
  assert.deepEqual(await parseTrackingUri('mlflow.db', folder), { kind: 'sqlite', path: join(folder, 'mlflow.db') });
  assert.deepEqual(await parseTrackingUri(join(folder, 'mlruns'), '/elsewhere'), {
    kind: 'file',
    path: join(folder, 'mlruns'),
  });
  await assert.rejects(parseTrackingUri('missing.db', folder), /no such file or folder/);
});

test('unusable URIs get a specific reason, never a crash', async () => {
  for (const [uri, reason] of [
    ['postgresql://u:secret@db/mlflow', /mlflow server --backend-store-uri postgresql/],
    ['', /empty/],
    ['http://', /valid URL|no host/],
  ] as const) {
    await assert.rejects(parseTrackingUri(uri, '/w'), (error: unknown) => {
      assert.ok(error instanceof MlflowError);
      assert.equal(error.errorCode, 'BAD_STORE');
      assert.match(error.message, reason);
      assert.doesNotMatch(error.message, /secret/, 'credentials never reach a message');
      return true;
    });
  }
});

test('credentials are redacted for display', () => {
  assert.equal(redactTrackingUri('https://alice:s3cret@host:5000/x'), 'https://host:5000/x');
  assert.equal(redactTrackingUri('http://host:5000'), 'http://host:5000');
});

test('the setting wins, then MLFLOW_TRACKING_URI, then a workspace store', async () => {
  const folder = await folderWith({ db: true });
  const env = { MLFLOW_TRACKING_URI: 'http://env:5000' };
  assert.deepEqual(await resolveTrackingUri({ setting: 'http://set:5000', env, workspaceFolders: [folder] }), {
    uri: 'http://set:5000',
    source: 'setting',
  });
  assert.deepEqual(await resolveTrackingUri({ setting: '  ', env, workspaceFolders: [folder] }), {
    uri: 'http://env:5000',
    source: 'env',
  });
  assert.deepEqual(await resolveTrackingUri({ env: {}, workspaceFolders: [folder] }), {
    uri: `sqlite:///${join(folder, 'mlflow.db')}`,
    source: 'workspace',
  });
  assert.equal(await resolveTrackingUri({ env: {}, workspaceFolders: [await folderWith({})] }), undefined);
});

test('the second workspace folder is searched when the first has no store', async () => {
  const empty = await folderWith({});
  const withStore = await folderWith({ fileStore: true });
  const resolved = await resolveTrackingUri({ env: {}, workspaceFolders: [empty, withStore] });
  assert.equal(resolved?.uri, pathToFileURL(join(withStore, 'mlruns')).href);
});

test('an mlruns/ that holds a file store comes before mlflow.db, as MLflow itself keeps using it', async () => {
  const both = await folderWith({ db: true, fileStore: true });
  assert.deepEqual(
    (await findLocalStores(both)).map((c) => c.kind),
    ['file', 'sqlite'],
  );
});

test('an mlruns/ holding only artifacts beside mlflow.db is not a store', async () => {
  const localStore = await folderWith({ db: true, artifactsOnly: true });
  assert.deepEqual(
    (await findLocalStores(localStore)).map((c) => c.kind),
    ['sqlite'],
  );
});
