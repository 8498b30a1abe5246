import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decimateMinMax, lowerBound, upperBound } from '../../../src/webview/shared/decimation';

function series(values: number[]): { xs: Float64Array; ys: Float64Array } {
  return { xs: Float64Array.from(values, (_, i) => i), ys: Float64Array.from(values) };
}

test('bounds find the first index at or after, and after, a value', () => {
  const xs = [0, 1, 1, 1, 4, 9];
  assert.equal(lowerBound(xs, 1), 1);
  assert.equal(upperBound(xs, 1), 4);
  assert.equal(lowerBound(xs, 5), 5);
  assert.equal(upperBound(xs, 100), 6);
  assert.equal(lowerBound(xs, -3), 0);
});

test('a range with few points per pixel keeps every point, plus one on each side', () => {
  const { xs, ys } = series(Array.from({ length: 1000 }, (_, i) => Math.sin(i)));
  assert.deepEqual(
    decimateMinMax(xs, ys, 100, 199, 500),
    Array.from({ length: 102 }, (_, i) => 99 + i),
  );
});

test('100,000 points into 800 pixels: a spike and a dip survive, the ends are kept, at most 4 per pixel', () => {
  const values = Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 300));
  values[43_210] = 50;
  values[77_777] = -50;
  const { xs, ys } = series(values);
  const kept = decimateMinMax(xs, ys, 0, 99_999, 800);
  assert.ok(kept.length <= 4 * 800 + 2, `kept ${kept.length}`);
  assert.ok(kept.length > 800, 'each pixel keeps more than one point');
  assert.equal(kept[0], 0);
  assert.equal(kept.at(-1), 99_999);
  assert.ok(kept.includes(43_210) && kept.includes(77_777));
  assert.deepEqual(
    kept,
    [...new Set(kept)].sort((a, b) => a - b),
    'sorted, no duplicates',
  );
});

test('a bucket of NaN keeps one NaN point so the gap is drawn', () => {
  const values = Array.from({ length: 10_000 }, (_, i) => i);
  for (let i = 5000; i < 5100; i++) values[i] = Number.NaN;
  const { xs, ys } = series(values);
  const kept = decimateMinMax(xs, ys, 0, 9999, 100);
  assert.ok(kept.some((i) => Number.isNaN(ys[i]!)));
  assert.ok(kept.filter((i) => Number.isNaN(ys[i]!)).length <= 2);
});

test('a range outside the data gives the nearest points or nothing', () => {
  const { xs, ys } = series([1, 2, 3]);
  assert.deepEqual(decimateMinMax(xs, ys, 10, 20, 100), [2]);
  assert.deepEqual(decimateMinMax(new Float64Array(), new Float64Array(), 0, 1, 10), []);
});

test('property: the lowest and highest value in view are always kept, in order, within budget', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 3000 }),
      fc.integer({ min: 1, max: 200 }),
      fc.nat(),
      fc.nat(),
      (values, buckets, a, b) => {
        const { xs, ys } = series(values);
        const from = Math.min(a, b) % values.length;
        const to = Math.max(from, Math.max(a, b) % values.length);
        const kept = decimateMinMax(xs, ys, from, to, buckets);
        const inView = values.slice(from, to + 1);
        const keptInView = kept.filter((i) => i >= from && i <= to).map((i) => values[i]!);
        assert.equal(Math.max(...keptInView), Math.max(...inView));
        assert.equal(Math.min(...keptInView), Math.min(...inView));
        assert.ok(kept.includes(from) && kept.includes(to));
        // Four per pixel column, the column that holds `to` itself, and one point beyond each edge.
        assert.ok(kept.length <= 4 * (buckets + 1) + 2, `kept ${kept.length} for ${buckets} buckets`);
        for (let i = 1; i < kept.length; i++) assert.ok(kept[i - 1]! < kept[i]!);
      },
    ),
    { numRuns: 300 },
  );
});
