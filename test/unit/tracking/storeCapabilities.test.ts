// Issue 11: what a store can do and where it is are fields of TrackingStore, answered by each
// backend itself; views read them instead of checking `kind` or parsing `description`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { openStore } from '../../../src/extension/tracking/openStore';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';
import { storeTitle } from '../../../src/extension/store/storeChoices';

const FIXTURES = resolve('test/fixtures/mlflow-3.5.1');

/** What every view reads of a store's capabilities. */
function capabilities(store: TrackingStore) {
  return { location: store.location, writable: store.writable, webUiUrl: store.webUiUrl, title: storeTitle(store) };
}

test("the fixture's mlflow.db: a read-only local file, no web UI", async () => {
  const store = await openStore(join(FIXTURES, 'local-store', 'mlflow.db'));
  try {
    assert.deepEqual(capabilities(store), {
      location: { kind: 'file', format: 'mlflow.db', path: join(FIXTURES, 'local-store', 'mlflow.db') },
      writable: false,
      webUiUrl: undefined,
      title: 'mlflow.db in local-store',
    });
  } finally {
    store.dispose();
  }
});

test("the fixture's mlruns/: a read-only local folder, no web UI", async () => {
  const store = await openStore(`file://${join(FIXTURES, 'local-store', 'mlruns')}`);
  try {
    assert.deepEqual(capabilities(store), {
      location: { kind: 'file', format: 'mlruns', path: join(FIXTURES, 'local-store', 'mlruns') },
      writable: false,
      webUiUrl: undefined,
      title: 'mlruns in local-store',
    });
  } finally {
    store.dispose();
  }
});

test('an MLflow server: writable, its web UI at its address, never the credentials of the URI', async () => {
  const store = await openStore('http://alice:s3cret@127.0.0.1:5000/mlflow/', { env: {} });
  try {
    assert.deepEqual(capabilities(store), {
      location: { kind: 'server', url: 'http://127.0.0.1:5000/mlflow' },
      writable: true,
      webUiUrl: 'http://127.0.0.1:5000/mlflow',
      title: '127.0.0.1:5000/mlflow',
    });
  } finally {
    store.dispose();
  }
});

test('a Databricks workspace: writable, located at the workspace, no MLflow run page to open', async () => {
  const store = await openStore('databricks', {
    env: { DATABRICKS_HOST: 'adb-1.azuredatabricks.net', DATABRICKS_TOKEN: 'dapi-secret' },
  });
  try {
    assert.deepEqual(capabilities(store), {
      location: { kind: 'databricks', url: 'https://adb-1.azuredatabricks.net' },
      writable: true,
      webUiUrl: undefined,
      title: 'Databricks (adb-1.azuredatabricks.net)',
    });
  } finally {
    store.dispose();
  }
});
