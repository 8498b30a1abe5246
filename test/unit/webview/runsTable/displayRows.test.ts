// The runs table's lines from the recorded `scale` runs (transcript 056, read by the host's own TableRows):
// sorting by what a cell shows, grouping by a param's value, and the direction of a metric's best value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TableRow } from '../../../../src/webview/protocol';
import { fromWire } from '../../../../src/webview/protocol';
import type { Column } from '../../../../src/webview/runsTable/columns';
import { allColumns, cellOf, discoverKeys } from '../../../../src/webview/runsTable/columns';
import type { DisplayLine, LayoutOptions } from '../../../../src/webview/runsTable/displayRows';
import { layoutLines } from '../../../../src/webview/runsTable/displayRows';
import { recordedScaleRows } from '../../../webview/support/scaleRows';

const recorded = recordedScaleRows();

function options(rows: readonly TableRow[], more: Partial<LayoutOptions>): LayoutOptions {
  const columns = allColumns(discoverKeys(rows), { experiments: 3, ranges: [] });
  return {
    sort: [],
    columns: new Map(columns.map((column) => [column.id, column])),
    flat: true,
    grouping: { by: 'none' },
    collapsed: new Set(),
    commits: [],
    now: Date.now(),
    ...more,
  };
}

test("the Experiment column sorts by the experiment's name as shown, not by its id", () => {
  // Ids in text order 10 < 6 < 7; names in the other order.
  const names = new Map([
    ['6', 'zeta'],
    ['7', 'alpha'],
    ['10', 'beta'],
  ]);
  const rows = recorded.slice(0, 9).map((row, index) => ({ ...row, experimentId: ['6', '7', '10'][index % 3]! }));
  for (const ascending of [true, false]) {
    const lines = layoutLines(
      rows,
      options(rows, { sort: [{ columnId: 'attr:experiment', ascending }], experimentNames: names }),
    );
    const shown = lines.map((line) => (line.kind === 'run' ? names.get(line.row.experimentId) : undefined));
    const expected = ['alpha', 'alpha', 'alpha', 'beta', 'beta', 'beta', 'zeta', 'zeta', 'zeta'];
    assert.deepEqual(shown, ascending ? expected : expected.reverse());
  }
});

test('grouped by a param, a value logged as the empty string is a group of its own, apart from runs without the param', () => {
  const rows = recorded.slice(0, 12).map((row, index) => {
    const params = { ...row.params };
    if (index % 4 === 1) params.optimizer = '';
    if (index % 4 === 2) delete params.optimizer;
    return { ...row, params };
  });
  const lines = layoutLines(rows, options(rows, { grouping: { by: 'param', key: 'optimizer' } }));
  const groups = lines.flatMap((line) => (line.kind === 'group' ? [[line.group.label, line.group.runs.length]] : []));
  const values = new Map<string, number>();
  for (const row of rows)
    if (Object.hasOwn(row.params, 'optimizer') && row.params.optimizer !== '')
      values.set(row.params.optimizer!, (values.get(row.params.optimizer!) ?? 0) + 1);
  assert.deepEqual(groups, [
    ['optimizer = (empty)', 3],
    ...[...values].sort(([a], [b]) => (a < b ? -1 : 1)).map(([value, count]) => [`optimizer = ${value}`, count]),
    ['(not set)', 3],
  ]);
});

test("a metric's best value and best step follow the direction the user chose, the name's guess otherwise", () => {
  const rows = recorded.slice(0, 40);
  const accuracies = rows.map((row) => fromWire(row.metrics.accuracy!)).filter(Number.isFinite);
  const grouping = { by: 'branch', metric: 'accuracy' } as const;
  const best = (lines: DisplayLine[]) =>
    lines.flatMap((line) => (line.kind === 'group' ? [line.group.best?.value] : []));
  assert.deepEqual(best(layoutLines(rows, options(rows, { grouping }))), [Math.max(...accuracies)]);
  assert.deepEqual(best(layoutLines(rows, options(rows, { grouping, directions: { accuracy: 'lower' } }))), [
    Math.min(...accuracies),
  ]);
  const step: Column = { id: 'metricBestStep:accuracy', group: 'metricBestStep', key: 'accuracy', label: '' };
  const range = { runId: rows[0]!.runId, key: 'accuracy', min: 0.1, max: 0.9, minStep: 3, maxStep: 7 };
  const ranges = new Map([[rows[0]!.runId, new Map([['accuracy', range]])]]);
  assert.equal(cellOf(step, rows[0]!, { now: 0, ranges }).value, 7);
  assert.equal(cellOf(step, rows[0]!, { now: 0, ranges, directions: { accuracy: 'lower' } }).value, 3);
  const loss = { ...step, id: 'metricBestStep:loss', key: 'loss' };
  const lossRange = new Map([[rows[0]!.runId, new Map([['loss', { ...range, key: 'loss' }]])]]);
  assert.equal(cellOf(loss, rows[0]!, { now: 0, ranges: lossRange }).value, 3);
  assert.equal(cellOf(loss, rows[0]!, { now: 0, ranges: lossRange, directions: { loss: 'higher' } }).value, 7);
});
