import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storeTitle } from '../../../src/extension/store/storeChoices';

test('local stores are named by file and folder, without the whole path', () => {
  assert.equal(
    storeTitle({ location: { kind: 'file', format: 'mlflow.db', path: '/home/ada/projects/demo-repo/mlflow.db' } }),
    'mlflow.db in demo-repo',
  );
  assert.equal(
    storeTitle({ location: { kind: 'file', format: 'mlruns', path: '/srv/exp in progress/mlruns' } }),
    'mlruns in exp in progress',
  );
});

test('servers are named by address', () => {
  assert.equal(storeTitle({ location: { kind: 'server', url: 'http://127.0.0.1:5000' } }), '127.0.0.1:5000');
  assert.equal(
    storeTitle({ location: { kind: 'databricks', url: 'https://adb-1.azuredatabricks.net' } }),
    'Databricks (adb-1.azuredatabricks.net)',
  );
});
