import type { Metric, Param, RunTag } from '../model';
import type { LogBatchRequest } from '../trackingStore';
import { doubleToWire } from './json';

/** What one `runs/log-batch` request may hold (MLflow answers 400 beyond these, 165). */
export const LOG_BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000 } as const;

/**
 * Splits a batch into requests within the server's limits. Each request takes what params and
 * tags remain (up to their limits) and fills the rest with metrics, so a small batch is one
 * request; the order within each kind is kept, across requests too.
 */
export function splitLogBatch(batch: LogBatchRequest): LogBatchRequest[] {
  const metrics = batch.metrics ?? [];
  const params = batch.params ?? [];
  const tags = batch.tags ?? [];
  const requests: LogBatchRequest[] = [];
  let [m, p, t] = [0, 0, 0];
  while (m < metrics.length || p < params.length || t < tags.length) {
    const paramCount = Math.min(LOG_BATCH_LIMITS.params, params.length - p);
    const tagCount = Math.min(LOG_BATCH_LIMITS.tags, tags.length - t);
    const metricCount = Math.min(
      LOG_BATCH_LIMITS.metrics,
      LOG_BATCH_LIMITS.total - paramCount - tagCount,
      metrics.length - m,
    );
    const request: LogBatchRequest = {};
    if (metricCount > 0) request.metrics = metrics.slice(m, (m += metricCount));
    if (paramCount > 0) request.params = params.slice(p, (p += paramCount));
    if (tagCount > 0) request.tags = tags.slice(t, (t += tagCount));
    requests.push(request);
  }
  return requests;
}

/** The JSON body of one `runs/log-batch` request; empty kinds are left out, as MLflow's client does. */
export function logBatchBody(runId: string, request: LogBatchRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { run_id: runId };
  if (request.metrics?.length) body.metrics = request.metrics.map(metricToWire);
  if (request.params?.length) body.params = request.params.map(keyValue);
  if (request.tags?.length) body.tags = request.tags.map(keyValue);
  return body;
}

/** A metric point as MLflow expects it: NaN and +/-Infinity as strings, never bare tokens. */
export function metricToWire(metric: Metric): Record<string, unknown> {
  return { key: metric.key, value: doubleToWire(metric.value), timestamp: metric.timestamp, step: metric.step };
}

function keyValue(entry: Param | RunTag): { key: string; value: string } {
  return { key: entry.key, value: entry.value };
}
