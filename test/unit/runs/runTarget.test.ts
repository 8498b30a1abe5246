// Issue 10.2: a run command acts on the run of the row it was invoked on, whatever refresh
// happens in between. A RUNNING run's refresh reloads the list; looking the run up again in the
// model then found nothing, and Check Out answered "Select one run (0 selected)". Commands now get
// the run as data (the row is a RunTarget) and never look it up again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { targetedRuns } from '../../../src/extension/runs/runTarget';
import { NodeCache } from '../../../src/extension/sidebar/treeNodes';
import { aRun } from '../../support/runBuilder';

test('the run a row showed is the one a context-menu command gets, even while the list reloads', () => {
  const nodes = new NodeCache();
  const running = aRun('r1', { status: 'RUNNING', tags: { 'mlflow.source.git.commit': 'a'.repeat(40) } });
  const other = aRun('r2');
  const clicked = nodes.run('1', 'r1', running);
  const selected = nodes.run('1', 'r2', other);
  assert.deepEqual(targetedRuns([clicked, [clicked]]), [running]);
  assert.deepEqual(targetedRuns([selected, [clicked, selected]]), [running, other]);
});

test('a row handed out again shows the run as refreshed, and the command gets that one', () => {
  const nodes = new NodeCache();
  const first = nodes.run('1', 'r1', aRun('r1', { status: 'RUNNING' }));
  const refreshed = aRun('r1', { status: 'FINISHED' });
  assert.equal(nodes.run('1', 'r1', refreshed), first, 'one node per run, as VS Code needs');
  assert.equal(targetedRuns([first])?.[0], refreshed);
});

test('a runs-table row ({ run }) is a target like a tree row; no run at all leaves the choice to the caller', () => {
  const run = aRun('r3');
  assert.deepEqual(targetedRuns([{ run }, [{ run }, { run: aRun('r4') }]]), [run, aRun('r4')]);
  assert.deepEqual(targetedRuns([{ run }, [{ run: aRun('r4') }]]), [run]);
  assert.equal(targetedRuns([]), undefined);
  assert.equal(targetedRuns(['r3']), undefined);
});
