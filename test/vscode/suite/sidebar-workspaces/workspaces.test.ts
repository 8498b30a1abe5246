// The sidebar on an mlflow.db of MLflow 3.12 with two workspaces (default and team-b, each with an
// experiment 'Default' and one 'demo-classifier'): MLflow shows one workspace at a time, and so does the view.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import { setTimeout as sleep } from 'node:timers/promises';
import * as vscode from 'vscode';
import { CommandId } from '../../../../src/extension/platform/commandIds';
import { experimentsView, row, rows, rowsWhen, setSetting } from '../sidebarSupport/sidebarView';

const DEFAULT_EXPERIMENTS = [
  'Default',
  'demo-classifier',
  'edge-cases',
  'project-runs',
  'scale',
  'ünïcødé 実験 🧪 <b>bold</b>',
];

/** Polls the view's message (set once the store has said which workspaces it has) until it names `workspace`. */
async function messageNames(workspace: string): Promise<void> {
  const { treeView } = await experimentsView();
  for (
    const deadline = Date.now() + 15_000;
    !(treeView.message ?? '').endsWith(`workspace ${workspace}`);
    await sleep(100)
  ) {
    if (Date.now() > deadline) assert.fail(`the view's message is ${JSON.stringify(treeView.message)}`);
  }
}

const labels = async (): Promise<string[]> => (await rows()).map((entry) => entry.label).sort();

suite('sidebar on an mlflow.db with two MLflow workspaces', () => {
  suiteSetup(async () => {
    await setSetting('mlflow.runs.autoRefreshSeconds', 0);
  });

  test('the default workspace is shown first, alone: no experiment twice', async () => {
    await rowsWhen('the experiments of the default workspace', (found) =>
      found.some((entry) => entry.label === 'edge-cases'),
    );
    assert.deepEqual(await labels(), DEFAULT_EXPERIMENTS);
    await messageNames('default');
  });

  test('the picker shows the other workspace, its experiments and runs only, and back', async () => {
    await vscode.commands.executeCommand(CommandId.selectWorkspace, 'team-b');
    await rowsWhen('the experiments of team-b', (found) => !found.some((entry) => entry.label === 'edge-cases'));
    assert.deepEqual(await labels(), ['Default', 'demo-classifier']);
    const runs = await rowsWhen('the runs of team-b', (found) => found.length > 0, (await row('demo-classifier')).node);
    assert.deepEqual(
      runs.map((entry) => entry.label),
      ['team-b-run'],
    );
    await messageNames('team-b');
  });

  test('the workspace picked is remembered for the store when it is opened again', async () => {
    await vscode.commands.executeCommand(CommandId.retryConnection);
    await rowsWhen(
      'team-b again after reopening',
      (found) => found.length === 2 && found.some((entry) => entry.label === 'demo-classifier'),
    );
    assert.deepEqual(await labels(), ['Default', 'demo-classifier']);
    await vscode.commands.executeCommand(CommandId.selectWorkspace, 'default');
    await rowsWhen('the default workspace again', (found) => found.some((entry) => entry.label === 'edge-cases'));
    assert.deepEqual(await labels(), DEFAULT_EXPERIMENTS);
  });
});
