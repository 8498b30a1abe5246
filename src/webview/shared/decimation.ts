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
