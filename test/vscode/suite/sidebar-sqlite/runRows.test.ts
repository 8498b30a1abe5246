// What a run row says on the real mlflow.db of the fixtures (demo-classifier: 21 runs, a sweep of
// five trials under sweep-parent): the one metric of the experiment before the age, a parent
// placed by its best child saying so, Show Metric…, and filters naming keys no run has.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { CommandId } from '../../../../src/extension/platform/commandIds';
import { openRunFilterInput } from '../../../../src/extension/sidebar/queryCommands';
import type { FilterItem } from '../../../../src/extension/sidebar/queryCommands';
import type { ExperimentsTreeProvider } from '../../../../src/extension/sidebar/tree';
import { waitFor } from '../support/extension';
import { experimentsView, row, rows, rowsWhen, setSetting, tooltipText } from '../sidebarSupport/sidebarView';
import type { Row } from '../sidebarSupport/sidebarView';

/** A row's description up to its age (`3 h ago`): what does not depend on the clock or the OS user. */
function head(entry: Row): string {
  const parts = entry.description.split(' · ');
  const age = parts.findIndex((part) => part.endsWith(' ago'));
  return (age < 0 ? parts : parts.slice(0, age)).join(' · ');
}

const heads = (found: readonly Row[]): [string, string][] => found.map((entry) => [entry.label, head(entry)]);

async function demoRows(
  accept: (found: Row[]) => boolean = (found) => found.some((entry) => entry.label === 'baseline-sgd'),
): Promise<Row[]> {
  await rowsWhen('the experiments', (found) => found.length > 1);
  const demo = await row('demo-classifier');
  return rowsWhen('the demo-classifier runs', accept, demo.node);
}

suite('run rows on mlflow.db', () => {
  suiteSetup(async () => {
    await setSetting('mlflow.runs.autoRefreshSeconds', 0);
  });

  test('13: every run row shows the most common metric of the experiment (loss, 21 of 21 runs), before its age', async () => {
    // HEAD is read in the background: wait for its marker, then read every row at once.
    const found = await demoRows(
      (entries) => entries.some((entry) => entry.label === 'baseline-sgd') && / · HEAD$/.test(head(entries[0]!)),
    );
    assert.deepEqual(heads(found), [
      ['still-running', 'loss=0.278 · HEAD'],
      ['manual-stop', 'loss=0.278 · HEAD'],
      ['crash-oom', 'loss=0.278 · HEAD'],
      ['smoke-test-fluent', 'loss=0.1289 · HEAD'],
      ['backdated-killed', 'loss=0.05808 · HEAD'],
      ['backdated-failed', 'loss=0.07997 · HEAD'],
      ['sweep-parent', 'loss=0.1196 · HEAD'],
      ['best-so-far', 'loss=0.1469 · HEAD'],
      ['rmsprop', 'loss=0.3233'],
      ['adamw-long', 'loss=0.2383'],
      ['adamw-warmup', 'loss=0.1833'],
      ['sgd-momentum', 'loss=0.1039'],
      ['adam-lr1e-2-bs64', 'loss=0.105'],
      ['adam-lr3e-3', 'loss=0.1676'],
      ['baseline-adam', 'loss=0.1513'],
      ['baseline-sgd', 'loss=0.06348'],
    ]);
  });

  test('12: sorted by accuracy, the sweep stands where its best trial does and its row says "best child 0.9762"; the tooltip says why', async () => {
    const demo = await row('demo-classifier');
    await vscode.commands.executeCommand(CommandId.sortRuns, demo.node, {
      field: { kind: 'metric', key: 'accuracy' },
      ascending: false,
    });
    try {
      const found = await demoRows((entries) => entries[0]?.label === 'sweep-parent');
      assert.deepEqual(heads(found.slice(0, 6)), [
        ['sweep-parent', 'accuracy=0.9579 · best child 0.9762 · HEAD'],
        ['backdated-killed', 'accuracy=0.9746 · HEAD'],
        ['sgd-momentum', 'accuracy=0.9635'],
        ['backdated-failed', 'accuracy=0.961 · HEAD'],
        ['adam-lr1e-2-bs64', 'accuracy=0.9578'],
        ['smoke-test-fluent', 'accuracy=0.9475 · HEAD'],
      ]);
      assert.deepEqual(
        heads(found.slice(-2)),
        [
          ['baseline-adam', ''],
          ['baseline-sgd', ''],
        ],
        'runs without accuracy come last, with no metric',
      );
      const sweep = found[0]!;
      const tooltip = tooltipText(sweep).replace(/\\(.)/g, '$1');
      assert.ok(
        tooltip.endsWith(
          '*Placed by its child run sweep-parent-trial-4 (0.9762): sorted by metrics.accuracy, a parent stands where its best-placed child does, so a sweep sorts as one result.*',
        ),
        tooltip,
      );
      assert.deepEqual(heads(await rows(sweep.node)), [
        ['sweep-parent-trial-4', 'accuracy=0.9762 · HEAD'],
        ['sweep-parent-trial-2', 'accuracy=0.956 · HEAD'],
        ['sweep-parent-trial-1', 'accuracy=0.9484 · HEAD'],
        ['sweep-parent-trial-3', 'accuracy=0.9275 · HEAD'],
        ['sweep-parent-trial-0', 'accuracy=0.9231 · HEAD'],
      ]);
    } finally {
      await vscode.commands.executeCommand(CommandId.sortRuns, demo.node, {
        field: { kind: 'attribute', key: 'start_time' },
        ascending: false,
      });
    }
    await demoRows((entries) => entries[0]?.label === 'still-running');
  });

  test('13: Show Metric… changes the metric of every row of the experiment, over the setting; Automatic brings the default back', async () => {
    const demo = await row('demo-classifier');
    await setSetting('mlflow.runs.primaryMetric', 'accuracy');
    try {
      let found = await demoRows((entries) => head(entries[0]!) === 'accuracy=0.8777 · HEAD');
      assert.deepEqual(heads(found).slice(0, 2), [
        ['still-running', 'accuracy=0.8777 · HEAD'],
        ['manual-stop', 'accuracy=0.8777 · HEAD'],
      ]);
      assert.equal(
        head(found.find((entry) => entry.label === 'baseline-sgd')!),
        '',
        'a run without the metric shows none (not another one)',
      );
      await vscode.commands.executeCommand(CommandId.showMetric, demo.node, 'val_loss');
      found = await demoRows((entries) => entries.some((entry) => head(entry).startsWith('val_loss=')));
      assert.deepEqual(heads(found).slice(3, 8), [
        ['smoke-test-fluent', 'HEAD'],
        ['backdated-killed', 'val_loss=0.08273 · HEAD'],
        ['backdated-failed', 'val_loss=0.1064 · HEAD'],
        ['sweep-parent', 'val_loss=0.1491 · HEAD'],
        ['best-so-far', 'val_loss=0.1787 · HEAD'],
      ]);
      await vscode.commands.executeCommand(CommandId.showMetric, demo.node, '');
      await demoRows((entries) => head(entries[0]!) === 'accuracy=0.8777 · HEAD');
    } finally {
      await setSetting('mlflow.runs.primaryMetric', undefined);
    }
    await demoRows((entries) => head(entries[0]!) === 'loss=0.278 · HEAD');
  });

  test('14: a filter naming a metric no run has says so in the "No runs match" row, with the key meant', async () => {
    const demo = await row('demo-classifier');
    await demoRows();
    await vscode.commands.executeCommand(CommandId.filterRuns, demo.node, 'metrics.acuracy > 0.8');
    try {
      const [only] = await rowsWhen(
        'the no-match row',
        (found) => found.length === 1 && found[0]!.label === 'No runs match the filter',
        demo.node,
      );
      assert.equal(only!.description, 'no loaded run has metric `acuracy`; did you mean `accuracy`?');
      assert.equal((only!.item.iconPath as vscode.ThemeIcon).id, 'warning');
      await vscode.commands.executeCommand(CommandId.filterRuns, demo.node, 'metrics.loss > 1000');
      const [none] = await rowsWhen(
        'the no-match row of a known key',
        (found) => found[0]?.label === 'No runs match the filter' && found[0].description === '',
        demo.node,
      );
      assert.equal(
        (none!.item.iconPath as vscode.ThemeIcon).id,
        'info',
        'a filter on known keys that matches nothing has nothing to warn of',
      );
    } finally {
      await vscode.commands.executeCommand(CommandId.clearFilter, demo.node);
    }
    await demoRows();
  });

  test('14: the filter input completes metrics. keys from the runs, and warns of a misspelt key while keeping the filter appliable', async () => {
    await demoRows();
    const demo = await row('demo-classifier');
    const provider = (await experimentsView()).treeDataProvider as ExperimentsTreeProvider;
    const knownKeys = provider.currentModel!.knownKeys((demo.node as { experimentId: string }).experimentId);
    const input = openRunFilterInput({
      experimentName: 'demo-classifier',
      current: undefined,
      recent: [],
      knownKeys,
      runs: [],
    });
    const labels = (items: readonly FilterItem[]) => items.map((item) => [item.label, item.description ?? '']);
    const accept = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const { quickPick } = input;
    try {
      quickPick.value = 'metrics.acc';
      const completed = await waitFor('the completions', () =>
        quickPick.items[0]?.label === 'metrics.accuracy' ? quickPick.items : undefined,
      );
      assert.deepEqual(labels(completed), [
        ['metrics.accuracy', '19 runs'],
        ['metrics.val_accuracy', '15 runs'],
        ['metrics.best_val_accuracy', '5 runs'],
        ['$(error) Expected a comparator after metrics.acc at position 11, found the end of the filter', ''],
      ]);
      await accept();
      await waitFor('the key completed', () => (quickPick.value === 'metrics.accuracy ' ? true : undefined));

      quickPick.value = 'metrics.acuracy > 0.8';
      const warned = await waitFor('the warning', () =>
        quickPick.items.some((item) => item.label.startsWith('$(warning)')) ? quickPick.items : undefined,
      );
      assert.deepEqual(labels(warned), [
        ['$(check) Apply filter', ''],
        ['$(warning) no loaded run has metric `acuracy`; did you mean `accuracy`?', ''],
      ]);
      assert.equal(warned[1]!.detail, 'Enter: use `accuracy` instead');
      await waitFor('Apply as the item Enter acts on', () =>
        quickPick.activeItems[0]?.label === '$(check) Apply filter' ? true : undefined,
      );
      quickPick.activeItems = [warned[1]!];
      await accept();
      await waitFor('the key swapped', () => (quickPick.value === 'metrics.accuracy > 0.8' ? true : undefined));
      await waitFor('the warning gone', () =>
        quickPick.items.length === 1 && quickPick.items[0]!.label === '$(check) Apply filter' ? true : undefined,
      );
      await accept();
    } finally {
      quickPick.hide();
    }
    assert.equal(await input.result, 'metrics.accuracy > 0.8');
  });

  test("14b: the filter input completes a param's values from the listed runs, most common first; Enter writes the value closed by its quote", async () => {
    await demoRows();
    const demo = await row('demo-classifier');
    const provider = (await experimentsView()).treeDataProvider as ExperimentsTreeProvider;
    const experimentId = (demo.node as { experimentId: string }).experimentId;
    const listed = provider.currentModel!.runList(experimentId).runs;
    assert.equal(listed.length, 21, 'every run of demo-classifier is listed');
    const optimizers = new Map<string, number>();
    for (const run of listed) {
      const optimizer = run.data.params.optimizer;
      if (optimizer !== undefined) optimizers.set(optimizer, (optimizers.get(optimizer) ?? 0) + 1);
    }
    const expected = [...optimizers].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
    assert.ok(expected.length >= 2, 'the demo runs use several optimizers');
    const input = openRunFilterInput({
      experimentName: 'demo-classifier',
      current: undefined,
      recent: [],
      knownKeys: provider.currentModel!.knownKeys(experimentId),
      runs: listed.map((run) => run.data),
    });
    const accept = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const { quickPick } = input;
    try {
      quickPick.value = "params.optimizer = '";
      const offered = await waitFor('the values', () =>
        quickPick.items[0]?.role === 'completion' ? quickPick.items : undefined,
      );
      assert.deepEqual(
        offered.filter((item) => item.role === 'completion').map((item) => [item.label, item.description]),
        expected.map(([value, runs]) => [value, runs === 1 ? '1 run' : `${runs} runs`]),
      );
      const [top] = expected[0]!;
      await waitFor('the first value as the item Enter acts on', () =>
        quickPick.activeItems[0]?.label === top ? true : undefined,
      );
      await accept();
      await waitFor('the value completed', () =>
        quickPick.value === `params.optimizer = '${top}' ` ? true : undefined,
      );
      await waitFor('Apply as the item Enter acts on', () =>
        quickPick.activeItems[0]?.label === '$(check) Apply filter' ? true : undefined,
      );
      await accept();
    } finally {
      quickPick.hide();
    }
    assert.equal(await input.result, `params.optimizer = '${expected[0]![0]}'`);
  });
});
