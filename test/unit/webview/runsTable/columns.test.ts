// The runs table's sort as MLflow order_by clauses, read back by the tracking client's parser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRunOrderBy } from '../../../../src/extension/tracking/search/searchRequest';
import { columnId, fromOrderBy, sortsLocally, toOrderBy } from '../../../../src/webview/runsTable/columns';

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
