import { test } from 'node:test';
import assert from 'node:assert/strict';
import { downsampleHistory } from '../../../src/extension/tracking/sampling';
import type { Metric } from '../../../src/extension/tracking/model';

function history(values: number[]): Metric[] {
  return values.map((value, step) => ({ key: 'loss', value, step, timestamp: 1000 + step }));
}

test('a history that fits is returned whole, as a copy', () => {
  const points = history([3, 2, 1]);
  const sampled = downsampleHistory(points, 10);
  assert.deepEqual(sampled, points);
  assert.notEqual(sampled, points);
});

test('thinning keeps the first and last points and every bucket extreme', () => {
  const values = Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 50));
  values[4321] = 99; // a spike
  values[7777] = -99; // a dip
  const sampled = downsampleHistory(history(values), 100);
  assert.ok(sampled.length <= 100, `got ${sampled.length} points`);
  assert.equal(sampled[0]!.step, 0);
  assert.equal(sampled.at(-1)!.step, 9_999);
  assert.ok(
    sampled.some((p) => p.value === 99),
    'the spike survives',
  );
  assert.ok(
    sampled.some((p) => p.value === -99),
    'the dip survives',
  );
  const steps = sampled.map((p) => p.step);
  assert.deepEqual(
    steps,
    [...steps].sort((a, b) => a - b),
    'steps stay in order',
  );
});

test('NaN and infinite values survive thinning', () => {
  const values = Array.from({ length: 1000 }, (_, i) => i / 1000);
  values[500] = Number.NaN;
  values[900] = Number.POSITIVE_INFINITY;
  const sampled = downsampleHistory(history(values), 20);
  assert.deepEqual(
    sampled.filter((p) => !Number.isFinite(p.value)).map((p) => [p.step, p.value]),
    [
      [500, Number.NaN],
      [900, Number.POSITIVE_INFINITY],
    ],
  );
});

test('fewer than two points asked for is refused', () => {
  assert.throws(() => downsampleHistory(history([1, 2, 3]), 1), RangeError);
});
