// The sidebar model over HTTP: the project's RestStore talking to the test MLflow server of the
// REST suite (real sockets), which answers from the fixture server-store/mlflow.db. What the
// sidebar shows over REST must be what it shows reading the same store directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MlflowAuthError, MlflowConnectionError } from '../../../src/extension/tracking/errors';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import { createRestStore } from '../../../src/extension/tracking/rest/restStore';
import type { Run } from '../../../src/extension/tracking/model';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';
import { DEFAULT_SORT } from '../../../src/extension/sidebar/runQuery';
import { SidebarModel } from '../../../src/extension/sidebar/runList';
import { startMlflowTestServer } from '../../vscode/suite/sidebarSupport/mlflowTestServer';

const SERVER_DB = join(__dirname, '../../fixtures/mlflow-3.5.1/server-store/mlflow.db');
const quick = { retry: { maxRetries: 0 }, timeoutMs: 5000, env: {} };

/** SqliteStore writes `endTime: undefined` where the REST client leaves the key out: the same run. */
function withoutUndefinedInfo(run: Run): Run {
  return {
    ...run,
    info: Object.fromEntries(Object.entries(run.info).filter(([, value]) => value !== undefined)) as Run['info'],
  };
}

function sidebar(store: TrackingStore, pageSize = 100): SidebarModel {
  return new SidebarModel(store, {
    pageSize: () => pageSize,
    showDeleted: () => false,
    queryFor: () => ({ sort: DEFAULT_SORT }),
  });
}

test('over REST the sidebar lists the same experiments and runs, nested the same way, as from the file', async () => {
  const sqlite = await openSqliteStore(SERVER_DB);
  const server = await startMlflowTestServer({ source: sqlite });
  const rest = createRestStore(server.url, quick);
  try {
    const direct = sidebar(sqlite, 7);
    const remote = sidebar(rest, 7);
    await Promise.all([direct.loadExperiments(), remote.loadExperiments()]);
    assert.deepEqual(remote.experiments, direct.experiments);
    for (const experiment of direct.experiments!) {
      const [a, b] = [direct.runList(experiment.experimentId), remote.runList(experiment.experimentId)];
      await Promise.all([a.loadNextPage(), b.loadNextPage()]);
      await Promise.all([a.loadNextPage(), b.loadNextPage()]);
      assert.deepEqual(b.runs.map(withoutUndefinedInfo), a.runs.map(withoutUndefinedInfo), experiment.name);
      assert.deepEqual(b.forest().roots, a.forest().roots, experiment.name);
      assert.deepEqual(b.summary, a.summary, experiment.name);
    }
    assert.ok(server.requests.includes('POST /api/2.0/mlflow/runs/search'));
  } finally {
    rest.dispose();
    await server.close();
    sqlite.dispose();
  }
});

test('writes through REST show on the next reload; the fixture file is untouched', async () => {
  const sqlite = await openSqliteStore(SERVER_DB);
  const server = await startMlflowTestServer({ source: sqlite });
  const rest = createRestStore(server.url, quick);
  try {
    const model = sidebar(rest);
    await model.loadExperiments();
    const demo = model.experiments!.find((experiment) => experiment.name === 'demo-classifier')!;
    const list = model.runList(demo.experimentId);
    await list.loadNextPage();
    const run = list.runs.find((entry) => entry.info.runName === 'best-so-far')!;
    await rest.updateRun(run.info.runId, { runName: 'renamed <b>run</b>' });
    await rest.setTag(run.info.runId, 'team', 'vision');
    await rest.deleteRun(list.runs.find((entry) => entry.info.runName === 'rmsprop')!.info.runId);
    await list.reload();
    const renamed = list.runs.find((entry) => entry.info.runId === run.info.runId)!;
    assert.equal(renamed.info.runName, 'renamed <b>run</b>');
    assert.equal(renamed.data.tags['mlflow.runName'], 'renamed <b>run</b>');
    assert.equal(renamed.data.tags.team, 'vision');
    assert.ok(!list.runs.some((entry) => entry.info.runName === 'rmsprop'), 'a deleted run leaves the active list');
    assert.equal((await sqlite.getRun(run.info.runId)).info.runName, 'best-so-far');
  } finally {
    rest.dispose();
    await server.close();
    sqlite.dispose();
  }
});

test('a server that is down, or that wants credentials, fails with the error the tree shows', async () => {
  const sqlite = await openSqliteStore(SERVER_DB);
  const server = await startMlflowTestServer({ source: sqlite, basicAuth: { username: 'alice', password: 's3cret' } });
  try {
    const anonymous = createRestStore(server.url, quick);
    await assert.rejects(sidebar(anonymous).loadExperiments(), MlflowAuthError);
    const signedIn = createRestStore(server.url, { ...quick, credentials: { username: 'alice', password: 's3cret' } });
    const model = sidebar(signedIn);
    await model.loadExperiments();
    assert.ok(model.experiments!.length > 0);
    await server.close();
    await assert.rejects(sidebar(signedIn).loadExperiments(), MlflowConnectionError);
    anonymous.dispose();
    signedIn.dispose();
  } finally {
    await server.close();
    sqlite.dispose();
  }
});
