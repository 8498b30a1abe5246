import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  commitFilter,
  DEFAULT_SORT,
  describeSort,
  isDefaultSort,
  orderByClause,
  sortFieldChoices,
} from '../../../src/extension/sidebar/runQuery';
import { MlflowError } from '../../../src/extension/tracking/errors';
import { parseRunOrderBy } from '../../../src/extension/tracking/search/searchRequest';
import { aRun } from '../../support/runBuilder';

test('order_by clauses in MLflow syntax, odd keys quoted so that they read back as themselves', () => {
  assert.equal(orderByClause(DEFAULT_SORT), 'attributes.start_time DESC');
  assert.equal(
    orderByClause({ field: { kind: 'attribute', key: 'run_name' }, ascending: true }),
    'attributes.run_name ASC',
  );
  assert.equal(orderByClause({ field: { kind: 'metric', key: 'loss' }, ascending: true }), 'metrics.loss ASC');
  assert.equal(
    orderByClause({ field: { kind: 'metric', key: 'val/loss' }, ascending: false }),
    'metrics.`val/loss` DESC',
  );
  assert.equal(
    orderByClause({ field: { kind: 'param', key: 'model.depth' }, ascending: true }),
    'params.model.depth ASC',
  );
  for (const key of ['model.depth', 'a`b', 'a.', 'val loss', 'and']) {
    const clause = orderByClause({ field: { kind: 'param', key }, ascending: true });
    assert.deepEqual(parseRunOrderBy([clause]), [{ entityType: 'param', key, ascending: true }]);
  }
  assert.throws(
    () => orderByClause({ field: { kind: 'param', key: 'a`"b' }, ascending: true }),
    (error) => error instanceof MlflowError && error.errorCode === 'INVALID_PARAMETER_VALUE',
  );
});

test('sorts are described in a few words and the default is recognised', () => {
  assert.equal(describeSort(DEFAULT_SORT), 'start time ↓');
  assert.equal(describeSort({ field: { kind: 'param', key: 'lr' }, ascending: true }), 'params.lr ↑');
  assert.ok(isDefaultSort({ field: { kind: 'attribute', key: 'start_time' }, ascending: false }));
  assert.ok(!isDefaultSort({ field: { kind: 'attribute', key: 'start_time' }, ascending: true }));
});

test('sort choices: attributes, then metric and param keys seen in the runs, sorted and unique; none no clause can name', () => {
  const choices = sortFieldChoices([
    aRun('a', { metrics: { val_loss: 1, accuracy: 1 }, params: { lr: '1' } }),
    aRun('b', { metrics: { accuracy: 2, 'epoch:time': 3, 'q`"q': 4 }, params: { batch: '2', 'p`"p': '5' } }),
  ]);
  assert.deepEqual(
    choices.map((choice) => `${choice.kind}:${choice.key}`),
    [
      'attribute:start_time',
      'attribute:end_time',
      'attribute:run_name',
      'attribute:status',
      'metric:accuracy',
      'metric:epoch:time',
      'metric:val_loss',
      'param:batch',
      'param:lr',
    ],
  );
});

test('the HEAD filter ANDs with the user filter and refuses what is not a full commit id', () => {
  const commit = '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf';
  assert.equal(commitFilter(commit), `tags.\`mlflow.source.git.commit\` = '${commit}'`);
  assert.equal(
    commitFilter(commit.toUpperCase(), " params.lr = '0.1' "),
    `params.lr = '0.1' AND tags.\`mlflow.source.git.commit\` = '${commit}'`,
  );
  for (const bad of ["' OR 1=1 --", '9b64e09', '', `${commit}0`]) assert.throws(() => commitFilter(bad), MlflowError);
});
