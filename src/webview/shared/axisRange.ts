/**
 * The y range of a metric chart. "Ignore outliers" fits the axis to the 5th..95th percentile of
 * the values in view (widened a little), so one diverging step does not flatten every other line;
 * the points outside are still drawn, just off the scale. A log scale has no room for values <= 0.
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
  const finite = Float64Array.from([...values].filter((value) => Number.isFinite(value) && (!logScale || value > 0))).sort();
  if (finite.length < 3) return undefined;
  const low = quantile(finite, LOW_QUANTILE);
  const high = quantile(finite, HIGH_QUANTILE);
  if (logScale) {
    const [logLow, logHigh] = [Math.log10(low), Math.log10(high)];
    const pad = (logHigh - logLow) * MARGIN || 0.5;
    return { min: 10 ** (logLow - pad), max: 10 ** (logHigh + pad) };
  }
  const pad = (high - low) * MARGIN || Math.abs(high) * 0.05 || 1;
  return { min: low - pad, max: high + pad };
}
