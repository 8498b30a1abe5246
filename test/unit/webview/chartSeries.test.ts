import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromWire, toWire } from '../../../src/webview/protocol';
import type { MetricSeries } from '../../../src/webview/protocol';
import {
  decodeSeries,
  pointsInView,
  prepareLine,
  spliceDetail,
  stepsInView,
  xExtent,
  xValues,
} from '../../../src/webview/shared/chartSeries';
import { nearestIndex } from '../../../src/webview/shared/chartInteraction';
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
