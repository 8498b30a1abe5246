import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitCredentials } from '../../../src/extension/store/credentials';

test('user info is taken out of a server URI, percent-decoded, and the rest kept', () => {
  assert.deepEqual(splitCredentials('https://alice:p%40ss%3Aword@mlflow.example.com/team/'), {
    uri: 'https://mlflow.example.com/team',
    credentials: { username: 'alice', password: 'p@ss:word' },
  });
  assert.deepEqual(splitCredentials('http://bob@127.0.0.1:5000'), {
    uri: 'http://127.0.0.1:5000',
    credentials: { username: 'bob', password: '' },
  });
});

test('URIs without user info, and local stores, pass through untouched', () => {
  assert.deepEqual(splitCredentials('http://127.0.0.1:5000'), { uri: 'http://127.0.0.1:5000' });
  assert.deepEqual(splitCredentials('sqlite:////w/mlflow.db'), { uri: 'sqlite:////w/mlflow.db' });
  assert.deepEqual(splitCredentials('./mlruns'), { uri: './mlruns' });
  assert.deepEqual(splitCredentials('databricks'), { uri: 'databricks' });
});
