// Issue 10.2: a run command acts on the run of the row it was invoked on, whatever refresh
// happens in between. A RUNNING run's refresh reloads the list; looking the run up again in the
// model then found nothing, and Check Out answered "Select one run (0 selected)".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { targetRuns } from '../../../src/extension/sidebar/treeArguments';
import type { ExperimentsTreeProvider } from '../../../src/extension/sidebar/experimentsTreeProvider';
import type { SidebarNode } from '../../../src/extension/sidebar/sidebarNodes';
import { NodeCache } from '../../../src/extension/sidebar/sidebarNodes';
import { aRun } from './runBuilder';

const noSelection = { selection: [] } as unknown as vscode.TreeView<SidebarNode>;

/** A tree whose loaded list is being reloaded: no run is in it right now. */
const reloading = {
  currentModel: { runList: () => ({ forest: () => ({ run: () => undefined }) }) },
} as unknown as ExperimentsTreeProvider;

test('the run a row showed is the one a context-menu command gets, even while the list reloads', () => {
  const nodes = new NodeCache();
  const running = aRun('r1', { status: 'RUNNING', tags: { 'mlflow.source.git.commit': 'a'.repeat(40) } });
  const other = aRun('r2');
  const clicked = nodes.run('1', 'r1', running);
  const selected = nodes.run('1', 'r2', other);
  assert.deepEqual(targetRuns([clicked, [clicked]], noSelection, reloading), [{ node: clicked, run: running }]);
  assert.deepEqual(
    targetRuns([selected, [clicked, selected]], noSelection, reloading).map(({ run }) => run),
    [running, other],
  );
});

test('a row handed out again shows the run as refreshed, and the command gets that one', () => {
  const nodes = new NodeCache();
  const first = nodes.run('1', 'r1', aRun('r1', { status: 'RUNNING' }));
  const refreshed = aRun('r1', { status: 'FINISHED' });
  assert.equal(nodes.run('1', 'r1', refreshed), first, 'one node per run, as VS Code needs');
  assert.equal(targetRuns([first], noSelection, reloading)[0]?.run, refreshed);
});

test("a runs table's `{ run }` targets are the runs the command gets: the selection when the clicked run is in it", () => {
  const first = aRun('r1');
  const second = aRun('r2');
  const third = aRun('r3');
  assert.deepEqual(
    targetRuns([{ run: second }, [{ run: first }, { run: second }]], noSelection, reloading).map(({ run }) => run),
    [first, second],
  );
  assert.deepEqual(
    targetRuns([{ run: third }, [{ run: first }]], noSelection, reloading).map(({ run }) => run),
    [third],
  );
});
