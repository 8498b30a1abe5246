import assert from 'node:assert/strict';
import fc from 'fast-check';
import { test } from 'node:test';
import type { MetricSeries } from '../../../src/webview/protocol';
import { fromWire, toWire } from '../../../src/webview/protocol';
import {
  decimateMinMax,
  decodeSeries,
  exponentialMovingAverage,
  lowerBound,
  nearestIndex,
  pointsInView,
  prepareLine,
  quantile,
  robustRange,
  safeRange,
  safeYRange,
  spliceDetail,
  stepsInView,
  upperBound,
  xExtent,
  xValues,
} from '../../../src/webview/shared/chartSeries';
import { isDrawable, unclampInfinity, undrawnNote } from '../../../src/webview/shared/nonFinite';
import { parseColor, runColors, toCss } from '../../../src/webview/shared/palette';

function wire(steps: number[], values: number[], start = 1_700_000_000_000): MetricSeries {
  return { steps, timestamps: steps.map((step) => start + step * 1000), values: values.map(toWire), sampled: false };
}

test('NaN and infinities survive the trip as strings', () => {
  for (const value of [1.5, Number.NaN, Infinity, -Infinity, 0])
    assert.ok(Object.is(fromWire(JSON.parse(JSON.stringify(toWire(value))) as never), value));
  const columns = decodeSeries(wire([0, 1, 2], [1, Number.NaN, -Infinity]));
  assert.ok(Number.isNaN(columns.values[1]!) && columns.values[2] === -Infinity);
});

test('x as step, wall time and time since the first point', () => {
  const columns = decodeSeries(wire([0, 5, 10], [1, 2, 3]));
  assert.deepEqual([...xValues(columns, 'step')], [0, 5, 10]);
  assert.deepEqual([...xValues(columns, 'wallTime')], [1_700_000_000_000, 1_700_000_005_000, 1_700_000_010_000]);
  assert.deepEqual([...xValues(columns, 'relativeTime')], [0, 5000, 10000]);
});

test('a line is sorted by x even when wall times run backwards, smoothed, with gaps for a log scale', () => {
  const columns = decodeSeries({ steps: [0, 1, 2], timestamps: [30, 10, 20], values: [3, 1, 2], sampled: false });
  const line = prepareLine(columns, { xMode: 'wallTime', smoothing: 0, logScale: false });
  assert.deepEqual([...line.xs], [10, 20, 30]);
  assert.deepEqual([...line.ys], [1, 2, 3]);
  const log = prepareLine(decodeSeries(wire([0, 1, 2], [1, 0, -1])), { xMode: 'step', smoothing: 0, logScale: true });
  assert.deepEqual(
    [...log.ys].map((y) => (Number.isNaN(y) ? 'gap' : y)),
    [1, 'gap', 'gap'],
  );
  const smooth = prepareLine(decodeSeries(wire([0, 1], [0, 10])), { xMode: 'step', smoothing: 0.5, logScale: false });
  assert.ok(smooth.ys[1]! < 10 && smooth.ys[1]! > 0);
});

test('points in view: NaN becomes a null gap; 100,000 steps thin to a few per pixel', () => {
  const values = Array.from({ length: 100_000 }, (_, i) => (i === 50_000 ? Number.NaN : Math.cos(i / 1000)));
  const line = prepareLine(
    decodeSeries(
      wire(
        values.map((_, i) => i),
        values,
      ),
    ),
    { xMode: 'step', smoothing: 0, logScale: false },
  );
  const points = pointsInView(line, 0, 99_999, 600);
  assert.ok(points.length <= 4 * 601 + 2 + 1, `${points.length} points`);
  assert.ok(points.some((point) => point.y === null && point.x === 50_000));
  assert.deepEqual(xExtent([line]), { min: 0, max: 99_999 });
});

test('a zoomed range at full resolution replaces the overview inside it, and only there', () => {
  const overview = decodeSeries({ ...wire([0, 100, 200, 300], [4, 3, 2, 1]), sampled: true });
  const detail = decodeSeries(wire([100, 101, 102, 150, 200], [3, 2.9, 2.8, 2.5, 2]));
  const spliced = spliceDetail(overview, detail, { startStep: 100, endStep: 200 });
  assert.deepEqual([...spliced.steps], [0, 100, 101, 102, 150, 200, 300]);
  assert.deepEqual([...spliced.values], [4, 3, 2.9, 2.8, 2.5, 2, 1]);
  assert.equal(spliced.sampled, true);
});

test('run colours come from the theme colours, repeat no colour for 100 runs, and follow a new theme', () => {
  const bases = ['#3794ff', '#f14c4c', '#cca700', '#d18616', '#89d185', '#b180d7'].map((text) => parseColor(text)!);
  const dark = runColors(100, bases, parseColor('#cccccc')!, parseColor('#1e1e1e')!);
  assert.equal(dark[0], toCss(bases[0]!));
  assert.equal(new Set(dark).size, 100);
  const light = runColors(100, bases, parseColor('#333333')!, parseColor('#ffffff')!);
  assert.equal(light[0], dark[0], 'the base colours are used as they are');
  assert.notEqual(light[6], dark[6], 'later colours are mixed with the theme foreground');
  assert.deepEqual(parseColor('rgb(10, 20, 30)'), { r: 10, g: 20, b: 30 });
  assert.deepEqual(parseColor('#abc'), { r: 170, g: 187, b: 204 });
  assert.equal(parseColor('var(--x)'), undefined);
});

test('the steps in view of a zoomed time axis, across runs', () => {
  const a = prepareLine(decodeSeries(wire([0, 1, 2, 3], [1, 2, 3, 4], 0)), {
    xMode: 'relativeTime',
    smoothing: 0,
    logScale: false,
  });
  const b = prepareLine(decodeSeries(wire([0, 10, 20], [1, 2, 3], 0)), {
    xMode: 'relativeTime',
    smoothing: 0,
    logScale: false,
  });
  assert.deepEqual(stepsInView([a, b], 1000, 2500), { startStep: 1, endStep: 2 });
  assert.deepEqual(stepsInView([a, b], 0, 20_000), { startStep: 0, endStep: 20 });
  assert.equal(stepsInView([a], 50_000, 60_000), undefined);
});

test("the tooltip finds each run's drawn point nearest the cursor, skipping gaps", () => {
  const points = [
    { x: 0, y: 1 },
    { x: 10, y: null },
    { x: 20, y: 3 },
    { x: 30, y: 4 },
  ];
  assert.equal(nearestIndex(points, 9), 0, 'the gap at 10 is skipped');
  assert.equal(nearestIndex(points, 16), 2);
  assert.equal(nearestIndex(points, 100), 3);
  assert.equal(nearestIndex(points, -5), 0);
  assert.equal(nearestIndex([], 1), undefined);
  assert.equal(nearestIndex([{ x: 1, y: null }], 1), undefined);
});

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
