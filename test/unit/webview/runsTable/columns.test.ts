// The runs table's sort as MLflow order_by clauses, read back by the tracking client's parser, and as a saved state keeps it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRunOrderBy } from '../../../../src/extension/tracking/search/searchRequest';
import { MAX_SORT_KEYS, defaultRunsTableState, runsTableState } from '../../../../src/webview/protocol';
import {
  columnId,
  fromOrderBy,
  restoredSort,
  sortsLocally,
  toOrderBy,
} from '../../../../src/webview/runsTable/columns';

const KEYS = ['lr', 'val loss', 'mlflow.source.git.commit', 'a`b', 'a.', '精度', 'and'];

test("each column's order_by clause names its key as the tracking client reads it, and reads back into the sort", () => {
  for (const [group, entityType] of [
    ['param', 'param'],
    ['metric', 'metric'],
    ['tag', 'tag'],
  ] as const) {
    const sort = KEYS.map((key, index) => ({ columnId: columnId(group, key), ascending: index % 2 === 0 }));
    const orderBy = toOrderBy(sort);
    assert.deepEqual(
      parseRunOrderBy(orderBy),
      KEYS.map((key, index) => ({ entityType, key, ascending: index % 2 === 0 })),
    );
    assert.deepEqual(fromOrderBy(orderBy), sort);
  }
});

test('columns MLflow cannot order by sort the loaded runs only and send no clause', () => {
  const local = ['attr:experiment', 'attr:duration', 'attr:source', 'metricMin:loss', 'param:q`"q', 'attr:constructor'];
  assert.deepEqual(
    local.map((id) => sortsLocally(id)),
    local.map(() => true),
  );
  assert.deepEqual(toOrderBy(local.map((id) => ({ columnId: id, ascending: true }))), []);
  assert.deepEqual(
    ['attr:name', 'attr:start', 'attr:user', 'metric:loss'].map((id) => sortsLocally(id)),
    [false, false, false, false],
  );
});

test('a saved state keeps the whole sort, local keys too; one saved before that is read back from its order_by', () => {
  const sort = [
    { columnId: 'attr:duration', ascending: false },
    { columnId: 'metric:loss', ascending: true },
    { columnId: 'metricMin:loss', ascending: true },
  ];
  assert.deepEqual(restoredSort({ orderBy: toOrderBy(sort), sort }), sort);
  assert.deepEqual(toOrderBy(sort), ['metrics.loss ASC']);
  // A state of an older version: no `sort`, its order_by is the sort.
  assert.deepEqual(restoredSort({ orderBy: ['metrics.loss DESC', 'attributes.run_name ASC'] }), [
    { columnId: 'metric:loss', ascending: false },
    { columnId: 'attr:name', ascending: true },
  ]);
});

test('the saved sort comes from storage: checked for its shape, then keys naming no column or one twice are dropped', () => {
  const state = (sort: unknown): unknown => ({ ...defaultRunsTableState(), sort });
  assert.equal(runsTableState(state([{ columnId: 'attr:duration', ascending: true }])), true);
  assert.equal(runsTableState({ ...defaultRunsTableState(), sort: undefined }), true);
  for (const bad of [
    'attr:duration',
    [{ columnId: 'attr:duration' }],
    [{ columnId: 'attr:duration', ascending: 'yes' }],
    [{ columnId: 7, ascending: true }],
    [{ columnId: 'x'.repeat(1001), ascending: true }],
    Array.from({ length: MAX_SORT_KEYS + 1 }, (_, index) => ({ columnId: `metric:m${index}`, ascending: true })),
  ])
    assert.equal(runsTableState(state(bad)), false, JSON.stringify(bad).slice(0, 80));
  assert.deepEqual(
    restoredSort({
      orderBy: [],
      sort: [
        { columnId: 'nonsense', ascending: true },
        { columnId: 'attr:source', ascending: false },
        { columnId: 'attr:source', ascending: true },
        { columnId: 'metricMax:acc', ascending: true },
      ],
    }),
    [
      { columnId: 'attr:source', ascending: false },
      { columnId: 'metricMax:acc', ascending: true },
    ],
  );
});
