import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRunForest, parentRunIdOf } from '../../../src/extension/sidebar/runList';
import type { RunForest } from '../../../src/extension/sidebar/runList';
import { aRun } from '../../support/runBuilder';

/** The forest as nested arrays of ids, to compare whole shapes at once. */
function shape(forest: RunForest, ids: readonly string[] = forest.roots): unknown[] {
  return ids.map((id) => {
    const children = forest.childrenOf(id);
    return children.length === 0 ? id : [id, shape(forest, children)];
  });
}

test('children nest under their parent at any depth, in search order', () => {
  const forest = buildRunForest([
    aRun('grandchild', { parent: 'child-a' }),
    aRun('child-b', { parent: 'parent' }),
    aRun('child-a', { parent: 'parent' }),
    aRun('parent'),
    aRun('lonely'),
  ]);
  assert.deepEqual(shape(forest), [['parent', [['child-a', ['grandchild']], 'child-b']], 'lonely']);
  assert.equal(forest.parentOf('grandchild'), 'child-a');
  assert.equal(forest.parentOf('parent'), undefined);
});

test('a parent stands where its first-listed descendant would, not where it was listed', () => {
  const forest = buildRunForest([
    aRun('newest'),
    aRun('child', { parent: 'old-parent' }),
    aRun('middle'),
    aRun('old-parent'),
  ]);
  assert.deepEqual(shape(forest), ['newest', ['old-parent', ['child']], 'middle']);
});

test('a parent fetched only for nesting hosts its children; a missing parent leaves the child on top', () => {
  const forest = buildRunForest(
    [aRun('a', { parent: 'fetched' }), aRun('b', { parent: 'gone' }), aRun('c', { parent: 'fetched' })],
    [aRun('fetched')],
  );
  assert.deepEqual(shape(forest), [['fetched', ['a', 'c']], 'b']);
  assert.equal(forest.run('fetched')?.info.runId, 'fetched');
  assert.equal(forest.isListed('fetched'), false);
  assert.equal(forest.isListed('a'), true);
});

test('parent loops and self-parents never hide a run or recurse forever', () => {
  const forest = buildRunForest([
    aRun('x', { parent: 'y' }),
    aRun('y', { parent: 'z' }),
    aRun('z', { parent: 'x' }),
    aRun('self', { parent: 'self' }),
  ]);
  const seen: string[] = [];
  const walk = (ids: readonly string[]): void => ids.forEach((id) => (seen.push(id), walk(forest.childrenOf(id))));
  walk(forest.roots);
  assert.deepEqual([...seen].sort(), ['self', 'x', 'y', 'z']);
  assert.deepEqual(shape(forest), [['z', [['y', ['x']]]], 'self']);
});

test('a run listed twice (pages shifted by a new run) is shown once, at its first place', () => {
  const forest = buildRunForest([aRun('a'), aRun('b'), aRun('b'), aRun('c')]);
  assert.deepEqual(forest.roots, ['a', 'b', 'c']);
});

test('parent ids are read from mlflow.parentRunId, trimmed; blank or self is no parent', () => {
  assert.equal(parentRunIdOf(aRun('a', { parent: ' p ' })), 'p');
  assert.equal(parentRunIdOf(aRun('a', { parent: '   ' })), undefined);
  assert.equal(parentRunIdOf(aRun('a', { parent: 'a' })), undefined);
  assert.equal(parentRunIdOf(aRun('a')), undefined);
});

test('ten thousand children of one parent all nest under it, in order', () => {
  const runs = Array.from({ length: 10_000 }, (_, index) => aRun(`c${index}`, { parent: 'sweep' }));
  const forest = buildRunForest([...runs, aRun('sweep')]);
  assert.deepEqual(forest.roots, ['sweep']);
  assert.equal(forest.childrenOf('sweep').length, 10_000);
  assert.equal(forest.childrenOf('sweep')[9_999], 'c9999');
});

test('placedBy names the descendant that puts a run where it stands, at any depth; nothing when the run places itself', () => {
  const forest = buildRunForest(
    [
      aRun('best-trial', { parent: 'sweep' }),
      aRun('other'),
      aRun('sweep'),
      aRun('grandchild', { parent: 'child' }),
      aRun('child', { parent: 'top' }),
      aRun('top'),
      aRun('late', { parent: 'fetched' }),
    ],
    [aRun('fetched')],
  );
  assert.deepEqual(shape(forest), [
    ['sweep', ['best-trial']],
    'other',
    ['top', [['child', ['grandchild']]]],
    ['fetched', ['late']],
  ]);
  assert.equal(forest.placedBy('sweep'), 'best-trial');
  assert.equal(forest.placedBy('top'), 'grandchild');
  assert.equal(forest.placedBy('child'), 'grandchild');
  assert.equal(forest.placedBy('fetched'), 'late');
  assert.equal(forest.placedBy('other'), undefined);
  assert.equal(forest.placedBy('best-trial'), undefined);
  assert.equal(buildRunForest([aRun('parent'), aRun('kid', { parent: 'parent' })]).placedBy('parent'), undefined);
});
