import { MlflowError } from '../errors';
import type { Metric } from '../model';
import { downsampleHistory } from '../sampling';
import type { SampledMetricHistoryRequest } from '../trackingStore';

/** The server's limit for `get-history-bulk-interval` (090), and its default. */
const MAX_SAMPLED_POINTS = 2500;

/** The points per run a sampled-history request asks for, checked as the server checks it. */
export function sampledMaxResults(request: SampledMetricHistoryRequest): number {
  const maxResults = request.maxResults ?? MAX_SAMPLED_POINTS;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_SAMPLED_POINTS) {
    throw new MlflowError(
      `max_results must be between 1 and ${MAX_SAMPLED_POINTS}, got ${maxResults}`,
      'INVALID_PARAMETER_VALUE',
    );
  }
  return maxResults;
}

/**
 * One run's full history (sorted by step) cut to the requested step range and thinned to
 * `maxResults` points; like the server, the first and last points are always kept, so at least
 * two come back whenever the range holds two.
 */
export function sampleHistory(
  points: readonly Metric[],
  request: SampledMetricHistoryRequest,
  maxResults: number,
): Metric[] {
  const { startStep, endStep } = request;
  const inRange = points.filter(
    (point) => (startStep === undefined || point.step >= startStep) && (endStep === undefined || point.step <= endStep),
  );
  return downsampleHistory(inRange, Math.max(2, maxResults));
}
