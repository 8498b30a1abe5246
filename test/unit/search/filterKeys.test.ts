import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countRunKeys, mergeKnownKeys } from '../../../src/extension/tracking/search/filterKeys';
import { closestKey, editDistance } from '../../../src/webview/shared/closestKey';
import { filterKeyRuns } from '../../support/filterKeyRuns';
import { aRun } from '../../support/runBuilder';

const runs = filterKeyRuns();
const known = countRunKeys(runs);

test('countRunKeys counts the runs that have each metric, param and tag key', () => {
  assert.deepEqual(
    [...known.metric],
    [
      ['accuracy', 1],
      ['loss', 3],
      ['train/loss', 1],
      ['val_loss', 1],
      ['auc', 1],
    ],
  );
  assert.deepEqual(
    [...known.param],
    [
      ['optimizer', 2],
      ['lr', 1],
    ],
  );
  assert.deepEqual(
    [...known.tag],
    [
      ['mlflow.source.git.commit', 2],
      ['mlflow.user', 1],
    ],
  );
});

test('mergeKnownKeys keeps every key with the larger count (two searches may share runs)', () => {
  const merged = mergeKnownKeys(known, countRunKeys([aRun('d', { metrics: { loss: 1, f1: 0.5 } })]));
  assert.deepEqual(
    [...merged.metric],
    [
      ['accuracy', 1],
      ['loss', 3],
      ['train/loss', 1],
      ['val_loss', 1],
      ['auc', 1],
      ['f1', 1],
    ],
  );
});

test('editDistance: insertions, deletions, substitutions, and a swap of neighbours as one edit', () => {
  assert.equal(editDistance('acuracy', 'accuracy'), 1);
  assert.equal(editDistance('acucracy', 'accuracy'), 1);
  assert.equal(editDistance('loss', 'lsos'), 1);
  assert.equal(editDistance('loss', 'val_loss'), 4);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('精度', '精度x'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
});

test('closestKey: the nearest key within a third of its length; case slips first; ties alphabetical; none when far', () => {
  const metrics = [...known.metric.keys()];
  assert.equal(closestKey('acuracy', metrics), 'accuracy');
  assert.equal(closestKey('Loss', metrics), 'loss');
  assert.equal(closestKey('val-loss', metrics), 'val_loss');
  assert.equal(closestKey('f1', metrics), undefined);
  assert.equal(closestKey('precision', metrics), undefined);
  assert.equal(closestKey('lss', ['loss', 'less']), 'less', 'both one edit away: the alphabetically first');
  assert.equal(closestKey('LOSS', ['lost', 'loss']), 'loss', 'a case-only difference beats one edit');
  assert.equal(closestKey('loss', ['loss']), undefined, 'a key is not its own suggestion');
});
