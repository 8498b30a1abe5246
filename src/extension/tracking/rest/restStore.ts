import type { ArtifactRepositoryFactory } from '../artifactRepository';
import { SystemTags } from '../model';
import type { Experiment, FileInfo, Metric, Run, RunInfo, RunStatus } from '../model';
import { iterateRunPages } from '../paging';
import type {
  ArtifactContent,
  CallOptions,
  CreateRunRequest,
  DownloadArtifactsOptions,
  LogBatchRequest,
  ReadArtifactOptions,
  SampledMetricHistory,
  SampledMetricHistoryRequest,
  SearchExperimentsRequest,
  SearchExperimentsResult,
  SearchRunsRequest,
  SearchRunsResult,
  TrackingStore,
  UpdateRunRequest,
} from '../trackingStore';
import { uploadDirectory, uploadFile, uploadRootOf } from './artifactUpload';
import { HttpClient } from './http';
import { doubleToWire } from './json';
import { logBatchBody, splitLogBatch } from './logBatch';
import { fetchMetricHistory, SampledHistoryReader } from './metricHistory';
import { MlflowArtifactsRepository } from './mlflowArtifactsRepository';
import { resolveRestConnection } from './restConnection';
import type { RestStoreOptions } from './restConnection';
import { RunArtifacts } from './runArtifacts';
import { experimentFromWire, runFromWire, runInfoFromWire } from './wire';
import { asObject, readArray, readOptionalString, readString } from './wireValues';

const API = '/api/2.0/mlflow';
/** experiments/search answers 400 without max_results (003); 1000 is the default of runs/search. */
const DEFAULT_PAGE_SIZE = 1000;

/**
 * Any MLflow tracking server (Databricks too) through its REST API. Reads are retried on
 * transient failures; writes only when the server said it did not take them (see retry.ts).
 */
export class RestStore implements TrackingStore {
  readonly kind = 'rest';
  readonly canWrite = true;
  readonly trackingUri: string;
  readonly description: string;
  private readonly http: HttpClient;
  private readonly sampledHistory: SampledHistoryReader;
  private readonly historyPageSize: number;

  constructor(uri: string, options: RestStoreOptions = {}) {
    const connection = resolveRestConnection(uri, options);
    this.http = new HttpClient(connection);
    this.trackingUri = connection.trackingUri;
    this.description = connection.description;
    this.historyPageSize = options.metricHistoryPageSize ?? 25_000;
    this.sampledHistory = new SampledHistoryReader(this.http, (runId, key, callOptions) =>
      this.getMetricHistory(runId, key, callOptions),
    );
  }

  async searchExperiments(request: SearchExperimentsRequest = {}, options?: CallOptions): Promise<SearchExperimentsResult> {
    const json = await this.read('POST', 'experiments/search', options, {
      max_results: request.maxResults ?? DEFAULT_PAGE_SIZE,
      filter: request.filterString,
      order_by: request.orderBy,
      view_type: request.viewType,
      page_token: request.pageToken,
    });
    const body = asObject(json, 'experiments/search');
    return withToken(
      { experiments: readArray(body, 'experiments', 'experiments/search').map((e, i) => experimentFromWire(e, `experiments/search: experiments[${i}]`)) },
      readOptionalString(body, 'next_page_token', 'experiments/search'),
    );
  }

  async getExperiment(experimentId: string, options?: CallOptions): Promise<Experiment> {
    const json = await this.read('GET', 'experiments/get', options, { experiment_id: experimentId });
    return experimentFromWire(asObject(json, 'experiments/get').experiment, 'experiments/get: experiment');
  }

  async getExperimentByName(name: string, options?: CallOptions): Promise<Experiment> {
    const json = await this.read('GET', 'experiments/get-by-name', options, { experiment_name: name });
    return experimentFromWire(asObject(json, 'experiments/get-by-name').experiment, 'experiments/get-by-name: experiment');
  }

  async searchRuns(request: SearchRunsRequest, options?: CallOptions): Promise<SearchRunsResult> {
    const json = await this.read('POST', 'runs/search', options, {
      experiment_ids: request.experimentIds,
      filter: request.filterString,
      order_by: request.orderBy,
      run_view_type: request.runViewType,
      // The server's default page size is 1000, as ours; unlike experiments/search, none is needed.
      max_results: request.maxResults,
      page_token: request.pageToken,
    });
    const body = asObject(json, 'runs/search');
    return withToken(
      { runs: readArray(body, 'runs', 'runs/search').map((run, i) => runFromWire(run, `runs/search: runs[${i}]`)) },
      readOptionalString(body, 'next_page_token', 'runs/search'),
    );
  }

  iterateRuns(request: Omit<SearchRunsRequest, 'pageToken'>, options?: CallOptions): AsyncIterable<Run> {
    return iterateRunPages((page, pageOptions) => this.searchRuns(page, pageOptions), request, options);
  }

  async getRun(runId: string, options?: CallOptions): Promise<Run> {
    const json = await this.read('GET', 'runs/get', options, { run_id: runId });
    return runFromWire(asObject(json, 'runs/get').run, 'runs/get: run');
  }

  getMetricHistory(runId: string, metricKey: string, options?: CallOptions): Promise<Metric[]> {
    return fetchMetricHistory(this.http, runId, metricKey, this.historyPageSize, options);
  }

  getSampledMetricHistory(request: SampledMetricHistoryRequest, options?: CallOptions): Promise<SampledMetricHistory> {
    return this.sampledHistory.read(request, options);
  }

  listArtifacts(runId: string, path = '', options?: CallOptions): Promise<FileInfo[]> {
    return new RunArtifacts(this.http, runId).listArtifacts(path, options);
  }

  readArtifact(runId: string, path: string, options?: ReadArtifactOptions): Promise<ArtifactContent> {
    return new RunArtifacts(this.http, runId).readArtifact(path, options);
  }

  downloadArtifacts(runId: string, path: string, destinationDir: string, options?: DownloadArtifactsOptions): Promise<string> {
    return new RunArtifacts(this.http, runId).downloadArtifacts(path, destinationDir, options);
  }

  /** Reads `mlflow-artifacts:` URIs (of runs in a local store) through this server's artifact proxy. */
  artifactRepositoryFactory(): ArtifactRepositoryFactory {
    return (artifactUri) => new MlflowArtifactsRepository(this.http, artifactUri);
  }

  async createExperiment(
    name: string,
    init: { artifactLocation?: string; tags?: Record<string, string> } = {},
    options?: CallOptions,
  ): Promise<string> {
    const json = await this.write('experiments/create', options, {
      name,
      artifact_location: init.artifactLocation,
      tags: init.tags && keyValues(init.tags),
    });
    return readString(asObject(json, 'experiments/create'), 'experiment_id', 'experiments/create');
  }

  async createRun(request: CreateRunRequest, options?: CallOptions): Promise<Run> {
    const tags = request.tags ?? {};
    const json = await this.write('runs/create', options, {
      experiment_id: request.experimentId,
      run_name: request.runName,
      start_time: request.startTime ?? Date.now(),
      // The deprecated user_id field follows the mlflow.user tag, as in MLflow's own client.
      user_id: tags[SystemTags.user],
      tags: Object.keys(tags).length > 0 ? keyValues(tags) : undefined,
    });
    return runFromWire(asObject(json, 'runs/create').run, 'runs/create: run');
  }

  async logBatch(runId: string, batch: LogBatchRequest, options?: CallOptions): Promise<void> {
    for (const request of splitLogBatch(batch)) await this.write('runs/log-batch', options, logBatchBody(runId, request));
  }

  async logMetric(runId: string, key: string, value: number, point: { timestamp?: number; step?: number } = {}, options?: CallOptions): Promise<void> {
    const timestamp = point.timestamp ?? Date.now();
    await this.write('runs/log-metric', options, { run_id: runId, key, value: doubleToWire(value), timestamp, step: point.step ?? 0 });
  }

  async logParam(runId: string, key: string, value: string, options?: CallOptions): Promise<void> {
    await this.write('runs/log-parameter', options, { run_id: runId, key, value });
  }

  async setTag(runId: string, key: string, value: string, options?: CallOptions): Promise<void> {
    await this.write('runs/set-tag', options, { run_id: runId, key, value });
  }

  async deleteTag(runId: string, key: string, options?: CallOptions): Promise<void> {
    await this.write('runs/delete-tag', options, { run_id: runId, key });
  }

  async updateRun(runId: string, update: UpdateRunRequest, options?: CallOptions): Promise<RunInfo> {
    const json = await this.write('runs/update', options, {
      run_id: runId,
      status: update.status,
      end_time: update.endTime,
      run_name: update.runName,
    });
    return runInfoFromWire(asObject(json, 'runs/update').run_info, 'runs/update: run_info');
  }

  async setTerminated(runId: string, status: RunStatus = 'FINISHED', endTime = Date.now(), options?: CallOptions): Promise<void> {
    await this.write('runs/update', options, { run_id: runId, status, end_time: endTime });
  }

  async deleteRun(runId: string, options?: CallOptions): Promise<void> {
    await this.write('runs/delete', options, { run_id: runId });
  }

  async restoreRun(runId: string, options?: CallOptions): Promise<void> {
    await this.write('runs/restore', options, { run_id: runId });
  }

  async logArtifact(runId: string, localPath: string, artifactPath?: string, options?: CallOptions): Promise<void> {
    const root = uploadRootOf((await this.getRun(runId, options)).info.artifactUri, runId);
    await uploadFile(this.http, root, localPath, artifactPath, options);
  }

  async logArtifacts(runId: string, localDir: string, artifactPath?: string, options?: CallOptions): Promise<void> {
    const root = uploadRootOf((await this.getRun(runId, options)).info.artifactUri, runId);
    await uploadDirectory(this.http, root, localDir, artifactPath, options);
  }

  dispose(): void {
    this.http.dispose();
  }

  /** A read: GET with a query, or POST with a body (searches), retried on transient failures. */
  private read(method: 'GET' | 'POST', endpoint: string, options: CallOptions | undefined, fields: Record<string, unknown>): Promise<unknown> {
    const defined = withoutUndefined(fields);
    return this.http.requestJson(
      method === 'GET'
        ? { method, path: `${API}/${endpoint}`, query: defined as Record<string, string>, idempotent: true, signal: options?.signal }
        : { method, path: `${API}/${endpoint}`, json: defined, idempotent: true, signal: options?.signal },
    );
  }

  private write(endpoint: string, options: CallOptions | undefined, body: Record<string, unknown>): Promise<unknown> {
    return this.http.requestJson({ method: 'POST', path: `${API}/${endpoint}`, json: withoutUndefined(body), idempotent: false, signal: options?.signal });
  }
}

/**
 * A store for the MLflow server at `uri` (`http(s)://[user:password@]host[:port][/prefix]`,
 * `databricks`, `databricks://profile`). Throws an MlflowError when the URI or the settings it
 * needs (Databricks host and token, a CA bundle) are missing or wrong.
 */
export function createRestStore(uri: string, options?: RestStoreOptions): RestStore {
  return new RestStore(uri, options);
}

/** An ArtifactRepositoryFactory for `mlflow-artifacts:` URIs, served by the server at `uri`. */
export function createMlflowArtifactsRepositoryFactory(uri: string, options?: RestStoreOptions): ArtifactRepositoryFactory {
  return createRestStore(uri, options).artifactRepositoryFactory();
}

function withToken<T extends object>(result: T, nextPageToken: string | undefined): T & { nextPageToken?: string } {
  return nextPageToken ? { ...result, nextPageToken } : result;
}

function keyValues(record: Record<string, string>): { key: string; value: string }[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}

function withoutUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
