// The sidebar on an MLflow server, in a real VS Code: from the welcome view (nothing in the
// workspace) to connecting, writing (rename, tag, description, delete, restore), the server going
// down and coming back, and a server that wants credentials. The server is the test MLflow
// server (real HTTP, answers from the fixture server-store/mlflow.db copied into the workspace),
// started here in the extension host so the tests can stop and restart it.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { CommandId } from '../../../../src/extension/platform/commandIds';
import { openSqliteStore } from '../../../../src/extension/tracking/local/sqliteStore';
import { createRestStore } from '../../../../src/extension/tracking/rest/restStore';
import type { TrackingStore } from '../../../../src/extension/tracking/trackingStore';
import { waitFor } from '../support/extension';
import { startMlflowTestServer } from '../sidebarSupport/mlflowTestServer';
import type { MlflowTestServer } from '../sidebarSupport/mlflowTestServer';
import { experimentsView, row, rows, rowsWhen, setSetting, tooltipText } from '../sidebarSupport/sidebarView';
import type { Row } from '../sidebarSupport/sidebarView';

let source: TrackingStore;
let server: MlflowTestServer;

/** What the server holds now, read over HTTP by a client of our own. */
async function serverRun(name: string) {
  const client = createRestStore(server.url, { env: {}, retry: { maxRetries: 0 } });
  try {
    const { experimentId } = await client.getExperimentByName('demo-classifier');
    const { runs } = await client.searchRuns({ experimentIds: [experimentId], runViewType: 'ALL' });
    return runs.find((run) => run.info.runName === name);
  } finally {
    client.dispose();
  }
}

/** Answers the next modal confirmation with `choice`, as a person clicking it would. */
async function confirming<T>(choice: string, action: () => Thenable<T>): Promise<T> {
  const window = vscode.window as { showWarningMessage: (...args: unknown[]) => Thenable<unknown> };
  const original = window.showWarningMessage;
  const asked: unknown[] = [];
  window.showWarningMessage = (...args: unknown[]) => (asked.push(args[0]), Promise.resolve(choice));
  try {
    const result = await action();
    assert.equal(asked.length, 1, 'one confirmation was asked');
    return result;
  } finally {
    window.showWarningMessage = original;
  }
}

async function demoRun(name: string): Promise<Row> {
  const demo = await row('demo-classifier');
  return row(name, demo.node);
}

suite('sidebar on an MLflow server', () => {
  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    source = await openSqliteStore(join(folder, 'data', 'server.db'));
    server = await startMlflowTestServer({ source });
    await setSetting('mlflow.runs.autoRefreshSeconds', 0);
  });

  suiteTeardown(async () => {
    await server?.close();
    source?.dispose();
  });

  test('with no store anywhere, the tree is empty, so VS Code shows the welcome view', async () => {
    assert.deepEqual(await rows(), []);
    assert.equal((await experimentsView()).treeView.description, undefined);
  });

  test('"Connect to MLflow Server…" lists the server\'s experiments and names the server in the view', async () => {
    await vscode.commands.executeCommand(CommandId.connectServer, server.url);
    const top = await rowsWhen('the experiments', (found) => found.length > 1);
    assert.equal(top[0]?.label, 'Default');
    assert.ok(top.some((entry) => entry.label === 'demo-classifier'));
    assert.match((await experimentsView()).treeView.description ?? '', /127\.0\.0\.1/);
  });

  test('runs on a server offer the writes and the web UI', async () => {
    const best = await demoRun('best-so-far');
    assert.equal(best.contextValue, 'run run.active run.hasCommit run.writable run.web');
  });

  test('Rename Run renames it on the server, and the tree shows the new name', async () => {
    const best = await demoRun('best-so-far');
    await vscode.commands.executeCommand(CommandId.renameRun, best.node, [best.node], 'best <b>renamed</b>');
    const demo = await row('demo-classifier');
    await rowsWhen('the new name', (found) => found.some((entry) => entry.label === 'best <b>renamed</b>'), demo.node);
    assert.equal((await serverRun('best <b>renamed</b>'))?.info.runId, (best.node as { runId: string }).runId);
  });

  test('Set Tag and Edit Description write tags on every selected run', async () => {
    const [first, second] = [await demoRun('rmsprop'), await demoRun('adamw-long')];
    await vscode.commands.executeCommand(CommandId.setRunTag, first.node, [first.node, second.node], 'team', 'vision');
    assert.equal((await serverRun('rmsprop'))?.data.tags.team, 'vision');
    assert.equal((await serverRun('adamw-long'))?.data.tags.team, 'vision');
    await vscode.commands.executeCommand(CommandId.editRunDescription, first.node, [first.node], 'Tried *RMSprop*');
    const described = await rowsWhen(
      'the description in the tooltip',
      (found) =>
        found.some(
          (entry) => entry.label === 'rmsprop' && tooltipText(entry).includes('**Description**\n\nTried *RMSprop*'),
        ),
      (await row('demo-classifier')).node,
    );
    assert.ok(described);
  });

  test('Delete Run asks, then the run leaves the list; Restore Run brings it back', async () => {
    const target = await demoRun('adamw-warmup');
    await confirming('Delete', () => vscode.commands.executeCommand(CommandId.deleteRun, target.node, [target.node]));
    const demo = await row('demo-classifier');
    await rowsWhen(
      'the deleted run to leave',
      (found) => !found.some((entry) => entry.label === 'adamw-warmup'),
      demo.node,
    );
    assert.equal((await serverRun('adamw-warmup'))?.info.lifecycleStage, 'deleted');

    await vscode.commands.executeCommand(CommandId.showDeleted);
    const shown = await rowsWhen(
      'the deleted run, marked',
      (found) => found.some((entry) => entry.label === 'adamw-warmup'),
      (await rowsWhen('experiments', (f) => f.length > 1)).find((entry) => entry.label === 'demo-classifier')!.node,
    );
    const deleted = shown.find((entry) => entry.label === 'adamw-warmup')!;
    assert.equal(deleted.contextValue, 'run run.deleted run.hasCommit run.writable run.web');
    await confirming('Restore', () =>
      vscode.commands.executeCommand(CommandId.restoreRun, deleted.node, [deleted.node]),
    );
    assert.equal((await serverRun('adamw-warmup'))?.info.lifecycleStage, 'active');
    await vscode.commands.executeCommand(CommandId.hideDeleted);
    await rowsWhen(
      'the restored run, active',
      (found) => found.some((entry) => entry.label === 'adamw-warmup' && entry.contextValue.includes('run.active')),
      (await rowsWhen('experiments', (f) => f.length > 1)).find((entry) => entry.label === 'demo-classifier')!.node,
    );
  });

  test('a cancelled confirmation deletes nothing', async () => {
    const target = await demoRun('sgd-momentum');
    await confirming('Cancel', () => vscode.commands.executeCommand(CommandId.deleteRun, target.node, [target.node]));
    assert.equal((await serverRun('sgd-momentum'))?.info.lifecycleStage, 'active');
  });

  test('a slow load can be cancelled; the experiment then says so and offers Retry, which loads it', async () => {
    const scale = await row('scale');
    server.setDelay(5_000);
    let cancelled: Row[];
    try {
      const pending = rows(scale.node);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await vscode.commands.executeCommand(CommandId.cancelLoading);
      cancelled = await pending;
    } finally {
      server.setDelay(0);
    }
    assert.deepEqual(
      cancelled.map((entry) => [entry.label, entry.contextValue]),
      [['Loading was cancelled', 'runsError']],
    );
    assert.equal(cancelled[0]!.item.command?.command, CommandId.retryRuns);
    await vscode.commands.executeCommand(CommandId.retryRuns, scale.node.experimentId);
    const loaded = await rows(scale.node);
    assert.equal(loaded.length, 101, 'a page of 100 runs and "Load more…"');
    assert.equal(loaded.at(-1)?.label, 'Load more…');
  });

  test('while a listed run is RUNNING the view refreshes itself; hidden, it stops', async () => {
    const demo = await row('demo-classifier');
    assert.ok((await rows(demo.node)).some((entry) => entry.contextValue.includes('run.running')));
    const searches = () => server.requests.filter((request) => request === 'POST /api/2.0/mlflow/runs/search').length;
    await vscode.commands.executeCommand('mlflow.experiments.focus');
    await setSetting('mlflow.runs.autoRefreshSeconds', 1);
    try {
      const before = searches();
      await waitFor('two refreshes', () => (searches() >= before + 2 ? true : undefined));
      await vscode.commands.executeCommand('workbench.view.explorer');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const hidden = searches();
      await new Promise((resolve) => setTimeout(resolve, 2500));
      assert.equal(searches(), hidden, 'no refresh while the view is hidden');
    } finally {
      await setSetting('mlflow.runs.autoRefreshSeconds', 0);
    }
  });

  test('a refresh keeps the selected run selected: rows keep their identity', async () => {
    const { treeView } = await experimentsView();
    const target = await demoRun('rmsprop');
    await vscode.commands.executeCommand('mlflow.experiments.focus');
    await waitFor('the view to be visible', () => (treeView.visible ? true : undefined));
    await treeView.reveal(target.node, { select: true, focus: true });
    await waitFor('the selection', () => (treeView.selection[0]?.id === target.node.id ? true : undefined));
    await vscode.commands.executeCommand(CommandId.refresh);
    const again = await demoRun('rmsprop');
    assert.equal(again.node, target.node, 'the same element before and after');
    await waitFor('the selection after the refresh', () => (treeView.selection[0] === target.node ? true : undefined));
  });

  test('when the server goes down the tree shows one row saying what failed; Retry recovers once it is back', async () => {
    const port = server.port;
    await server.close();
    await vscode.commands.executeCommand(CommandId.refresh);
    const [failure] = await rowsWhen(
      'the error row',
      (found) => found.length === 1 && found[0]!.contextValue === 'storeError',
    );
    assert.match(failure!.label, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.equal((failure!.item.iconPath as vscode.ThemeIcon).id, 'error');
    assert.equal(failure!.item.command?.command, CommandId.retryConnection);
    assert.doesNotMatch(tooltipText(failure!), /\n\s+at /, 'no stack trace');

    server = await startMlflowTestServer({ source, port });
    await vscode.commands.executeCommand(CommandId.retryConnection);
    await rowsWhen('the experiments again', (found) => found.some((entry) => entry.label === 'demo-classifier'));
  });

  test('a server that wants credentials shows Sign In; credentials in the URI go to SecretStorage, not the URI', async () => {
    const guarded = await startMlflowTestServer({ source, basicAuth: { username: 'alice', password: 's3cret' } });
    try {
      await vscode.commands.executeCommand(CommandId.connectServer, guarded.url);
      const [failure] = await rowsWhen(
        'the sign-in row',
        (found) => found.length === 1 && found[0]!.contextValue.startsWith('storeError'),
      );
      assert.equal(failure!.contextValue, 'storeError error.signIn');
      assert.equal(failure!.description, 'HTTP 401');
      assert.equal(failure!.item.command?.command, CommandId.signIn);

      await vscode.commands.executeCommand(
        CommandId.connectServer,
        guarded.url.replace('http://', 'http://alice:s3cret@'),
      );
      await rowsWhen('the experiments behind sign-in', (found) =>
        found.some((entry) => entry.label === 'demo-classifier'),
      );
      const { treeView } = await experimentsView();
      assert.doesNotMatch(treeView.description ?? '', /s3cret|alice/);
      // The stored credentials are used again when the plain URI is chosen later.
      await vscode.commands.executeCommand(CommandId.connectServer, guarded.url);
      await rowsWhen('the experiments, signed in from SecretStorage', (found) =>
        found.some((entry) => entry.label === 'demo-classifier'),
      );
    } finally {
      await guarded.close();
    }
  });

  test('every request is logged in the MLflow channel with method, path, status and time, never credentials', async () => {
    await vscode.commands.executeCommand(CommandId.showLog);
    const channel = await waitFor('the MLflow output channel', () =>
      vscode.window.visibleTextEditors
        .map((editor) => editor.document)
        .find((document) => document.uri.path.endsWith('.MLflow.log')),
    );
    const log = await waitFor('a logged runs/search', () =>
      /\[rest\] POST \/api\/2\.0\/mlflow\/runs\/search 200 \d+ms/.test(channel.getText())
        ? channel.getText()
        : undefined,
    );
    assert.match(log, /\[rest\] POST \/api\/2\.0\/mlflow\/experiments\/search 401 \d+ms/);
    assert.doesNotMatch(log, /s3cret/);
  });
});
