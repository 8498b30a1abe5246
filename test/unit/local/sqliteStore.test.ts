import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MlflowError } from '../../../src/extension/tracking/errors';
import { openSqliteStore, type SqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import { LOCAL_DB, SERVER_DB, tempDir, transcriptBody, transcriptBytes, writableCopy } from './fixtures';
import { writeSql } from './sqliteWriter';

test('a sqlite store describes itself by file and folder', async () => {
  const store = await openSqliteStore(SERVER_DB);
  assert.equal(store.kind, 'sqlite');
  assert.match(store.description, /^mlflow\.db in .*server-store$/);
  assert.equal(store.trackingUri, `sqlite:///${SERVER_DB}`);
  store.dispose();
});

async function runsOfEdgeCases(store: SqliteStore): Promise<string[]> {
  const experimentId = (await store.getExperimentByName('edge-cases')).experimentId;
  return (await store.searchRuns({ experimentIds: [experimentId], runViewType: 'ALL' })).runs.map(
    (run) => run.info.runName,
  );
}

/** Changes a copy of a store the way another process would: one committed transaction. */
async function changeDb(path: string, sql: string): Promise<void> {
  writeSql(path, sql);
  return Promise.resolve();
}

const NEW_RUN =
  'INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id) ' +
  "VALUES ('feedfacefeedfacefeedfacefeedface', 'logged-meanwhile', 'LOCAL', '', '', 'someone', 'RUNNING', 1800000000000, NULL, '', 'active', '/elsewhere', 2);" +
  "INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ('loss', 0.5, 1800000000001, 3, 0, 'feedfacefeedfacefeedfacefeedface');" +
  "INSERT INTO metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ('loss', 0.5, 1800000000001, 3, 0, 'feedfacefeedfacefeedfacefeedface');";

test('a run written to the file after opening appears in the next call', async () => {
  const path = await writableCopy(LOCAL_DB, 'mlflow.db');
  const store = await openSqliteStore(path);
  assert.equal((await runsOfEdgeCases(store)).length, 13);
  await changeDb(path, NEW_RUN);
  const names = await runsOfEdgeCases(store);
  assert.equal(names.length, 14);
  assert.ok(names.includes('logged-meanwhile'));
  const run = await store.getRun('feedfacefeedfacefeedfacefeedface');
  assert.deepEqual(
    [run.info.status, run.data.metrics.loss],
    ['RUNNING', { key: 'loss', value: 0.5, timestamp: 1800000000001, step: 3 }],
  );
  assert.deepEqual(await store.getMetricHistory(run.info.runId, 'loss'), [
    { key: 'loss', value: 0.5, timestamp: 1800000000001, step: 3 },
  ]);
  store.dispose();
});

test('a run row the store cannot understand is left out and reported; the rest still lists', async () => {
  const path = await writableCopy(LOCAL_DB, 'mlflow.db');
  await changeDb(
    path,
    `PRAGMA ignore_check_constraints = ON; ${NEW_RUN.replace("'RUNNING'", "'EXPLODED'")}`.replace(/;$/, ''),
  );
  const store = await openSqliteStore(path);
  assert.equal((await runsOfEdgeCases(store)).length, 13);
  assert.deepEqual(store.problems, [
    { path: `${path} (run feedfacefeedfacefeedfacefeedface)`, message: 'the run has an unknown status "EXPLODED"' },
  ]);
  store.dispose();
});

test('an unreadable run row committed after a page was read is reported by the next page, and again after a reopen', async () => {
  const path = await writableCopy(LOCAL_DB, 'mlflow.db');
  const store = await openSqliteStore(path);
  assert.equal((await runsOfEdgeCases(store)).length, 13);
  assert.equal((await runsOfEdgeCases(store)).length, 13);
  assert.deepEqual(store.problems, []);
  await changeDb(
    path,
    `PRAGMA ignore_check_constraints = ON; ${NEW_RUN.replace("'RUNNING'", "'EXPLODED'")}`.replace(/;$/, ''),
  );
  assert.equal((await runsOfEdgeCases(store)).length, 13);
  const reported = [
    { path: `${path} (run feedfacefeedfacefeedfacefeedface)`, message: 'the run has an unknown status "EXPLODED"' },
  ];
  assert.deepEqual(store.problems, reported);
  store.dispose();
  assert.equal((await runsOfEdgeCases(store)).length, 13);
  assert.deepEqual(store.problems, reported);
  store.dispose();
});

test('opening waits out an interrupted write (a hot -journal file) and then reads the store', async () => {
  const path = await writableCopy(SERVER_DB, 'mlflow.db');
  await writeFile(`${path}-journal`, 'a commit in progress');
  let pauses = 0;
  const store = await openSqliteStore(path, {
    sleep: async () => {
      pauses += 1;
      await rm(`${path}-journal`);
    },
  });
  assert.equal(pauses, 1);
  assert.equal((await store.searchExperiments()).experiments.length, 6);
  store.dispose();
});

test('a file that is not sqlite, or a truncated database, is refused with a clear error', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'mlflow.db'), '<html>not a database</html>'.repeat(10));
  const badStore = (pattern: RegExp) => (error: unknown) =>
    error instanceof MlflowError && error.errorCode === 'BAD_STORE' && pattern.test(error.message);
  await assert.rejects(openSqliteStore(join(dir, 'mlflow.db')), badStore(/mlflow\.db in .* is not an SQLite database/));
  const truncated = await writableCopy(SERVER_DB, 'mlflow.db');
  await truncate(truncated, 200_000);
  const quick = { retryDelaysMs: [1, 1], sleep: () => Promise.resolve() };
  await assert.rejects(
    openSqliteStore(truncated, quick),
    badStore(/could not be read after 3 tries over 2 ms: the file is shorter than its header says/),
  );
});

test("a server backend's artifacts need the server: a clear error, or the given repository", async () => {
  const store = await openSqliteStore(SERVER_DB);
  const runId = (await store.searchRuns({ experimentIds: ['1'], filterString: "attributes.run_name = 'best-so-far'" }))
    .runs[0]!.info.runId;
  await assert.rejects(
    store.listArtifacts(runId),
    (error: unknown) =>
      error instanceof MlflowError && error.errorCode === 'UNSUPPORTED' && /mlflow\.trackingUri/.test(error.message),
  );
  store.dispose();
  const asked: string[] = [];
  const served = await openSqliteStore(SERVER_DB, {
    artifactRepositoryFor: (uri) => {
      asked.push(uri);
      return {
        listArtifacts: () => Promise.resolve([]),
        readArtifact: () => Promise.reject(new Error('unused')),
        downloadArtifacts: () => Promise.reject(new Error('unused')),
      };
    },
  });
  assert.deepEqual(await served.listArtifacts(runId), []);
  assert.deepEqual(asked, [`mlflow-artifacts:/1/${runId}/artifacts`]);
  served.dispose();
});

test('a local store moved from the machine that logged it finds its artifacts beside the database', async () => {
  const store = await openSqliteStore(LOCAL_DB);
  const runId = (await store.searchRuns({ experimentIds: ['1'], filterString: "attributes.run_name = 'best-so-far'" }))
    .runs[0]!.info.runId;
  assert.match(
    (await store.getRun(runId)).info.artifactUri,
    /^\/home\/user\/demo-repo\/mlruns\//,
    'recorded on another machine',
  );
  const recorded = await transcriptBody<{ files: { path: string }[] }>('091-artifacts-list-root');
  assert.deepEqual(
    (await store.listArtifacts(runId)).map((file) => file.path),
    recorded.files.map((file) => file.path),
  );
  assert.deepEqual(
    Buffer.from((await store.readArtifact(runId, 'notes.txt')).data),
    await transcriptBytes('101-get-artifact-text'),
  );
  const destination = await tempDir();
  assert.equal(await store.downloadArtifacts(runId, 'model', destination), join(destination, 'model'));
  assert.deepEqual(
    await readFile(join(destination, 'model', 'data', 'weights.npy')),
    await transcriptBytes('105-get-artifact-npy'),
  );
  const emptyRun = (await store.searchRuns({ experimentIds: ['2'], filterString: "attributes.run_name = 'empty-run'" }))
    .runs[0]!.info.runId;
  assert.deepEqual(await store.listArtifacts(emptyRun), [], 'no artifact folder at all lists as empty (099)');
  store.dispose();
});
