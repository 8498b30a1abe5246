import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunQueries } from '../../../src/extension/sidebar/runQuery';
import { DEFAULT_SORT } from '../../../src/extension/sidebar/runQuery';
import { memoryMemento } from '../platform/memoryMemento';

test('queries are kept per store and experiment; an unknown one is newest-first with no filter', async () => {
  const queries = new RunQueries(memoryMemento());
  const query = {
    filter: 'metrics.loss < 0.2',
    sort: { field: { kind: 'metric' as const, key: 'loss' }, ascending: true },
  };
  await queries.set('sqlite:////w/mlflow.db', '1', query);
  assert.deepEqual(queries.get('sqlite:////w/mlflow.db', '1'), query);
  assert.deepEqual(queries.get('sqlite:////w/mlflow.db', '2'), { sort: DEFAULT_SORT });
  assert.deepEqual(queries.get('http://other:5000', '1'), { sort: DEFAULT_SORT });
});

test('going back to the default query forgets the entry', async () => {
  const memento = memoryMemento();
  const queries = new RunQueries(memento);
  await queries.set('s', '1', { filter: 'x', sort: DEFAULT_SORT });
  await queries.set('s', '1', { sort: DEFAULT_SORT });
  assert.deepEqual(memento.values.get('mlflow.runQueries'), {});
});

test('stale or hand-made state is validated entry by entry', () => {
  const queries = new RunQueries(
    memoryMemento({
      'mlflow.runQueries': {
        s: {
          good: { filter: 'a = 1', sort: { field: { kind: 'param', key: 'lr' }, ascending: false } },
          badAttribute: { sort: { field: { kind: 'attribute', key: 'drop table' }, ascending: true } },
          badDirection: { sort: { field: { kind: 'metric', key: 'loss' }, ascending: 'yes' } },
          notAQuery: 42,
        },
        broken: 'x',
      },
    }),
  );
  assert.deepEqual(queries.get('s', 'good'), {
    filter: 'a = 1',
    sort: { field: { kind: 'param', key: 'lr' }, ascending: false },
  });
  for (const id of ['badAttribute', 'badDirection', 'notAQuery'])
    assert.deepEqual(queries.get('s', id), { sort: DEFAULT_SORT });
  assert.deepEqual(queries.get('broken', 'x'), { sort: DEFAULT_SORT });
});
