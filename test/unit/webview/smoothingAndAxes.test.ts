import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quantile, robustRange, safeRange, safeYRange } from '../../../src/webview/shared/axisRange';
import { isDrawable, unclampInfinity, undrawnNote } from '../../../src/webview/shared/nonFinite';
import { exponentialMovingAverage } from '../../../src/webview/shared/smoothing';

test('no smoothing returns the values', () => {
  assert.deepEqual([...exponentialMovingAverage([3, 1, 4, 1, 5], 0)], [3, 1, 4, 1, 5]);
});

test('the average is debiased: a constant series stays constant from the first point', () => {
  const smoothed = exponentialMovingAverage([2, 2, 2, 2], 0.9);
  for (const value of smoothed) assert.ok(Math.abs(value - 2) < 1e-12);
});

test('a step is followed gradually, by the weight: 0.5 halves the remaining gap each point', () => {
  const smoothed = [...exponentialMovingAverage([0, 10, 10, 10], 0.5)];
  // TensorBoard's formula: last = last * w + (1 - w) * v, divided by 1 - w^n.
  assert.equal(smoothed[0], 0);
  assert.ok(Math.abs(smoothed[1]! - 5 / 0.75) < 1e-12);
  assert.ok(Math.abs(smoothed[2]! - 7.5 / 0.875) < 1e-12);
  assert.ok(smoothed[3]! < 10 && smoothed[3]! > smoothed[2]!);
});

test('NaN and infinite points pass through and do not poison the average after them', () => {
  const smoothed = [...exponentialMovingAverage([1, Number.NaN, Infinity, 1], 0.6)];
  assert.ok(Number.isNaN(smoothed[1]!));
  assert.equal(smoothed[2], Infinity);
  assert.ok(Math.abs(smoothed[3]! - 1) < 1e-12);
});

test('a weight outside [0, 1) is refused', () => {
  assert.throws(() => exponentialMovingAverage([1], 1), RangeError);
  assert.throws(() => exponentialMovingAverage([1], -0.1), RangeError);
});

test('quantiles interpolate between sorted values', () => {
  assert.equal(quantile([0, 10], 0.5), 5);
  assert.equal(quantile([1, 2, 3, 4, 5], 0.25), 2);
});

test('ignoring outliers fits the axis to the bulk of the values, not the spike', () => {
  const values = [...Array.from({ length: 100 }, (_, i) => 1 + i / 100), 1e9];
  const range = robustRange(values, false)!;
  assert.ok(range.max < 3, `max ${range.max}`);
  assert.ok(range.min > 0.8 && range.min < 1.06, `min ${range.min}`);
});

test('on a log scale, values <= 0 are left out and the margin is in decades', () => {
  const range = robustRange([-5, 0, 1, 10, 100, 1000, 10000], true)!;
  assert.ok(range.min > 0 && range.min < 1.5, `min ${range.min}`);
  assert.ok(range.max > 5000 && range.max < 30000, `max ${range.max}`);
});

test('too few finite values leave the axis to the chart', () => {
  assert.equal(robustRange([1, Number.NaN, 2], false), undefined);
});

test('hostile values never reach an axis: NaN, ±Infinity and ±1.8e308 are left out; a flat or tiny span is widened; nothing drawable is 0..1', () => {
  const hostile = [Number.NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE];
  assert.equal(
    safeYRange([...hostile, 0.25, 0.5, 42], false),
    undefined,
    'a span chart.js can divide: it fits the values itself',
  );
  assert.deepEqual(safeYRange(hostile, false), { min: 0, max: 1 });
  assert.deepEqual(safeYRange(hostile, true), { min: 1, max: 10 });
  assert.deepEqual(safeYRange([3], false), { min: 2.85, max: 3.15 });
  assert.deepEqual(safeYRange([0, -0], false), { min: -1, max: 1 });
  // 5e-324 beside 0: a span no tick step can be written for (chart.js's decimal-places loop never ends).
  assert.deepEqual(safeYRange([5e-324, 0], false), { min: -1, max: 1 });
  const close = safeYRange([1e10, 1e10 + 1e-5], false)!;
  assert.ok(close.max - close.min > 1e8, JSON.stringify(close));
  const log = safeYRange([100, 0, -1], true)!;
  assert.ok(Math.abs(log.min - 10 ** 1.5) < 1e-9 && Math.abs(log.max - 10 ** 2.5) < 1e-9, JSON.stringify(log));
  for (const range of [
    robustRange([...hostile, 1, 2, 3, 4], false),
    robustRange([5e-324, 5e-324, 5e-324, 0], false),
    robustRange([1, 1, 1, ...hostile], true),
  ]) {
    assert.ok(
      range && Number.isFinite(range.min) && Number.isFinite(range.max) && range.max > range.min,
      JSON.stringify(range),
    );
  }
  assert.equal(safeRange(Number.NaN, 1), undefined);
  assert.equal(safeRange(2, 1), undefined);
});

test('smoothing passes values a chart cannot draw through, without disturbing the average around them', () => {
  const smoothed = exponentialMovingAverage([1, Number.MAX_VALUE, 1, Infinity, 1], 0.5);
  assert.deepEqual([...smoothed], [1, Number.MAX_VALUE, 1, Infinity, 1]);
});

test('the note under a chart names what it could not draw', () => {
  const points = [
    { step: 1, value: Number.NaN },
    { step: 2, value: Infinity },
    { step: 3, value: -Infinity },
    { step: 5, value: Infinity },
  ];
  assert.equal(
    undrawnNote(points, 4, String, false),
    '4 points not drawn: NaN at step 1, ∞ at step 2, −∞ at step 3, ∞ at step 5',
  );
  assert.equal(
    undrawnNote([{ run: 'a', step: 0, value: -2 }, ...points], 12, String, true),
    '12 points not drawn (a log scale has no place for values ≤ 0): a: -2 at step 0, NaN at step 1, ∞ at step 2, −∞ at step 3, and 8 more',
  );
  assert.equal(undrawnNote([], 0, String, false), '');
  assert.equal(unclampInfinity(-Number.MAX_VALUE), -Infinity);
  assert.ok(
    isDrawable(5e-324) && isDrawable(-0) && !isDrawable(5e-324, true) && !isDrawable(1e301) && !isDrawable(Number.NaN),
  );
});
