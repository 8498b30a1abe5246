import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  completeFilterKey,
  countRunKeys,
  describeUnknownKey,
  mergeKnownKeys,
  unknownFilterKeys,
} from '../../../src/extension/tracking/search/filterKeys';
import { closestKey, editDistance } from '../../../src/webview/shared/closestKey';
import { parseRunFilter } from '../../../src/extension/tracking/search/filterParser';
import { aRun } from '../../support/runBuilder';

const runs = [
  aRun('a', {
    metrics: { accuracy: 0.9, loss: 0.2, 'train/loss': 0.3 },
    params: { optimizer: 'adam', lr: '0.01' },
    tags: { 'mlflow.source.git.commit': 'abc' },
  }),
  aRun('b', {
    metrics: { loss: 0.1, val_loss: 0.2 },
    params: { optimizer: 'sgd' },
    tags: { 'mlflow.source.git.commit': 'abc', 'mlflow.user': 'x' },
  }),
  aRun('c', { metrics: { loss: 0.3, auc: 0.7 } }),
];
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

test('unknownFilterKeys names each metric, param and tag key no run has, with the closest one', () => {
  const unknown = unknownFilterKeys(
    parseRunFilter(
      "metrics.acuracy > 0.8 AND params.optimizer = 'adam' AND params.optimiser = 'sgd' AND tags.team = 'x' AND metrics.acuracy < 1 AND attributes.status = 'FINISHED'",
    ),
    known,
  );
  assert.deepEqual(unknown, [
    { entityType: 'metric', key: 'acuracy', position: 0, suggestion: 'accuracy' },
    { entityType: 'param', key: 'optimiser', position: 56, suggestion: 'optimizer' },
    { entityType: 'tag', key: 'team', position: 85 },
  ]);
  assert.deepEqual(unknown.map(describeUnknownKey), [
    'no loaded run has metric `acuracy`; did you mean `accuracy`?',
    'no loaded run has parameter `optimiser`; did you mean `optimizer`?',
    'no loaded run has tag `team`',
  ]);
  assert.deepEqual(
    unknownFilterKeys(parseRunFilter("metrics.`train/loss` < 1 AND tags.`mlflow.user` = 'x'"), known),
    [],
  );
  assert.deepEqual(unknownFilterKeys(parseRunFilter(''), known), []);
});

test('completeFilterKey offers the keys holding what is typed after entity., starting ones first, then the most common', () => {
  const completions = (filter: string) => completeFilterKey(filter, known).map((entry) => [entry.filter, entry.runs]);
  assert.deepEqual(completions('metrics.'), [
    ['metrics.loss ', 3],
    ['metrics.accuracy ', 1],
    ['metrics.auc ', 1],
    ['metrics.`train/loss` ', 1],
    ['metrics.val_loss ', 1],
  ]);
  assert.deepEqual(completions('metrics.lo'), [
    ['metrics.loss ', 3],
    ['metrics.`train/loss` ', 1],
    ['metrics.val_loss ', 1],
  ]);
  assert.deepEqual(completions("params.optimizer = 'adam' AND metric.ACC"), [
    ["params.optimizer = 'adam' AND metric.accuracy ", 1],
  ]);
  assert.deepEqual(completions('tags.mlflow.u'), [['tags.mlflow.user ', 1]]);
  assert.deepEqual(completions('metrics.`train'), [['metrics.`train/loss` ', 1]]);
  assert.deepEqual(completions('(params.'), [
    ['(params.optimizer ', 2],
    ['(params.lr ', 1],
  ]);
  assert.deepEqual(
    completeFilterKey('attributes.s', known).map((entry) => entry.filter),
    ['attributes.start_time ', 'attributes.status ', 'attributes.user_id '],
  );
  assert.deepEqual(completions('metrics.loss '), [], 'a finished key');
  assert.deepEqual(completions('metrics.loss < 0.'), [], 'a number, not a key');
  assert.deepEqual(completions('datasets.'), [], 'dataset keys are fixed and few');
  assert.deepEqual(completions('foo.'), []);
});
