import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MlflowError } from '../../../src/extension/tracking/errors';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import { LOCAL_DB, WORKSPACES_DB, writableCopy } from './fixtures';
import { writeSql } from './sqliteWriter';

test('a store with two workspaces lists them, and shows one at a time: names and searches are per workspace', async () => {
  const store = await openSqliteStore(WORKSPACES_DB);
  assert.deepEqual(await store.listWorkspaces(), ['default', 'team-b']);
  const names = async () =>
    (await store.searchExperiments({ orderBy: ['name ASC'], maxResults: 100 })).experiments.map((e) => [
      e.name,
      e.workspace,
    ]);
  assert.deepEqual(await names(), [
    ['Default', 'default'],
    ['demo-classifier', 'default'],
    ['edge-cases', 'default'],
    ['project-runs', 'default'],
    ['scale', 'default'],
    ['ünïcødé 実験 🧪 <b>bold</b>', 'default'],
  ]);
  const defaultClassifier = await store.getExperimentByName('demo-classifier');
  assert.equal((await store.searchRuns({ experimentIds: [defaultClassifier.experimentId] })).runs.length, 21);

  store.useWorkspace('team-b');
  assert.deepEqual(await names(), [
    ['Default', 'team-b'],
    ['demo-classifier', 'team-b'],
  ]);
  const teamClassifier = await store.getExperimentByName('demo-classifier');
  assert.notEqual(teamClassifier.experimentId, defaultClassifier.experimentId);
  const runs = (await store.searchRuns({ experimentIds: [teamClassifier.experimentId] })).runs;
  assert.deepEqual(
    runs.map((run) => run.info.runName),
    ['team-b-run'],
  );
  await assert.rejects(
    store.getExperimentByName('edge-cases'),
    (error: unknown) => error instanceof MlflowError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST',
  );
  await assert.rejects(
    store.getExperiment(defaultClassifier.experimentId),
    (error: unknown) => error instanceof MlflowError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST',
  );
  store.dispose();
});

test('a store from before workspaces lists none (no picker), and shows every experiment whatever workspace was remembered', async () => {
  const store = await openSqliteStore(LOCAL_DB);
  // A workspace remembered for another store (the sidebar remembers per store URI, a file may be replaced).
  store.useWorkspace('team-b');
  assert.deepEqual(await store.listWorkspaces(), []);
  assert.equal(store.currentWorkspace, 'default');
  assert.equal((await store.searchExperiments({ viewType: 'ALL' })).experiments.length, 7);
  store.dispose();
});

test('a store whose workspaces table lacks default lists only its own workspaces, and shows the first rather than an empty default', async () => {
  const path = await writableCopy(WORKSPACES_DB, 'mlflow.db');
  writeSql(path, "DELETE FROM experiments WHERE workspace = 'default'; DELETE FROM workspaces WHERE name = 'default'");
  const store = await openSqliteStore(path);
  // As the sidebar opens a store: the remembered workspace (default until one is picked), then the list.
  store.useWorkspace('default');
  assert.deepEqual(await store.listWorkspaces(), ['team-b']);
  assert.equal(store.currentWorkspace, 'team-b');
  const names = (await store.searchExperiments({ orderBy: ['name ASC'] })).experiments.map((e) => [
    e.name,
    e.workspace,
  ]);
  assert.deepEqual(names, [
    ['Default', 'team-b'],
    ['demo-classifier', 'team-b'],
  ]);
  store.dispose();
});
