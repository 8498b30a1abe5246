import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storeMessage } from '../../../src/extension/sidebar/presentation';
import { storeTitle } from '../../../src/extension/store/storeChoices';

test('the tree message names the store and the workspace shown', () => {
  const title = storeTitle({ location: { kind: 'file', format: 'mlflow.db', path: '/home/ada/project/mlflow.db' } });
  assert.equal(storeMessage(title), 'Store: mlflow.db in project');
  assert.equal(storeMessage(title, 'team-a'), 'Store: mlflow.db in project · workspace team-a');
});

test('bidi controls in a workspace or folder name are shown, not obeyed', () => {
  // A workspace name is the store's data; U+202E would reverse the rest of the line.
  const title = storeTitle({
    location: { kind: 'file', format: 'mlflow.db', path: '/home/ada/evil\u202eproject/mlflow.db' },
  });
  const message = storeMessage(title, 'gnp.exe\u202e');
  assert.equal(message, 'Store: mlflow.db in evil<U+202E>project · workspace gnp.exe<U+202E>');
  assert.doesNotMatch(message, /[\u202a-\u202e\u2066-\u2069]/);
});
