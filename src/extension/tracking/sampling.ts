import type { Metric } from './model';

/**
 * Thins a metric history (sorted by step) to at most `maxPoints` for a chart, without hiding what
 * matters in one: the first and last points are always kept, and each bucket between them keeps
 * its minimum and maximum, so spikes and divergence (NaN, +/-Infinity) stay visible.
 */
export function downsampleHistory(points: readonly Metric[], maxPoints: number): Metric[] {
  if (maxPoints < 2) throw new RangeError(`maxPoints must be at least 2, got ${maxPoints}`);
  if (points.length <= maxPoints) return points.slice();
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const inner = points.length - 2;
  // Each bucket contributes up to two points (its min and its max).
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const kept: Metric[] = [first];
  for (let bucket = 0; bucket < buckets; bucket++) {
    const start = 1 + Math.floor((bucket * inner) / buckets);
    const end = 1 + Math.floor(((bucket + 1) * inner) / buckets);
    if (start >= end) continue;
    let minIndex = start;
    let maxIndex = start;
    for (let i = start; i < end; i++) {
      const value = points[i]!.value;
      if (lessThan(value, points[minIndex]!.value)) minIndex = i;
      if (lessThan(points[maxIndex]!.value, value)) maxIndex = i;
    }
    if (minIndex === maxIndex) kept.push(points[minIndex]!);
    else if (minIndex < maxIndex) kept.push(points[minIndex]!, points[maxIndex]!);
    else kept.push(points[maxIndex]!, points[minIndex]!);
  }
  kept.push(last);
  return kept;
}

/** Orders NaN below everything, so a NaN bucket still shows up as that bucket's "minimum". */
function lessThan(a: number, b: number): boolean {
  if (Number.isNaN(a)) return !Number.isNaN(b);
  if (Number.isNaN(b)) return false;
  return a < b;
}

/** Sorts points by step, then timestamp, then value, as MLflow returns a history. */
export function compareMetricPoints(a: Metric, b: Metric): number {
  return a.step - b.step || a.timestamp - b.timestamp || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}
