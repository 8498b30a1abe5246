/**
 * The y range of a metric chart. "Ignore outliers" fits the axis to the 5th..95th percentile of
 * the values in view (widened a little), so one diverging step does not flatten every other line;
 * the points outside are still drawn, just off the scale. A log scale has no room for values <= 0.
 * Values a chart cannot place (nonFinite.ts) never count, and a range is never left to chart.js
 * when it would hang it: a span of 0 or too small for its ticks to be told apart is widened.
 */
import { isDrawable } from './nonFinite';

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
