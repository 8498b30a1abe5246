import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialStore, credentialKey, parseStoredCredentials } from '../../../src/extension/store/credentials';

/** SecretStorage's contract (string values by key), over a Map. */
function memorySecrets() {
  const values = new Map<string, string>();
  return {
    values,
    get: (key: string) => Promise.resolve(values.get(key)),
    store: (key: string, value: string) => Promise.resolve(void values.set(key, value)),
    delete: (key: string) => Promise.resolve(void values.delete(key)),
  };
}

test('one key per server: user info, query, default port and trailing slash do not matter; prefixes do', () => {
  assert.equal(
    credentialKey('https://alice:pw@MLflow.Example.com:443/team/?x=1'),
    'mlflow.credentials:https://mlflow.example.com/team',
  );
  assert.equal(credentialKey('http://127.0.0.1:5000'), 'mlflow.credentials:http://127.0.0.1:5000');
  assert.notEqual(credentialKey('http://h/a'), credentialKey('http://h/b'));
  assert.equal(credentialKey('databricks'), undefined);
  assert.equal(credentialKey('sqlite:///mlflow.db'), undefined);
});

test('credentials round-trip through the secret store and can be forgotten', async () => {
  const secrets = memorySecrets();
  const store = new CredentialStore(secrets);
  await store.set('http://127.0.0.1:5000/', { username: 'alice', password: 's3cret' });
  assert.deepEqual(await store.get('http://127.0.0.1:5000'), { username: 'alice', password: 's3cret' });
  assert.equal(await store.get('http://127.0.0.1:5001'), undefined);
  await store.delete('http://127.0.0.1:5000');
  assert.equal(await store.get('http://127.0.0.1:5000'), undefined);
  assert.equal(secrets.values.size, 0);
});

test('stored entries not of our shape are ignored', () => {
  assert.equal(parseStoredCredentials('not json'), undefined);
  assert.equal(parseStoredCredentials('null'), undefined);
  assert.equal(parseStoredCredentials('{"username": 3, "password": "x"}'), undefined);
  assert.equal(parseStoredCredentials('{"token": ""}'), undefined);
  assert.deepEqual(parseStoredCredentials('{"token": "dapi123", "extra": 1}'), { token: 'dapi123' });
});
