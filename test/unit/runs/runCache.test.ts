// Issue 11: one run cache serves the tree, the panels and the runs table. Tested against the
// fixture's real mlflow.db; the connection is the smallest stand-in that can say "the store changed".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { RunCache } from '../../../src/extension/runs/runCache';
import type { StoreState } from '../../../src/extension/store/storeConnection';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import type { Run } from '../../../src/extension/tracking/model';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';

const DATABASE = join(resolve('test/fixtures/mlflow-3.5.1'), 'local-store', 'mlflow.db');

/** A connection to `store` that counts getRun calls and fires its two events on request. */
function connectionTo(store: TrackingStore) {
  const fetched: string[] = [];
  const getRun = store.getRun.bind(store);
  store.getRun = (runId, options) => {
    fetched.push(runId);
    return getRun(runId, options);
  };
  const storeListeners = new Set<() => void>();
  const workspaceListeners = new Set<() => void>();
  const event = (listeners: Set<() => void>) => (listener: () => void) => {
    listeners.add(listener);
    return { dispose: () => listeners.delete(listener) };
  };
  let state: Promise<StoreState> = Promise.resolve({ kind: 'ready', store, uri: `sqlite:///${DATABASE}` });
  return {
    fetched,
    connection: {
      current: () => state,
      onDidChange: event(storeListeners),
      onDidChangeWorkspace: event(workspaceListeners),
    },
    changeStore: (next: Promise<StoreState>) => {
      state = next;
      for (const listener of storeListeners) listener();
    },
    changeWorkspace: () => {
      for (const listener of workspaceListeners) listener();
    },
  };
}

async function demoRuns(store: TrackingStore): Promise<Run[]> {
  const demo = await store.getExperimentByName('demo-classifier');
  return [...(await store.searchRuns({ experimentIds: [demo.experimentId], maxResults: 5 })).runs];
}

test('load fetches only the runs not kept, with getRun, in the order asked; remember keeps the newest copy', async () => {
  const store = await openSqliteStore(DATABASE);
  const { connection, fetched } = connectionTo(store);
  const cache = new RunCache(connection);
  try {
    const [a, b, c] = await demoRuns(store);
    cache.remember([a!]);
    const loaded = await cache.load([c!.info.runId, a!.info.runId, b!.info.runId]);
    assert.deepEqual(
      loaded.map((run) => run.info.runId),
      [c!.info.runId, a!.info.runId, b!.info.runId],
    );
    assert.equal(loaded[1], a, 'the kept copy, not a new one');
    assert.deepEqual(fetched, [c!.info.runId, b!.info.runId]);
    await cache.load([b!.info.runId, c!.info.runId]);
    assert.equal(fetched.length, 2, 'fetched runs are kept');
    const renamed: Run = { ...a!, info: { ...a!.info, runName: 'renamed' } };
    cache.remember([renamed]);
    assert.equal(cache.get(a!.info.runId), renamed);
  } finally {
    cache.dispose();
    store.dispose();
  }
});

test('changed() tells the listeners which experiments, and their kept runs are fetched again', async () => {
  const store = await openSqliteStore(DATABASE);
  const { connection, fetched } = connectionTo(store);
  const cache = new RunCache(connection);
  try {
    const [a] = await demoRuns(store);
    cache.remember([a!]);
    const heard: (readonly string[])[] = [];
    const subscription = cache.onDidChange(({ experimentIds }) => heard.push(experimentIds));
    cache.changed([a!.info.experimentId, a!.info.experimentId]);
    assert.deepEqual(heard, [[a!.info.experimentId]]);
    assert.equal(cache.get(a!.info.runId), undefined);
    await cache.load([a!.info.runId]);
    assert.deepEqual(fetched, [a!.info.runId]);
    subscription.dispose();
    cache.changed(['0']);
    assert.equal(heard.length, 1, 'a disposed subscription hears nothing');
  } finally {
    cache.dispose();
    store.dispose();
  }
});

test('another store or workspace empties the cache, and a load begun before does not refill it', async () => {
  const store = await openSqliteStore(DATABASE);
  const { connection, changeStore, changeWorkspace } = connectionTo(store);
  const cache = new RunCache(connection);
  try {
    const [a, b] = await demoRuns(store);
    cache.remember([a!]);
    changeWorkspace();
    assert.equal(cache.get(a!.info.runId), undefined);
    const pending = cache.load([b!.info.runId]);
    changeStore(Promise.resolve({ kind: 'none' }));
    assert.deepEqual(
      (await pending).map((run) => run.info.runId),
      [b!.info.runId],
    );
    assert.equal(cache.get(b!.info.runId), undefined, 'a run of the store before is not kept');
    await assert.rejects(cache.load([b!.info.runId]), /No MLflow tracking store is open/);
  } finally {
    cache.dispose();
    store.dispose();
  }
});
