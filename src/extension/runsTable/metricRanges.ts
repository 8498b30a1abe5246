import type { MetricRange } from '../../webview/protocol';
import { toWire } from '../../webview/protocol';
import type { Metric } from '../tracking/model';
import type { TrackingStore } from '../tracking/trackingStore';

/** Runs per sampled-history request: MLflow's limit for `get-history-bulk-interval`. */
export const RANGE_BATCH_RUNS = 100;

/** Points per run and request: MLflow's most, so short histories come whole. */
const RANGE_POINTS = 2500;

/**
 * The lowest and highest value of one run's metric history and the steps where they were first
 * reached; NaN points count for nothing (a history of NaN only has NaN for both). Undefined for an
 * empty history.
 */
export function rangeOf(runId: string, key: string, history: readonly Metric[]): MetricRange | undefined {
  let min: Metric | undefined;
  let max: Metric | undefined;
  for (const point of history) {
    if (Number.isNaN(point.value)) continue;
    if (min === undefined || point.value < min.value) min = point;
    if (max === undefined || point.value > max.value) max = point;
  }
  const first = history[0];
  if (first === undefined) return undefined;
  const low = min ?? first;
  const high = max ?? first;
  return { runId, key, min: toWire(low.value), max: toWire(high.value), minStep: low.step, maxStep: high.step };
}

/**
 * Min and max (and their steps) of each metric for each run, from the sampled histories (MLflow's
 * UI shows only the latest value). The requests go 100 runs at a time, one metric at a time, and
 * each batch's ranges are handed over as they arrive. A server's sampling keeps each run's first
 * and last points but may skip the extreme ones of a long history; the local stores keep them.
 */
export async function fetchMetricRanges(
  store: TrackingStore,
  runIds: readonly string[],
  keys: readonly string[],
  onBatch: (ranges: MetricRange[]) => void,
  { signal }: { signal?: AbortSignal } = {},
): Promise<void> {
  for (const key of keys) {
    for (let start = 0; start < runIds.length; start += RANGE_BATCH_RUNS) {
      const batch = runIds.slice(start, start + RANGE_BATCH_RUNS);
      const histories = await store.getSampledMetricHistory(
        { runIds: [...batch], metricKey: key, maxResults: RANGE_POINTS },
        { signal },
      );
      onBatch(batch.flatMap((runId) => rangeOf(runId, key, histories[runId] ?? []) ?? []));
    }
  }
}
