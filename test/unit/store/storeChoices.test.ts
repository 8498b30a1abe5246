import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isServerUri, storeChoices } from '../../../src/extension/store/storeChoices';

test('workspace stores, configured URIs and recent servers, each once, then the two actions', () => {
  const choices = storeChoices({
    workspaceStores: [
      { uri: 'file:///w/a/mlruns', kind: 'file', folder: '/w/a', label: 'mlruns/ in /w/a', folderName: 'a' },
      { uri: 'sqlite:////w/b/mlflow.db', kind: 'sqlite', folder: '/w/b', label: 'mlflow.db in /w/b', folderName: 'b' },
    ],
    settingUri: 'http://alice:pw@mlflow.local:5000',
    envUri: 'sqlite:////w/b/mlflow.db',
    recentServers: ['http://mlflow.local:5000', 'http://alice:pw@mlflow.local:5000', 'https://other'],
    currentUri: 'sqlite:////w/b/mlflow.db',
  });
  assert.deepEqual(
    choices.map((choice) =>
      choice.kind === 'store' ? [choice.group, choice.label, choice.description, choice.current] : choice.kind,
    ),
    [
      ['Workspace', 'mlruns/', 'a', false],
      ['Workspace', 'mlflow.db', 'b', true],
      ['Configured', 'http://mlflow.local:5000', 'mlflow.trackingUri setting', false],
      ['Recent servers', 'http://mlflow.local:5000', '', false],
      ['Recent servers', 'https://other', '', false],
      'enterUri',
      'openLocal',
    ],
  );
});

test('with nothing found, the actions remain', () => {
  assert.deepEqual(
    storeChoices({ workspaceStores: [], recentServers: [] }).map((choice) => choice.kind),
    ['enterUri', 'openLocal'],
  );
});

test('servers are told apart from local stores', () => {
  assert.ok(isServerUri('http://127.0.0.1:5000'));
  assert.ok(isServerUri('HTTPS://x'));
  assert.ok(isServerUri('databricks'));
  assert.ok(isServerUri('databricks://staging'));
  assert.ok(!isServerUri('sqlite:///mlflow.db'));
  assert.ok(!isServerUri('/w/mlruns'));
  assert.ok(!isServerUri('databricksfoo'));
});
