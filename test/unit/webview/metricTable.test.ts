import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bestIndices,
  buildMetricRow,
  deltaPercent,
  sortMetricRows,
  summarizeHistory,
} from '../../../src/webview/compare/metricTable';
import {
  guessMetricDirection,
  isBetter,
  metricNameWords,
  nextDirection,
} from '../../../src/webview/shared/metricDirection';

test('directions guessed from how metrics are named', () => {
  const cases: [string, string][] = [
    ['loss', 'lower'],
    ['val_loss', 'lower'],
    ['train/loss', 'lower'],
    ['eval_rmse', 'lower'],
    ['mae', 'lower'],
    ['error_rate', 'lower'],
    ['valLoss', 'lower'],
    ['accuracy', 'higher'],
    ['val_acc', 'higher'],
    ['f1', 'higher'],
    ['macro-f1', 'higher'],
    ['roc_auc', 'higher'],
    ['precision@5', 'higher'],
    ['recall', 'higher'],
    ['valF1', 'higher'],
    ['top1_accuracy', 'higher'],
    ['learning_rate', 'none'],
    ['epoch', 'none'],
    ['accuracy_loss', 'lower'],
    ['trainloss', 'lower'],
  ];
  for (const [name, expected] of cases) assert.equal(guessMetricDirection(name), expected, name);
  assert.deepEqual(metricNameWords('valF1/top-1'), ['val', 'f1', 'top', '1']);
});

test('the direction switch cycles, and better means what the direction says', () => {
  assert.equal(nextDirection('lower'), 'higher');
  assert.equal(nextDirection('higher'), 'none');
  assert.equal(nextDirection('none'), 'lower');
  assert.ok(isBetter(1, 2, 'lower') && !isBetter(1, 2, 'higher'));
  assert.ok(isBetter(1, Number.NaN, 'higher') && !isBetter(Number.NaN, 1, 'higher'));
  assert.ok(!isBetter(1, 2, 'none'));
});

test('a history summary skips NaN and infinities and finds the first step of the best value', () => {
  const steps = [0, 1, 2, 3, 4, 5];
  const values = [0.9, Number.NaN, 0.3, Infinity, 0.3, 0.5];
  assert.deepEqual(summarizeHistory(steps, values, 'lower', false), {
    min: 0.3,
    max: 0.9,
    best: 0.3,
    bestStep: 2,
    approximate: false,
  });
  assert.deepEqual(summarizeHistory(steps, values, 'higher', true), {
    min: 0.3,
    max: 0.9,
    best: 0.9,
    bestStep: 0,
    approximate: true,
  });
  assert.deepEqual(summarizeHistory([0], [Number.NaN], 'lower', false), {
    min: undefined,
    max: undefined,
    best: undefined,
    bestStep: undefined,
    approximate: false,
  });
});

test('change against the baseline, in percent of the baseline', () => {
  assert.equal(deltaPercent(0.55, 0.5), 10.000000000000009);
  assert.equal(deltaPercent(-3, -2), -50);
  assert.equal(deltaPercent(1, 0), undefined);
  assert.equal(deltaPercent(Number.NaN, 1), undefined);
  assert.equal(deltaPercent(undefined, 1), undefined);
});

test('the best run per metric: ties all marked, NaN and infinities never, nothing without a direction', () => {
  assert.deepEqual([...bestIndices([0.3, 0.2, Number.NaN, 0.2, undefined], 'lower')], [1, 3]);
  assert.deepEqual(
    [...bestIndices([0.3, 0.2, Infinity], 'higher')],
    [0],
    'a diverged (infinite) value is never the best',
  );
  assert.deepEqual([...bestIndices([Number.NaN, 0.4], 'higher')], [1]);
  assert.deepEqual([...bestIndices([0.3, 0.2], 'none')], []);
});

test('a row: best marked, deltas against the baseline run, none on the baseline itself', () => {
  const row = buildMetricRow(
    {
      key: 'loss',
      direction: 'lower',
      latest: [{ value: 0.5, step: 9 }, { value: 0.4, step: 9 }, undefined],
      histories: [undefined, undefined, undefined],
    },
    0,
  );
  assert.deepEqual(
    row.cells.map((cell) => cell.isBest),
    [false, true, false],
  );
  assert.deepEqual(
    row.cells.map((cell) => cell.deltaPercent),
    [undefined, -19.999999999999996, undefined],
  );
});

test("rows sort by name or by a run's value, rows without a value last", () => {
  const make = (key: string, value: number | undefined) =>
    buildMetricRow(
      {
        key,
        direction: 'none',
        latest: [value === undefined ? undefined : { value, step: 0 }],
        histories: [undefined],
      },
      undefined,
    );
  const rows = [make('b', 2), make('a', undefined), make('c', 1), make('d', Number.NaN)];
  assert.deepEqual(
    sortMetricRows(rows, { by: 'name', descending: false }).map((row) => row.key),
    ['a', 'b', 'c', 'd'],
  );
  assert.deepEqual(
    sortMetricRows(rows, { by: 'run', runIndex: 0, descending: false }).map((row) => row.key),
    ['c', 'b', 'a', 'd'],
  );
  assert.deepEqual(
    sortMetricRows(rows, { by: 'run', runIndex: 0, descending: true }).map((row) => row.key),
    ['b', 'c', 'a', 'd'],
  );
});

test('summaries with infinities: sorting by a run keeps ∞ and −∞ in order, a delta that overflows is none', () => {
  const row = (key: string, value: number) =>
    buildMetricRow({ key, direction: 'lower', latest: [{ value, step: 0 }], histories: [undefined] }, undefined);
  const rows = [row('a', Infinity), row('b', 1), row('c', -Infinity), row('d', Infinity), row('e', Number.NaN)];
  assert.deepEqual(
    sortMetricRows(rows, { by: 'run', runIndex: 0, descending: false }).map((r) => r.key),
    ['c', 'b', 'a', 'd', 'e'],
  );
  assert.deepEqual(
    sortMetricRows(rows, { by: 'run', runIndex: 0, descending: true }).map((r) => r.key),
    ['a', 'd', 'b', 'c', 'e'],
  );
  assert.equal(deltaPercent(1e305, 1e-300), undefined);
  assert.equal(deltaPercent(Infinity, 1), undefined);
  const summary = summarizeHistory([0, 1, 2], [Number.NaN, Infinity, -Infinity], 'lower', false);
  assert.deepEqual(summary, {
    min: undefined,
    max: undefined,
    best: undefined,
    bestStep: undefined,
    approximate: false,
  });
});
