import { MlflowError } from '../errors';
import { keyedRecord } from '../model';
import type { Metric } from '../model';
import { compareMetricPoints, downsampleHistory } from '../sampling';
import type { CallOptions, SampledMetricHistory, SampledMetricHistoryRequest } from '../trackingStore';
import type { HttpClient } from './http';
import { ResponseLimits } from './responseLimits';
import { metricAt, metricFromWire } from './wire';
import { asObject, readArray, readOptionalString, readString } from './wireValues';

/**
 * Metric histories from a server: the full history a page at a time, and the sampled histories
 * charts use, from `get-history-bulk-interval` or, on a server without it, from full histories
 * thinned here.
 */

const API = '/api/2.0/mlflow/metrics';
/** The server's limits for get-history-bulk-interval (090). */
const MAX_RUNS_PER_SAMPLE = 100;
const MAX_SAMPLED_POINTS = 2500;

/**
 * Every point of one metric, sorted by step then timestamp. `max_results` is always sent: MLflow
 * 3.5 answers a request without it with no points and a token for the same offset (072). The walk
 * stops on no token, an empty page, or a token seen before.
 */
export async function fetchMetricHistory(
  http: HttpClient,
  runId: string,
  metricKey: string,
  pageSize: number,
  options: CallOptions = {},
): Promise<Metric[]> {
  const points: Metric[] = [];
  const seenTokens = new Set<string>();
  let pageToken: string | undefined;
  for (;;) {
    const json = await http.requestJson({
      method: 'GET',
      path: `${API}/get-history`,
      query: { run_id: runId, metric_key: metricKey, max_results: pageSize, page_token: pageToken },
      idempotent: true,
      signal: options.signal,
      limit: ResponseLimits.metricHistoryPage,
    });
    const where = 'metrics/get-history';
    const body = asObject(json, where);
    const page = readArray(body, 'metrics', where);
    for (let index = 0; index < page.length; index++) points.push(metricAt(page, index, `${where}: metrics`));
    pageToken = readOptionalString(body, 'next_page_token', where);
    if (!pageToken || page.length === 0 || seenTokens.has(pageToken)) break;
    seenTokens.add(pageToken);
  }
  return sortedByStep(points);
}

/**
 * Sampled histories by run id (every requested run present, [] when it has no points), each
 * sorted by step. `fullHistory` is only called when the server lacks get-history-bulk-interval.
 */
export class SampledHistoryReader {
  /** Learned from the first answer: undefined until then. */
  private bulkIntervalSupported: boolean | undefined;

  constructor(
    private readonly http: HttpClient,
    private readonly fullHistory: (runId: string, metricKey: string, options: CallOptions) => Promise<Metric[]>,
  ) {}

  async read(request: SampledMetricHistoryRequest, options: CallOptions = {}): Promise<SampledMetricHistory> {
    const maxResults = checkSampleRequest(request);
    const runIds = [...new Set(request.runIds)];
    const result = keyedRecord<Metric[]>(runIds.map((runId) => [runId, []]));
    for (let start = 0; start < runIds.length; start += MAX_RUNS_PER_SAMPLE) {
      const chunk = runIds.slice(start, start + MAX_RUNS_PER_SAMPLE);
      if (this.bulkIntervalSupported !== false) {
        try {
          await this.readBulkInterval(chunk, request, maxResults, result, options);
          this.bulkIntervalSupported = true;
          continue;
        } catch (error) {
          if (this.bulkIntervalSupported === true || !isMissingEndpoint(error)) throw error;
          this.bulkIntervalSupported = false;
        }
      }
      for (const runId of chunk) result[runId] = await this.sampleFullHistory(runId, request, maxResults, options);
    }
    for (const runId of runIds) result[runId] = sortedByStep(result[runId]!);
    return result;
  }

  private async readBulkInterval(
    runIds: string[],
    request: SampledMetricHistoryRequest,
    maxResults: number,
    result: SampledMetricHistory,
    options: CallOptions,
  ): Promise<void> {
    const json = await this.http.requestJson({
      method: 'GET',
      path: `${API}/get-history-bulk-interval`,
      query: {
        run_ids: runIds,
        metric_key: request.metricKey,
        max_results: maxResults,
        start_step: request.startStep,
        end_step: request.endStep,
      },
      idempotent: true,
      signal: options.signal,
      limit: ResponseLimits.sampledMetricHistory,
    });
    const where = 'metrics/get-history-bulk-interval';
    readArray(asObject(json, where), 'metrics', where).forEach((entry, index) => {
      const at = `${where}: metrics[${index}]`;
      const runId = readString(asObject(entry, at), 'run_id', at);
      // Points of runs not asked for are not ours to place.
      result[runId]?.push(metricFromWire(entry, at));
    });
  }

  private async sampleFullHistory(
    runId: string,
    request: SampledMetricHistoryRequest,
    maxResults: number,
    options: CallOptions,
  ): Promise<Metric[]> {
    const { startStep, endStep } = request;
    let points = await this.fullHistory(runId, request.metricKey, options);
    if (startStep !== undefined && endStep !== undefined) {
      points = points.filter((point) => point.step >= startStep && point.step <= endStep);
    }
    return downsampleHistory(points, Math.max(2, maxResults));
  }
}

function checkSampleRequest(request: SampledMetricHistoryRequest): number {
  const maxResults = request.maxResults ?? MAX_SAMPLED_POINTS;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_SAMPLED_POINTS) {
    throw new MlflowError(
      `maxResults must be an integer from 1 to ${MAX_SAMPLED_POINTS}, got ${maxResults}.`,
      'INVALID_PARAMETER_VALUE',
    );
  }
  if ((request.startStep === undefined) !== (request.endStep === undefined)) {
    throw new MlflowError('startStep and endStep go together: give both or neither.', 'INVALID_PARAMETER_VALUE');
  }
  return maxResults;
}

/** A 404/405 page or ENDPOINT_NOT_FOUND: an older server, or one behind a proxy that lacks the route. */
function isMissingEndpoint(error: unknown): boolean {
  return error instanceof MlflowError && error.errorCode === 'ENDPOINT_NOT_FOUND';
}

function sortedByStep(points: Metric[]): Metric[] {
  for (let index = 1; index < points.length; index++) {
    if (compareMetricPoints(points[index - 1]!, points[index]!) > 0) return points.sort(compareMetricPoints);
  }
  return points;
}
