// The extension loads lazily, and what it registers is its command map and its manifest's commands.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { CommandId } from '../../../../src/extension/platform/commandIds';
import { manifest, ourExtension, waitFor } from '../support/extension';

const commandIds: string[] = Object.values(CommandId);

suite('activation', () => {
  // First, before any test runs a command: the workspace is empty, so nothing else activates it.
  test('the extension activates when its command runs, not before', async () => {
    const extension = ourExtension();
    assert.equal(extension.isActive, false, 'active before any of its commands ran');
    await vscode.commands.executeCommand(CommandId.showLog);
    assert.equal(extension.isActive, true);
  });

  test('mlflow.log.show shows the "MLflow" output channel, with the activation line', async () => {
    await vscode.commands.executeCommand(CommandId.showLog);
    const channel = await waitFor('the MLflow output channel to be visible', () =>
      vscode.window.visibleTextEditors
        .map((editor) => editor.document)
        .find((document) => document.uri.scheme === 'output' && document.uri.path.endsWith('.MLflow.log')),
    );
    await waitFor('the activation line in the MLflow channel', () =>
      channel.getText().includes('[extension] activated') ? true : undefined,
    );
  });

  // package.json against the command map (every command contributed, no "*" activation event) is
  // checked in plain Node (test/unit/platform/manifest.test.ts); here, what only VS Code can tell.
  test('every command in commandIds.ts and in package.json is registered after activation', async () => {
    await ourExtension().activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const expected = [...new Set([...commandIds, ...manifest().commands])];
    const missing = expected.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `not registered after activation: ${missing.join(', ')}`);
  });
});
