// The sidebar following a training script on mlflow.db: a run committed to the file while the
// tree shows its experiment appears by itself (mlflow.runs.autoRefreshSeconds), without a refresh.
// A suite of its own, since it writes the workspace's mlflow.db.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { experimentsView, row, rows, rowsWhen, setSetting } from '../sidebarSupport/sidebarView';
import { waitFor } from '../support/extension';

/** One run committed as MLflow's SQLAlchemy store commits it (run row, name tag, a param, a metric), by another connection. */
function commitRun(dbPath: string, experimentId: string, runId: string, name: string): void {
  const db = new DatabaseSync(dbPath, { enableForeignKeyConstraints: false });
  try {
    db.exec('PRAGMA busy_timeout = 5000; BEGIN IMMEDIATE');
    db.prepare(
      'INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, ' +
        "source_version, lifecycle_stage, artifact_uri, experiment_id) VALUES (?, ?, 'LOCAL', 'train.py', '', 'someone', 'RUNNING', ?, NULL, '', 'active', '', ?)",
    ).run(runId, name, Date.now(), Number(experimentId));
    db.prepare("INSERT INTO tags (key, value, run_uuid) VALUES ('mlflow.runName', ?, ?)").run(name, runId);
    db.prepare("INSERT INTO params (key, value, run_uuid) VALUES ('lr', '0.01', ?)").run(runId);
    db.prepare(
      "INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ('loss', 0.5, ?, 0, 0, ?)",
    ).run(Date.now(), runId);
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}

suite('sidebar on a mlflow.db a training script writes', () => {
  suiteSetup(async () => {
    await setSetting('mlflow.runs.autoRefreshSeconds', 0);
  });

  test('a run committed while the tree shows its experiment appears without a manual refresh', async () => {
    const dbPath = join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'mlflow.db');
    const { treeView } = await experimentsView();
    await vscode.commands.executeCommand('mlflow.experiments.focus');
    await waitFor('the view to be visible', () => (treeView.visible ? true : undefined));
    await rowsWhen('the experiments', (found) => found.some((entry) => entry.label === 'edge-cases'));
    const edgeCases = await row('edge-cases');
    const before = await rowsWhen('the edge-cases runs', (found) => found.length > 0, edgeCases.node);
    const experimentId = (edgeCases.node as { experimentId: string }).experimentId;

    commitRun(dbPath, experimentId, 'c0ffee'.padEnd(32, '0'), 'live-committed');
    // Auto refresh off: the tree still shows what it read (the rows come from the view's model, not the file).
    assert.deepEqual(
      (await rows(edgeCases.node)).map((entry) => entry.label),
      before.map((entry) => entry.label),
    );

    await setSetting('mlflow.runs.autoRefreshSeconds', 1);
    try {
      const after = await rowsWhen(
        'the committed run',
        (found) => found.some((entry) => entry.label === 'live-committed'),
        edgeCases.node,
      );
      assert.equal(after[0]?.label, 'live-committed', 'the newest run first');
      assert.deepEqual(
        after.slice(1).map((entry) => entry.label),
        before.map((entry) => entry.label),
      );
    } finally {
      await setSetting('mlflow.runs.autoRefreshSeconds', 0);
    }
  });
});
