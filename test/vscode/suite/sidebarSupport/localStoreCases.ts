// The sidebar on a local store found in the workspace (mlflow.db or mlruns/), in a real VS Code:
// the same questions for both, answered from each store's manifest. The workspace is a clone of
// the demo repository at 9b64e09, the commit most fixture runs were logged at.
import * as assert from 'node:assert/strict';
import { suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { CommandId } from '../../../../src/extension/platform/commandIds';
import { experimentsView, outline, row, rows, rowsWhen, setSetting, tooltipText } from './sidebarView';
import type { Row } from './sidebarView';
import metricsManifest from '../../../fixtures/mlflow-3.5.1/local-store/manifest.json';

export interface StoreManifest {
  experiments: {
    experiment_id: string;
    name: string;
    lifecycle_stage: string;
    runs: {
      run_id: string;
      run_name: string;
      status: string;
      lifecycle_stage: string;
      parent_run_id: string | null;
      git_commit: string;
    }[];
  }[];
}

const HEAD = '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf';

/** Defines the shared tests; `describesStore` matches the view's description (the store in use). */
export function localStoreCases(manifest: StoreManifest, describesStore: RegExp): void {
  const experiment = (name: string) => manifest.experiments.find((entry) => entry.name === name)!;
  const activeRuns = (name: string) => experiment(name).runs.filter((run) => run.lifecycle_stage === 'active');
  const experimentRow = (name: string): Promise<Row> => row(name);
  /** The top-level run holding the active run with the lowest loss (values from the local store's manifest: the same runs). */
  const lowestLossRoot = (name: string): string => {
    const runs = metricsManifest.experiments
      .find((entry) => entry.name === name)!
      .runs.filter((run) => run.lifecycle_stage === 'active');
    const losses = runs.filter((run) => typeof run.metrics.loss === 'number');
    let lowest = losses.reduce((best, run) =>
      (run.metrics.loss as number) < (best.metrics.loss as number) ? run : best,
    );
    while (lowest.parent_run_id) lowest = runs.find((run) => run.run_id === lowest.parent_run_id)!;
    return lowest.run_name;
  };

  suiteSetup(async () => {
    await setSetting('mlflow.runs.autoRefreshSeconds', 0);
  });

  test('the store in the workspace is found and named in the view; active experiments are listed, Default first', async () => {
    const top = await rowsWhen('the experiments', (found) => found.length > 1);
    const active = manifest.experiments
      .filter((entry) => entry.lifecycle_stage === 'active')
      .map((entry) => entry.name);
    assert.equal(top[0]?.label, 'Default');
    assert.deepEqual([...top.map((entry) => entry.label)].sort(), [...active].sort());
    assert.ok(top.every((entry) => entry.contextValue === 'experiment experiment.active'));
    const { treeView } = await experimentsView();
    assert.match(treeView.description ?? '', describesStore);
  });

  test('an experiment lists its runs newest first, child runs under their parent, and then knows its run count', async () => {
    const demo = await experimentRow('demo-classifier');
    const tree = await outline(demo.node);
    const sweep = tree.find((entry) => Array.isArray(entry) && entry[0] === 'sweep-parent') as [string, string[]];
    assert.deepEqual(
      sweep[1],
      [4, 3, 2, 1, 0].map((trial) => `sweep-parent-trial-${trial}`),
    );
    assert.equal(tree[0], 'still-running');
    const described = await rowsWhen('the run count on the experiment', (found) =>
      found.some(
        (entry) =>
          entry.label === 'demo-classifier' && entry.description === `${activeRuns('demo-classifier').length} runs`,
      ),
    );
    assert.ok(described);
  });

  test('three levels of nesting; HTML-like run names stay text, in the label and the escaped tooltip', async () => {
    const edge = await experimentRow('edge-cases');
    const tree = await outline(edge.node);
    assert.ok(
      tree.some(
        (entry) =>
          JSON.stringify(entry) === JSON.stringify(['nested-parent', ['child-b', ['child-a', ['grandchild-a1']]]]),
      ),
      JSON.stringify(tree),
    );
    const img = await row('<img src=x onerror=alert(1)>', edge.node);
    assert.ok(tooltipText(img).startsWith('**\\<img src\\=x onerror\\=alert\\(1\\)\\>**'), tooltipText(img));
    const markdown = img.item.tooltip as vscode.MarkdownString;
    assert.equal(markdown.isTrusted, false);
    assert.equal(markdown.supportHtml, false);
  });

  test('run rows: status icon, description, and the contextValue menus are keyed on (no writes on a local store)', async () => {
    const demo = await experimentRow('demo-classifier');
    const running = await rowsWhen(
      'the HEAD marker',
      (found) => found.some((entry) => entry.label === 'still-running' && /\bHEAD\b/.test(entry.description)),
      demo.node,
    );
    const still = running.find((entry) => entry.label === 'still-running')!;
    assert.equal((still.item.iconPath as vscode.ThemeIcon).id, 'sync~spin');
    assert.equal(still.contextValue, 'run run.active run.hasCommit run.atHead run.running');
    assert.match(
      still.description,
      /^loss=0\.278 · HEAD · .+ ago · [^·]+$/,
      "the experiment's most common metric first, then HEAD, age and duration",
    );
    const failed = running.find((entry) => entry.label === 'crash-oom')!;
    assert.equal((failed.item.iconPath as vscode.ThemeIcon).id, 'error');
    const oldCommit = running.find((entry) => entry.label === 'rmsprop')!;
    assert.equal(oldCommit.contextValue, 'run run.active run.hasCommit', 'logged at 2c3a103, not at HEAD');
    assert.ok(running.every((entry) => !/run\.writable/.test(entry.contextValue)));
  });

  test('a valid filter narrows the runs and shows on the experiment; Clear Filter brings them back', async () => {
    const demo = await experimentRow('demo-classifier');
    await vscode.commands.executeCommand(CommandId.filterRuns, demo.node, "params.optimizer = 'sgd'");
    const filtered = await rowsWhen('the filter on the experiment', (found) =>
      found.some(
        (entry) => entry.label === 'demo-classifier' && entry.description.includes("filter: params.optimizer = 'sgd'"),
      ),
    );
    assert.match(filtered.find((entry) => entry.label === 'demo-classifier')!.contextValue, /\bexperiment\.filtered\b/);
    assert.deepEqual((await rows(demo.node)).map((entry) => entry.label).sort(), ['baseline-sgd', 'sgd-momentum']);
    await vscode.commands.executeCommand(CommandId.clearFilter, demo.node);
    await rowsWhen('the filter to go', (found) => !found.some((entry) => entry.description.includes('filter:')));
    assert.ok((await rows(demo.node)).length > 2);
  });

  test('an invalid filter changes nothing: the parser refuses it before any search', async () => {
    const demo = await experimentRow('demo-classifier');
    const before = (await rows(demo.node)).map((entry) => entry.label);
    await vscode.commands.executeCommand(CommandId.filterRuns, demo.node, 'metrics.loss ~ 0.2');
    assert.equal((await experimentRow('demo-classifier')).description, demo.description);
    assert.deepEqual(
      (await rows(demo.node)).map((entry) => entry.label),
      before,
    );
  });

  test('a filter that matches nothing says so instead of leaving the experiment empty', async () => {
    const demo = await experimentRow('demo-classifier');
    await vscode.commands.executeCommand(CommandId.filterRuns, demo.node, 'metrics.loss > 1000');
    const [only] = await rowsWhen(
      'the no-match row',
      (found) => found.length === 1 && found[0]!.label === 'No runs match the filter',
      demo.node,
    );
    assert.equal(only?.contextValue, 'info');
    await vscode.commands.executeCommand(CommandId.clearFilter, demo.node);
  });

  test('sorting by a metric ascending reorders the runs and shows on the experiment', async () => {
    const demo = await experimentRow('demo-classifier');
    await vscode.commands.executeCommand(CommandId.sortRuns, demo.node, {
      field: { kind: 'metric', key: 'loss' },
      ascending: true,
    });
    try {
      await rowsWhen('the sort on the experiment', (found) =>
        found.some((entry) => entry.description.includes('sort: metrics.loss ↑')),
      );
      const labels = (await rows(demo.node)).map((entry) => entry.label);
      assert.equal(labels[0], lowestLossRoot('demo-classifier'));
    } finally {
      await vscode.commands.executeCommand(CommandId.sortRuns, demo.node, {
        field: { kind: 'attribute', key: 'start_time' },
        ascending: false,
      });
    }
    await rowsWhen('the default sort again', (found) => !found.some((entry) => entry.description.includes('sort:')));
  });

  test('Show Deleted lists the deleted experiment and run, marked; Hide Deleted removes them', async () => {
    await vscode.commands.executeCommand(CommandId.showDeleted);
    const shown = await rowsWhen('the deleted experiment', (found) =>
      found.some((entry) => entry.label === 'old-experiment'),
    );
    const old = shown.find((entry) => entry.label === 'old-experiment')!;
    assert.equal(old.contextValue, 'experiment experiment.deleted');
    assert.match(old.description, /^deleted/);
    const edge = await experimentRow('edge-cases');
    const deletedRun = await row('to-be-deleted', edge.node);
    assert.equal(deletedRun.contextValue, 'run run.deleted run.hasCommit run.atHead');
    assert.match(deletedRun.description, /^deleted · /);
    await vscode.commands.executeCommand(CommandId.hideDeleted);
    await rowsWhen(
      'the deleted experiment to go',
      (found) => !found.some((entry) => entry.label === 'old-experiment') && found.length > 1,
    );
    assert.ok(!(await rows((await experimentRow('edge-cases')).node)).some((entry) => entry.label === 'to-be-deleted'));
  });

  test('runs come a page at a time with "Load more…"; each click adds a page until none is left', async () => {
    await setSetting('mlflow.runs.pageSize', 8);
    try {
      const demo = await rowsWhen('the experiments again', (found) => found.length > 1).then(() =>
        experimentRow('demo-classifier'),
      );
      let children = await rows(demo.node);
      assert.equal(children.at(-1)?.label, 'Load more…');
      assert.equal(children.at(-1)?.description, '8 loaded');
      await vscode.commands.executeCommand(CommandId.loadMoreRuns, demo.node.experimentId);
      children = await rows(demo.node);
      assert.equal(children.at(-1)?.description, '16 loaded');
      await vscode.commands.executeCommand(CommandId.loadMoreRuns, demo.node.experimentId);
      children = await rows(demo.node);
      assert.ok(!children.some((entry) => entry.label === 'Load more…'));
      assert.equal(
        (await experimentRow('demo-classifier')).description,
        `${activeRuns('demo-classifier').length} runs`,
      );
    } finally {
      await setSetting('mlflow.runs.pageSize', undefined);
    }
  });

  test('"Show Runs at HEAD" filters the experiments holding runs at the checked-out commit', async () => {
    await rowsWhen('the experiments', (found) => found.length > 1);
    const expected = manifest.experiments
      .filter(
        (entry) =>
          entry.lifecycle_stage === 'active' &&
          entry.runs.some((run) => run.lifecycle_stage === 'active' && run.git_commit === HEAD),
      )
      .map((entry) => entry.name);
    // HEAD is read and the runs at it counted in the background once the experiments are listed.
    const prefix = `filter: tags.\`mlflow.source.git.commit\` = '${HEAD.slice(0, 20)}`;
    let filtered: Row[] = [];
    for (
      const deadline = Date.now() + 15_000;
      Date.now() < deadline && !filtered.some((entry) => entry.description.includes(prefix));
    ) {
      await vscode.commands.executeCommand(CommandId.filterRunsAtHead);
      filtered = await rows();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const withFilter = filtered.filter((entry) => entry.description.includes(prefix));
    assert.deepEqual(withFilter.map((entry) => entry.label).sort(), [...expected].sort());
    for (const entry of withFilter) await vscode.commands.executeCommand(CommandId.clearFilter, entry.node);
  });

  test('a write on a local store is refused, and nothing changes', async () => {
    const demo = await experimentRow('demo-classifier');
    const best = await row('best-so-far', demo.node);
    await vscode.commands.executeCommand(CommandId.renameRun, best.node, [best.node], 'renamed');
    assert.ok((await rows(demo.node)).some((entry) => entry.label === 'best-so-far'));
  });

  test('Copy Run ID puts the selected runs on the clipboard, one per line', async () => {
    const demo = await experimentRow('demo-classifier');
    const [first, second] = await rows(demo.node);
    await vscode.commands.executeCommand(CommandId.copyRunId, first!.node, [first!.node, second!.node]);
    const ids = [first!, second!].map((entry) => (entry.node as { runId: string }).runId);
    assert.equal(await vscode.env.clipboard.readText(), ids.join('\n'));
  });
}
