/**
 * The metrics table of the compare panel, as data: per metric and run the latest value, the
 * minimum and maximum of the history, the best value and its step, the change against the
 * baseline run; per metric the best run. Pure, so it is tested in plain Node.
 */
import type { MetricDirection } from '../shared/metricDirection';
import { isBetter } from '../shared/metricDirection';

export interface HistorySummary {
  min?: number;
  max?: number;
  /** The best value in the metric's direction, and the first step it was reached. */
  best?: number;
  bestStep?: number;
  /** True when the history was sampled, so min and max may miss a point. */
  approximate: boolean;
}

export interface MetricCell {
  latest?: number;
  latestStep?: number;
  history?: HistorySummary;
  /** Change of `latest` against the baseline run, in percent. */
  deltaPercent?: number;
  isBest: boolean;
}

export interface MetricRow {
  key: string;
  direction: MetricDirection;
  cells: MetricCell[];
}

/**
 * Min, max and the best value with its step over a history (non-finite values skipped; a history
 * with none finite has none of them).
 */
export function summarizeHistory(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  direction: MetricDirection,
  approximate: boolean,
): HistorySummary {
  let min: number | undefined;
  let max: number | undefined;
  let minStep: number | undefined;
  let maxStep: number | undefined;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) continue;
    if (min === undefined || value < min) [min, minStep] = [value, steps[i]];
    if (max === undefined || value > max) [max, maxStep] = [value, steps[i]];
  }
  const summary: HistorySummary = { min, max, approximate };
  if (direction === 'lower') [summary.best, summary.bestStep] = [min, minStep];
  if (direction === 'higher') [summary.best, summary.bestStep] = [max, maxStep];
  return summary;
}

/** `value` against `baseline` in percent; undefined when either is not finite, the baseline is 0, or the change overflows. */
export function deltaPercent(value: number | undefined, baseline: number | undefined): number | undefined {
  if (
    value === undefined ||
    baseline === undefined ||
    !Number.isFinite(value) ||
    !Number.isFinite(baseline) ||
    baseline === 0
  )
    return undefined;
  const percent = ((value - baseline) / Math.abs(baseline)) * 100;
  return Number.isFinite(percent) ? percent : undefined;
}

/** Indices of the runs whose latest value is the best (ties all count); none without a direction. */
export function bestIndices(latest: readonly (number | undefined)[], direction: MetricDirection): Set<number> {
  let best: number | undefined;
  for (const value of latest)
    if (value !== undefined && (best === undefined ? Number.isFinite(value) : isBetter(value, best, direction)))
      best = value;
  const indices = new Set<number>();
  if (best === undefined || direction === 'none') return indices;
  latest.forEach((value, index) => value === best && indices.add(index));
  return indices;
}

export interface MetricRowInput {
  key: string;
  direction: MetricDirection;
  /** Per run: the latest value and its step, undefined where the run lacks the metric. */
  latest: readonly ({ value: number; step: number } | undefined)[];
  /** Per run, when its history has arrived. */
  histories: readonly (HistorySummary | undefined)[];
}

/** One table row; `baselineIndex` is the baseline run's position, if one is marked. */
export function buildMetricRow(input: MetricRowInput, baselineIndex: number | undefined): MetricRow {
  const values = input.latest.map((point) => point?.value);
  const best = bestIndices(values, input.direction);
  const baseline = baselineIndex === undefined ? undefined : values[baselineIndex];
  const cells = input.latest.map((point, index): MetricCell => ({
    latest: point?.value,
    latestStep: point?.step,
    history: input.histories[index],
    deltaPercent:
      baselineIndex === undefined || index === baselineIndex ? undefined : deltaPercent(point?.value, baseline),
    isBest: best.has(index),
  }));
  return { key: input.key, direction: input.direction, cells };
}

export type MetricSort = { by: 'name'; descending: boolean } | { by: 'run'; runIndex: number; descending: boolean };

/** Rows by name, or by one run's latest value (rows where it has none, or NaN, go last either way). */
export function sortMetricRows(rows: readonly MetricRow[], sort: MetricSort): MetricRow[] {
  const sign = sort.descending ? -1 : 1;
  if (sort.by === 'name')
    return [...rows].sort((a, b) => sign * a.key.localeCompare(b.key, undefined, { numeric: true }));
  const valueOf = (row: MetricRow): number | undefined => {
    const value = row.cells[sort.runIndex]?.latest;
    return value === undefined || Number.isNaN(value) ? undefined : value;
  };
  return [...rows].sort((a, b) => {
    const x = valueOf(a);
    const y = valueOf(b);
    if (x === undefined || y === undefined) return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0);
    // Compared, not subtracted: ∞ - ∞ is NaN, which would leave the order to chance.
    return sign * (x < y ? -1 : x > y ? 1 : 0) || a.key.localeCompare(b.key);
  });
}
