import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlflowError } from '../../../src/extension/tracking/errors';
import { createMlflowArtifactsRepositoryFactory } from '../../../src/extension/tracking/rest/restStore';
import { startReplayServer } from '../../support/replayServer';
import { loadTranscripts, responseBytes } from '../../support/transcripts';
import { FAST_RETRY, NO_ENV, rejectsWith, replayStore, scriptedStore } from './restTestKit';

const RUN_ROOT = 'mlflow-artifacts:/1/0960131861354a3188896e001e76faf2/artifacts';

test('the proxy lists a run root and a sub-folder, paths relative to the root (116, 117)', async (t) => {
  const { store } = await replayStore(t, ['116', '117']);
  const repository = store.artifactRepositoryFactory()(RUN_ROOT);
  const root = await repository.listArtifacts('');
  assert.deepEqual(
    root.find((file) => file.path === 'notes.txt'),
    { path: 'notes.txt', isDir: false, fileSize: 83 },
  );
  const model = await repository.listArtifacts('model');
  assert.deepEqual(
    model.find((file) => file.path === 'model/data'),
    { path: 'model/data', isDir: true },
  );
  assert.deepEqual(
    model.map((file) => file.path),
    ['model/MLmodel', 'model/conda.yaml', 'model/data', 'model/model.pkl', 'model/requirements.txt'],
  );
});

test('the proxy root of the whole server lists experiment folders (115)', async (t) => {
  const { store } = await replayStore(t, ['115']);
  const listing = await store.artifactRepositoryFactory()('mlflow-artifacts:/').listArtifacts('');
  assert.deepEqual(
    listing.map((file) => [file.path, file.isDir]),
    [
      ['1', true],
      ['2', true],
      ['3', true],
    ],
  );
});

test('the proxy downloads the recorded bytes, with or without a host in the URI (118, 119)', async (t) => {
  const { store } = await replayStore(t, ['118', '119']);
  const plain = store.artifactRepositoryFactory()(RUN_ROOT);
  const withHost = store.artifactRepositoryFactory()(
    'mlflow-artifacts://tracking.example.com:5000/1/0960131861354a3188896e001e76faf2/artifacts',
  );
  const notes = await plain.readArtifact('notes.txt');
  assert.deepEqual(notes, { data: new Uint8Array(responseBytes(loadTranscripts(['118'])[0]!)), truncated: false });
  assert.deepEqual(await withHost.readArtifact('notes.txt'), notes);
  const png = await plain.readArtifact('plots/loss_curve.png', { maxBytes: 8 });
  assert.deepEqual(Buffer.from(png.data), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  assert.equal(png.truncated, true);
});

test('a unicode name: 500 behind uvicorn (120), served behind gunicorn (compare-gunicorn/010)', async (t) => {
  const uvicorn = await replayStore(t, ['120'], { allowUnmatched: true });
  const error = await rejectsWith(
    uvicorn.store
      .artifactRepositoryFactory()('mlflow-artifacts:/2/8e1dbc37460c43dcafb557a893d60c5e/artifacts')
      .readArtifact('reports/résumé final.txt'),
    { errorCode: 'INTERNAL_ERROR', httpStatus: 500 },
  );
  assert.match(error.message, /reports\/résumé final.txt/);
  const gunicorn = await replayStore(t, ['compare-gunicorn/010']);
  const content = await gunicorn.store
    .artifactRepositoryFactory()('mlflow-artifacts:/2/ffea3be597ea4a0b91d22b2b428a1ec8/artifacts')
    .readArtifact('reports/résumé final.txt');
  assert.equal(Buffer.from(content.data).toString('utf8'), 'unicode + space in name\n');
});

test('a missing file (121, JSON 500) and a folder (122, HTML 500) are explained from the listing (116)', async (t) => {
  const { store } = await replayStore(t, ['121', '122', '116']);
  const repository = store.artifactRepositoryFactory()(RUN_ROOT);
  await rejectsWith(repository.readArtifact('nope.txt'), {
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
    message: /does not exist/,
  });
  await rejectsWith(repository.readArtifact('model'), { errorCode: 'INVALID_PARAMETER_VALUE', message: /is a folder/ });
});

test('a file downloads through the proxy into the destination', async (t) => {
  const { store, server } = await scriptedStore(t, (request) =>
    request.query.path ? { body: {} } : { body: 'proxied bytes', headers: { 'Content-Type': 'text/plain' } },
  );
  const dest = await mkdtemp(join(tmpdir(), 'proxy-download-'));
  t.after(() => rm(dest, { recursive: true, force: true }));
  const local = await store.artifactRepositoryFactory()(RUN_ROOT).downloadArtifacts('plots/loss curve.txt', dest);
  assert.equal(local, join(dest, 'plots', 'loss curve.txt'));
  assert.equal(await readFile(local, 'utf8'), 'proxied bytes');
  assert.deepEqual(server.requests[0]!.query, {
    path: ['1/0960131861354a3188896e001e76faf2/artifacts/plots/loss curve.txt'],
  });
  assert.equal(
    server.requests[1]!.path,
    '/api/2.0/mlflow-artifacts/artifacts/1/0960131861354a3188896e001e76faf2/artifacts/plots/loss%20curve.txt',
  );
});

test('only mlflow-artifacts: URIs go through the proxy; a factory can stand alone for a local store', async (t) => {
  const server = await startReplayServer(loadTranscripts(['118']));
  t.after(() => server.close());
  const factory = createMlflowArtifactsRepositoryFactory(server.url, { env: NO_ENV, retry: FAST_RETRY });
  assert.throws(
    () => factory('s3://bucket/1/run/artifacts'),
    (error: unknown) => error instanceof MlflowError && error.errorCode === 'UNSUPPORTED',
  );
  assert.throws(
    () => factory('mlflow-artifacts:/1/../../etc'),
    (error: unknown) => error instanceof MlflowError && error.errorCode === 'INVALID_PARAMETER_VALUE',
  );
  const content = await factory(RUN_ROOT).readArtifact('notes.txt');
  assert.match(Buffer.from(content.data).toString('utf8'), /^Run notes/);
  assert.deepEqual(server.unmatched, []);
});
