/**
 * From a metric history as it arrives to the points a chart draws: decoded into typed columns,
 * a zoomed-in range at full resolution spliced into the overview, x as step, wall time or time
 * since the run's first point, smoothed, fit for a log scale, and thinned to the pixels in view.
 * Pure (no DOM), so the same code is tested in Node and runs in the webview.
 */
import type { MetricSeries, StepRange } from '../protocol';
import { fromWire } from '../protocol';
import { decimateMinMax, lowerBound } from './decimation';
import { isDrawable } from './nonFinite';
import { exponentialMovingAverage } from './smoothing';

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
