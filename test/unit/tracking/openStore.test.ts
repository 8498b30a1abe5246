import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MlflowError } from '../../../src/extension/tracking/errors';
import { openStore } from '../../../src/extension/tracking/openStore';
import { startScriptedServer } from '../../support/scriptedServer';

const FIXTURES = resolve('test/fixtures/mlflow-3.5.1');

test('a server URI opens a RestStore that can write, credentials kept out of its names', async () => {
  const store = await openStore('http://alice:s3cret@127.0.0.1:5000/mlflow/', { env: {} });
  assert.equal(store.kind, 'rest');
  assert.equal(store.writable, true);
  assert.doesNotMatch(`${store.trackingUri} ${store.description}`, /s3cret|alice/);
  store.dispose();
});

test('sqlite:/// relative to the base folder opens the local mlflow.db read-only', async () => {
  const store = await openStore('sqlite:///mlflow.db', { baseDir: join(FIXTURES, 'local-store') });
  assert.equal(store.kind, 'sqlite');
  assert.equal(store.writable, false);
  const classifier = await store.getExperimentByName('demo-classifier');
  const { runs } = await store.searchRuns({
    experimentIds: [classifier.experimentId],
    filterString: "run_name = 'best-so-far'",
  });
  assert.deepEqual(
    runs.map((run) => run.info.runName),
    ['best-so-far'],
  );
  await assert.rejects(store.setTag(runs[0]!.info.runId, 'k', 'v'), (error: unknown) => {
    assert.ok(error instanceof MlflowError);
    assert.equal(error.errorCode, 'READ_ONLY_STORE');
    return true;
  });
  store.dispose();
});

test('a folder path opens the mlruns/ file store', async () => {
  const store = await openStore(join(FIXTURES, 'mlruns'));
  assert.equal(store.kind, 'file');
  const { experiments } = await store.searchExperiments({ maxResults: 100 });
  const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest-filestore.json'), 'utf8')) as {
    experiments: { name: string; lifecycle_stage: string }[];
  };
  assert.deepEqual(
    experiments.map((experiment) => experiment.name).sort(),
    manifest.experiments
      .filter((experiment) => experiment.lifecycle_stage === 'active')
      .map((experiment) => experiment.name)
      .sort(),
  );
  store.dispose();
});

test("a server's own mlflow.db reads artifacts through the server named by artifactServerUri", async () => {
  const database = join(FIXTURES, 'server-store', 'mlflow.db');
  const withoutServer = await openStore(database);
  const classifier = await withoutServer.getExperimentByName('demo-classifier');
  const { runs } = await withoutServer.searchRuns({
    experimentIds: [classifier.experimentId],
    filterString: "run_name = 'best-so-far'",
  });
  const run = runs[0]!;
  assert.match(run.info.artifactUri, /^mlflow-artifacts:/);
  await assert.rejects(withoutServer.listArtifacts(run.info.runId), (error: unknown) => {
    assert.ok(error instanceof MlflowError);
    assert.equal(error.errorCode, 'UNSUPPORTED');
    return true;
  });
  withoutServer.dispose();

  const server = await startScriptedServer(() => ({
    body: { files: [{ path: 'notes.txt', is_dir: false, file_size: 83 }] },
  }));
  try {
    const withServer = await openStore(database, { artifactServerUri: server.url, env: {} });
    const files = await withServer.listArtifacts(run.info.runId);
    assert.deepEqual(
      files.map((file) => file.path),
      ['notes.txt'],
    );
    const [request] = server.requests;
    assert.equal(request?.path, '/api/2.0/mlflow-artifacts/artifacts');
    assert.match(request?.query.path?.[0] ?? '', new RegExp(`${run.info.runId}/artifacts$`));
    withServer.dispose();
  } finally {
    await server.close();
  }
});

test('an unusable URI fails with a specific error before anything is opened', async () => {
  await assert.rejects(openStore('postgresql://db/mlflow'), /mlflow server --backend-store-uri/);
  await assert.rejects(openStore('sqlite:///no-such.db', { baseDir: tmpdir() }), MlflowError);
});
