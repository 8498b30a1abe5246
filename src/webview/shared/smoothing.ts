/**
 * Exponential moving average for metric charts, debiased as TensorBoard and MLflow's UI do it,
 * so the first points are not dragged towards zero. Values a chart cannot draw (NaN,
 * +/-Infinity, magnitudes beyond nonFinite.ts's limit) are passed through unsmoothed and do not
 * disturb the average around them.
 */
import { isDrawable } from './nonFinite';

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
