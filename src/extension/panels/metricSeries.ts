import type { MetricSeries, StepRange } from '../../webview/protocol';
import { toWire } from '../../webview/protocol';
import { unclampInfinity } from '../../webview/shared/nonFinite';
import type { Metric } from '../tracking/model';
import type { CallOptions, TrackingStore } from '../tracking/trackingStore';

/** The server's limit on points per run in one sampled-history request. */
export const MAX_POINTS_PER_RUN = 2500;

/**
 * A metric history as the webview takes it: in columns, NaN and infinities spelled out (a clamped
 * ±1.7976931348623157e308 among them, whichever store the points came from).
 */
export function toMetricSeries(points: readonly Metric[], requestedPoints: number): MetricSeries {
  return {
    steps: points.map((point) => point.step),
    timestamps: points.map((point) => point.timestamp),
    values: points.map((point) => toWire(unclampInfinity(point.value))),
    // As many points as asked for: the store may have left some out.
    sampled: points.length >= requestedPoints,
  };
}

/**
 * One metric's sampled histories for the runs that have it (the store splits the request by 100
 * runs, as the server allows), optionally only `range`'s steps. `maxPoints` is clamped to what
 * the server accepts.
 */
export async function fetchMetricSeries(
  store: TrackingStore,
  runIds: readonly string[],
  metricKey: string,
  request: { maxPoints: number; range?: StepRange },
  options?: CallOptions,
): Promise<Record<string, MetricSeries>> {
  const asked = Number.isFinite(request.maxPoints) ? Math.floor(request.maxPoints) : MAX_POINTS_PER_RUN;
  const maxResults = Math.max(2, Math.min(MAX_POINTS_PER_RUN, asked));
  const { startStep, endStep } = request.range ?? {};
  // A range from a webview is only numbers: put them in order and on whole steps.
  const range =
    startStep !== undefined && endStep !== undefined
      ? { startStep: Math.floor(Math.min(startStep, endStep)), endStep: Math.ceil(Math.max(startStep, endStep)) }
      : {};
  const histories =
    runIds.length === 0
      ? {}
      : await store.getSampledMetricHistory({ runIds: [...runIds], metricKey, maxResults, ...range }, options);
  const series: Record<string, MetricSeries> = {};
  for (const runId of runIds) {
    const points = Object.hasOwn(histories, runId) ? histories[runId]! : [];
    Object.defineProperty(series, runId, {
      value: toMetricSeries(points, maxResults),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return series;
}
