import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SORT } from '../../../src/extension/sidebar/runQuery';
import { mostCommonKey, shownMetric } from '../../../src/extension/sidebar/runQuery';
import { ShownMetricChoices } from '../../../src/extension/sidebar/runQuery';
import { countRunKeys } from '../../../src/extension/tracking/search/filterKeys';
import { memoryMemento } from '../platform/memoryMemento';
import { aRun } from '../../support/runBuilder';

const counts = countRunKeys([
  aRun('a', { metrics: { loss: 1, accuracy: 0.9 } }),
  aRun('b', { metrics: { loss: 1, accuracy: 0.8, f1: 0.5 } }),
  aRun('c', { metrics: { loss: 1 } }),
]).metric;
const byAccuracy = { field: { kind: 'metric' as const, key: 'accuracy' }, ascending: false };

test('the most common metric key of the loaded runs; ties to the first by name, whatever the run order', () => {
  assert.equal(mostCommonKey(counts), 'loss');
  assert.equal(
    mostCommonKey(
      new Map([
        ['val_loss', 2],
        ['Accuracy', 2],
        ['loss', 2],
      ]),
    ),
    'Accuracy',
  );
  assert.equal(
    mostCommonKey(
      new Map([
        ['m10', 1],
        ['m9', 1],
      ]),
    ),
    'm9',
  );
  assert.equal(mostCommonKey(new Map()), undefined);
});

test('one metric per experiment: the pick, else the setting, else the sort metric, else the most common', () => {
  assert.deepEqual(shownMetric({ setting: '', sort: DEFAULT_SORT, counts }), { key: 'loss', reason: 'mostCommon' });
  assert.deepEqual(shownMetric({ setting: '', sort: byAccuracy, counts }), { key: 'accuracy', reason: 'sort' });
  assert.deepEqual(shownMetric({ setting: 'f1', sort: byAccuracy, counts }), { key: 'f1', reason: 'setting' });
  assert.deepEqual(shownMetric({ chosen: 'accuracy', setting: 'f1', sort: DEFAULT_SORT, counts }), {
    key: 'accuracy',
    reason: 'chosen',
  });
});

test('a pick, setting or sort metric that no loaded run has is passed over; no metrics, nothing shown', () => {
  const bySpeed = { field: { kind: 'metric' as const, key: 'speed' }, ascending: true };
  assert.deepEqual(shownMetric({ chosen: 'gone', setting: 'val_loss', sort: bySpeed, counts }), {
    key: 'loss',
    reason: 'mostCommon',
  });
  assert.equal(shownMetric({ chosen: 'loss', setting: 'loss', sort: DEFAULT_SORT, counts: new Map() }), undefined);
});

test('Show Metric choices are kept per store and experiment; resetting forgets them; bad state is dropped', async () => {
  const memento = memoryMemento();
  const choices = new ShownMetricChoices(memento);
  await choices.set('sqlite:////w/mlflow.db', '1', 'accuracy');
  await choices.set('sqlite:////w/mlflow.db', '2', 'f1');
  assert.equal(choices.get('sqlite:////w/mlflow.db', '1'), 'accuracy');
  assert.equal(choices.get('http://other:5000', '1'), undefined);
  await choices.set('sqlite:////w/mlflow.db', '2', undefined);
  assert.deepEqual(memento.values.get('mlflow.shownMetrics'), { 'sqlite:////w/mlflow.db': { 1: 'accuracy' } });
  await memento.update('mlflow.shownMetrics', { s: { 1: 42, 2: '', 3: 'loss' }, t: 'x' });
  assert.deepEqual(
    [choices.get('s', '1'), choices.get('s', '2'), choices.get('s', '3'), choices.get('t', '1')],
    [undefined, undefined, 'loss', undefined],
  );
});
