import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quantile, robustRange } from '../../../src/webview/shared/axisRange';
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
