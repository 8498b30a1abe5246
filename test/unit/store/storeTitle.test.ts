import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storeTitle } from '../../../src/extension/store/storeTitle';

test('local stores are named by file and folder, without the whole path', () => {
  assert.equal(
    storeTitle({ kind: 'sqlite', description: 'mlflow.db in /home/ada/projects/demo-repo' }),
    'mlflow.db in demo-repo',
  );
  assert.equal(
    storeTitle({ kind: 'file', description: 'mlruns in /srv/exp in progress' }),
    'mlruns in exp in progress',
  );
});

test('servers are named by address', () => {
  assert.equal(storeTitle({ kind: 'rest', description: 'http://127.0.0.1:5000' }), '127.0.0.1:5000');
  assert.equal(
    storeTitle({ kind: 'rest', description: 'Databricks (adb-1.azuredatabricks.net)' }),
    'Databricks (adb-1.azuredatabricks.net)',
  );
});
