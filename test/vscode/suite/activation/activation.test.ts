// The extension loads lazily, and what it registers is its command map and its manifest's commands.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../../src/extension/extensionObject';
import { CommandId } from '../../../../src/extension/platform/commandIds';
import { rowsWhen } from '../sidebarSupport/sidebarView';
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

  // Last: it points the window at a store, which the tests above must not see.
  test('extension.exports: currentStore() is the store the sidebar shows, openStore() opens the fixture mlflow.db', async () => {
    const api = (await ourExtension().activate()) as ExtensionApi;
    assert.equal(await api.currentStore(), undefined, 'no store in an empty workspace with no tracking URI');
    const db = join(ourExtension().extensionPath, 'test', 'fixtures', 'mlflow-3.5.1', 'local-store', 'mlflow.db');
    const settings = vscode.workspace.getConfiguration('mlflow');
    await settings.update('trackingUri', `sqlite:///${db}`, vscode.ConfigurationTarget.Global);
    try {
      const shown = await rowsWhen('the experiments of the fixture mlflow.db', (rows) => rows.length > 1);
      const store = await api.currentStore();
      assert.ok(store, 'a store once the tracking URI is set');
      assert.equal(store.kind, 'sqlite');
      assert.equal(store.trackingUri, `sqlite:///${db}`);
      assert.equal(api.experimentsView.treeView.description, store.description);
      const names = async (from: typeof store) =>
        (await from.searchExperiments()).experiments.map((experiment) => experiment.name).sort();
      assert.deepEqual(shown.map((row) => row.label).sort(), await names(store));

      const opened = await api.openStore(db);
      try {
        assert.notEqual(opened, store, 'a store of its own, which the caller disposes');
        assert.equal(opened.kind, 'sqlite');
        assert.equal(opened.trackingUri, store.trackingUri);
        assert.deepEqual(await names(opened), await names(store));
      } finally {
        opened.dispose();
      }
    } finally {
      await settings.update('trackingUri', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
