/**
 * From a metric history as it arrives to the points a chart draws: decoded into typed columns,
 * a zoomed-in range at full resolution spliced into the overview, x as step, wall time or time
 * since the run's first point, smoothed, fit for a log scale, and thinned to the pixels in view.
 * Below, in this order: the columns and lines, their thinning (M4), smoothing, axis ranges that
 * ignore outliers and survive extreme values, and the nearest drawn point for a hover.
 * Pure (no DOM), so the same code is tested in Node and runs in the webview.
 */
import type { MetricSeries, StepRange } from '../protocol';
import { fromWire } from '../protocol';
import { isDrawable } from './nonFinite';

export interface Columns {
  steps: Float64Array;
  timestamps: Float64Array;
  values: Float64Array;
  sampled: boolean;
}

export type XAxisMode = 'step' | 'wallTime' | 'relativeTime';

export interface LineOptions {
  xMode: XAxisMode;
  /** EMA weight in [0, 1); 0 is no smoothing. */
  smoothing: number;
  logScale: boolean;
}

/** A run's line, sorted by x; `ys` holds NaN where nothing can be drawn (a gap); `steps` the step of each point. */
export interface Line {
  xs: Float64Array;
  ys: Float64Array;
  steps: Float64Array;
  /** The points left out because their value cannot be drawn (NaN, ±Infinity, too large, <= 0 on a log scale): how many, and the first few. */
  undrawn: { count: number; first: { step: number; value: number }[] };
}

/** How many left-out points a line keeps to name. */
const UNDRAWN_KEPT = 8;

export interface ChartPoint {
  x: number;
  y: number | null;
}

export function decodeSeries(series: MetricSeries): Columns {
  return {
    steps: Float64Array.from(series.steps),
    timestamps: Float64Array.from(series.timestamps),
    values: Float64Array.from(series.values, fromWire),
    sampled: series.sampled,
  };
}

/** The overview with its points inside `range` replaced by `detail` (a full-resolution fetch of that range). */
export function spliceDetail(overview: Columns, detail: Columns, range: StepRange): Columns {
  const keep: number[] = [];
  for (let i = 0; i < overview.steps.length; i++) {
    const step = overview.steps[i]!;
    if (step < range.startStep || step > range.endStep) keep.push(i);
  }
  const before = keep.filter((i) => overview.steps[i]! < range.startStep);
  const after = keep.filter((i) => overview.steps[i]! > range.endStep);
  const pick = (column: 'steps' | 'timestamps' | 'values'): Float64Array => {
    const out = new Float64Array(before.length + detail.steps.length + after.length);
    let n = 0;
    for (const i of before) out[n++] = overview[column][i]!;
    out.set(detail[column], n);
    n += detail.steps.length;
    for (const i of after) out[n++] = overview[column][i]!;
    return out;
  };
  return {
    steps: pick('steps'),
    timestamps: pick('timestamps'),
    values: pick('values'),
    sampled: overview.sampled || detail.sampled,
  };
}

/** The x of each point in `mode`; relative time is milliseconds since the run's first point. */
export function xValues(columns: Columns, mode: XAxisMode): Float64Array {
  if (mode === 'step') return columns.steps;
  if (mode === 'wallTime') return columns.timestamps;
  let first = Infinity;
  for (const time of columns.timestamps) first = Math.min(first, time);
  return columns.timestamps.map((time) => time - first);
}

/** The drawable line of one run: x by `mode`, sorted by x, smoothed, gaps where a log scale cannot go. */
export function prepareLine(columns: Columns, options: LineOptions): Line {
  const xs = xValues(columns, options.xMode);
  const order = sortedOrder(xs);
  const sortedXs = order ? Float64Array.from(order, (i) => xs[i]!) : xs;
  const raw = order ? Float64Array.from(order, (i) => columns.values[i]!) : columns.values;
  const steps = order ? Float64Array.from(order, (i) => columns.steps[i]!) : columns.steps;
  const ys = options.smoothing > 0 ? exponentialMovingAverage(raw, options.smoothing) : Float64Array.from(raw);
  const undrawn: Line['undrawn'] = { count: 0, first: [] };
  for (let i = 0; i < ys.length; i++) {
    if (isDrawable(ys[i]!, options.logScale)) continue;
    ys[i] = Number.NaN;
    undrawn.count += 1;
    if (undrawn.first.length < UNDRAWN_KEPT) undrawn.first.push({ step: steps[i]!, value: raw[i]! });
  }
  return { xs: sortedXs, ys, steps, undrawn };
}

/** The points to hand the chart for x in [from, to] drawn `pixels` wide (min and max of each pixel kept). */
export function pointsInView(line: Line, from: number, to: number, pixels: number): ChartPoint[] {
  const indices = decimateMinMax(line.xs, line.ys, from, to, Math.max(1, Math.round(pixels)));
  return indices.map((i) => {
    const y = line.ys[i]!;
    return { x: line.xs[i]!, y: Number.isNaN(y) ? null : y };
  });
}

/** The x extent of some lines; undefined when they hold no point. */
export function xExtent(lines: readonly Line[]): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const line of lines) {
    if (line.xs.length === 0) continue;
    min = Math.min(min, line.xs[0]!);
    max = Math.max(max, line.xs[line.xs.length - 1]!);
  }
  return min <= max ? { min, max } : undefined;
}

/** The steps shown for x in [from, to] across `lines` (to fetch that range at full resolution); undefined when none. */
export function stepsInView(lines: readonly Line[], from: number, to: number): StepRange | undefined {
  let startStep = Infinity;
  let endStep = -Infinity;
  for (const line of lines) {
    for (let i = lowerBound(line.xs, from); i < line.xs.length && line.xs[i]! <= to; i++) {
      startStep = Math.min(startStep, line.steps[i]!);
      endStep = Math.max(endStep, line.steps[i]!);
    }
  }
  return startStep <= endStep ? { startStep, endStep } : undefined;
}

/** The order that sorts `xs` (stable), or undefined when it is sorted already. */
function sortedOrder(xs: Float64Array): number[] | undefined {
  for (let i = 1; i < xs.length; i++) {
    if (xs[i]! < xs[i - 1]!) return Array.from(xs.keys()).sort((a, b) => xs[a]! - xs[b]! || a - b);
  }
  return undefined;
}

/**
 * Thinning a series for drawing: of the points inside the visible x range, each pixel-wide bucket
 * keeps its first, lowest, highest and last point (the M4 rule), so a line drawn from the result
 * looks like one drawn from every point, spikes and dips included. Pure and allocation-light: it
 * returns indices into the caller's columns.
 */

/** The first index whose x is >= `x` in sorted `xs` (xs.length when none). */
export function lowerBound(xs: ArrayLike<number>, x: number): number {
  let low = 0;
  let high = xs.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (xs[mid]! < x) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The first index whose x is > `x` in sorted `xs`. */
export function upperBound(xs: ArrayLike<number>, x: number): number {
  let low = 0;
  let high = xs.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (xs[mid]! <= x) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Indices of the points to draw for x in [from, to] with `buckets` pixel columns. One point on
 * each side of the range is kept too, so the line runs to the chart's edges. When there are no
 * more points than 4 per bucket, every point in range is kept. A bucket with non-finite values
 * (NaN, +/-Infinity) keeps the first of them, so the gap or marker still shows.
 */
export function decimateMinMax(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  from: number,
  to: number,
  buckets: number,
): number[] {
  const start = Math.max(0, lowerBound(xs, from) - 1);
  const end = Math.min(xs.length, upperBound(xs, to) + 1);
  const count = end - start;
  if (count <= 0) return [];
  if (count <= buckets * 4 || buckets < 1) return range(start, end);
  const kept: number[] = [];
  const width = (to - from) / buckets;
  let i = start;
  while (i < end) {
    const bucketEnd = width > 0 ? from + (Math.floor((xs[i]! - from) / width) + 1) * width : Infinity;
    const first = i;
    let low = -1;
    let high = -1;
    let nonFinite = -1;
    for (; i < end && (i === first || xs[i]! < bucketEnd); i++) {
      const y = ys[i]!;
      if (!Number.isFinite(y)) {
        if (nonFinite < 0) nonFinite = i;
      } else {
        if (low < 0 || y < ys[low]!) low = i;
        if (high < 0 || y > ys[high]!) high = i;
      }
    }
    const bucket = [...new Set([first, low, high, nonFinite, i - 1])]
      .filter((index) => index >= 0)
      .sort((a, b) => a - b);
    kept.push(...bucket);
  }
  return kept;
}

function range(start: number, end: number): number[] {
  const result = new Array<number>(end - start);
  for (let i = start; i < end; i++) result[i - start] = i;
  return result;
}

/**
 * Exponential moving average for metric charts, debiased as TensorBoard and MLflow's UI do it,
 * so the first points are not dragged towards zero. Values a chart cannot draw (NaN,
 * +/-Infinity, magnitudes beyond nonFinite.ts's limit) are passed through unsmoothed and do not
 * disturb the average around them.
 */
/**
 * Smooths `values` with weight `weight` in [0, 1): 0 returns the values unchanged, values near 1
 * smooth hard. Returns a new array of the same length.
 */
export function exponentialMovingAverage(values: ArrayLike<number>, weight: number): Float64Array {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`smoothing weight must be in [0, 1), got ${weight}`);
  const smoothed = new Float64Array(values.length);
  let average = 0;
  let debias = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!isDrawable(value)) {
      smoothed[i] = value;
      continue;
    }
    average = average * weight + (1 - weight) * value;
    debias = debias * weight + (1 - weight);
    smoothed[i] = average / debias;
  }
  return smoothed;
}

/**
 * The y range of a metric chart. "Ignore outliers" fits the axis to the 5th..95th percentile of
 * the values in view (widened a little), so one diverging step does not flatten every other line;
 * the points outside are still drawn, just off the scale. A log scale has no room for values <= 0.
 * Values a chart cannot place (nonFinite.ts) never count, and a range is never left to chart.js
 * when it would hang it: a span of 0 or too small for its ticks to be told apart is widened.
 */
export interface AxisRange {
  min: number;
  max: number;
}

const LOW_QUANTILE = 0.05;
const HIGH_QUANTILE = 0.95;
/** The share of the percentile range added on each side. */
const MARGIN = 0.1;

/** The q-quantile (0..1) of sorted values, interpolated linearly. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/**
 * The y range for `values` (any order, non-finite ones ignored): with outliers ignored, the
 * widened percentile range; otherwise undefined (the chart fits every point itself). Undefined
 * too when fewer than 3 finite values leave nothing to ignore.
 */
export function robustRange(values: Iterable<number>, logScale: boolean): AxisRange | undefined {
  const finite = Float64Array.from([...values].filter((value) => isDrawable(value, logScale))).sort();
  if (finite.length < 3) return undefined;
  const low = quantile(finite, LOW_QUANTILE);
  const high = quantile(finite, HIGH_QUANTILE);
  if (logScale) {
    const [logLow, logHigh] = [Math.log10(low), Math.log10(high)];
    const pad = (logHigh - logLow) * MARGIN || 0.5;
    return safeRange(10 ** (logLow - pad), 10 ** (logHigh + pad), true);
  }
  const pad = (high - low) * MARGIN || Math.abs(high) * 0.05 || 1;
  return safeRange(low - pad, high + pad);
}

/**
 * Below this share of the values' magnitude (or this absolute span) a range is flat: chart.js
 * would compute tick steps it cannot write out (its decimal-places loop never ends below ~1e-290).
 */
const FLAT_SHARE = 1e-9;
const FLAT_SPAN = 1e-250;

/**
 * A range chart.js can draw for values from `min` to `max` (drawable values): the same range when
 * it has a span chart.js can divide into ticks; a flat one (one value, all equal, or a span of
 * 1e-300) widened around its middle; undefined when there is no value at all.
 */
export function safeRange(min: number, max: number, logScale = false): AxisRange | undefined {
  if (!(min <= max) || !Number.isFinite(min) || !Number.isFinite(max)) return undefined;
  if (logScale) {
    const [low, high] = [Math.log10(min), Math.log10(max)];
    return high - low >= 1e-6 ? { min, max } : { min: 10 ** (low - 0.5), max: 10 ** (high + 0.5) };
  }
  const magnitude = Math.max(Math.abs(min), Math.abs(max));
  const span = max - min;
  if (span >= FLAT_SPAN && span >= magnitude * FLAT_SHARE) return { min, max };
  const middle = min / 2 + max / 2;
  const pad = Math.abs(middle) >= FLAT_SPAN ? Math.abs(middle) * 0.05 : 1;
  return { min: middle - pad, max: middle + pad };
}

/**
 * The y range to give chart.js for `values`: undefined when it can fit them itself (a span it
 * divides safely), else a widened flat range, or 0..1 (1..10 on a log scale) when no value can
 * be drawn at all, so the axis never runs from 0 to 1e308.
 */
export function safeYRange(values: Iterable<number>, logScale: boolean): AxisRange | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (!isDrawable(value, logScale)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min > max) return logScale ? { min: 1, max: 10 } : { min: 0, max: 1 };
  const range = safeRange(min, max, logScale);
  return range && range.min === min && range.max === max ? undefined : range;
}

/** The index of the drawn point nearest `x` in points sorted by x (skipping gaps); undefined if none. */
export function nearestIndex(points: readonly ChartPoint[], x: number): number | undefined {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (points[mid]!.x < x) low = mid + 1;
    else high = mid;
  }
  let best: number | undefined;
  for (const candidate of [low - 1, low, low - 2, low + 1]) {
    const point = points[candidate];
    if (!point || point.y === null) continue;
    if (best === undefined || Math.abs(point.x - x) < Math.abs(points[best]!.x - x)) best = candidate;
  }
  return best;
}
