import type { ArtifactRepositoryFactory } from '../artifactRepository';
import type { Experiment, FileInfo, Metric, Run, RunInfo, RunStatus } from '../model';
import { DEFAULT_WORKSPACE } from '../model';
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
  StoreLocation,
  TrackingStore,
  UpdateRunRequest,
} from '../trackingStore';
import { uploadDirectory, uploadFile, uploadRootOf } from './artifactUpload';
import { createExperiment, getExperiment, getExperimentByName, searchExperiments } from './experimentsApi';
import { HttpClient } from './http';
import { doubleToWire } from './json';
import { logBatchBody, splitLogBatch } from './logBatch';
import { fetchMetricHistory, SampledHistoryReader } from './metricHistory';
import { MlflowApi } from './mlflowApi';
import { MlflowArtifactsRepository } from './mlflowArtifactsRepository';
import { resolveRestConnection } from './restConnection';
import type { RestStoreOptions } from './restConnection';
import { RunArtifacts } from './runArtifacts';
import { createRun, getRun, searchRuns, updateRun } from './runsApi';
import { listServerWorkspaces } from './workspacesApi';

/**
 * An experiment a server answered for the workspace the request named: the server's answers
 * carry no workspace field, and it finds experiments only within the named one. Left without a
 * workspace when none was named (a server without workspaces, where everything is `default`'s).
 */
function inWorkspace(experiment: Experiment, named: string | undefined): Experiment {
  if (named !== undefined) experiment.workspace = named;
  return experiment;
}

/**
 * Any MLflow tracking server (Databricks too) through its REST API. Reads are retried on
 * transient failures; writes only when the server said it did not take them (see retry.ts).
 */
export class RestStore implements TrackingStore {
  readonly kind = 'rest';
  readonly writable = true;
  readonly trackingUri: string;
  readonly description: string;
  readonly location: StoreLocation;
  readonly webUiUrl: string | undefined;
  private readonly http: HttpClient;
  private readonly api: MlflowApi;
  private readonly sampledHistory: SampledHistoryReader;
  private readonly historyPageSize: number;
  private workspace = DEFAULT_WORKSPACE;
  /** Whether the server has workspaces: unknown until `listWorkspaces` has asked it. */
  private serverHasWorkspaces: boolean | undefined;

  constructor(uri: string, options: RestStoreOptions = {}) {
    const connection = resolveRestConnection(uri, options);
    this.http = new HttpClient(connection);
    this.api = new MlflowApi(this.http);
    this.trackingUri = connection.trackingUri;
    this.description = connection.description;
    this.location = { kind: connection.databricks ? 'databricks' : 'server', url: connection.baseUrl };
    this.webUiUrl = connection.databricks ? undefined : connection.baseUrl;
    this.historyPageSize = options.metricHistoryPageSize ?? 25_000;
    this.sampledHistory = new SampledHistoryReader(this.http, (runId, key, callOptions) =>
      this.getMetricHistory(runId, key, callOptions),
    );
  }

  get currentWorkspace(): string {
    return this.workspace;
  }

  /**
   * The server's workspaces, `default` first; only `default` on a server without them (before
   * MLflow 3.10, or not started with --enable-workspaces), which is then followed exactly as before
   * workspaces existed: no workspace header is ever sent to it.
   */
  async listWorkspaces(options?: CallOptions): Promise<string[]> {
    const workspaces = await listServerWorkspaces(this.http, options);
    this.serverHasWorkspaces = workspaces !== undefined;
    if (!this.serverHasWorkspaces) this.workspace = DEFAULT_WORKSPACE;
    this.sendWorkspace();
    return workspaces ?? [DEFAULT_WORKSPACE];
  }

  /** Every request is about `workspace` from now on (MLflow's X-MLFLOW-WORKSPACE header). */
  useWorkspace(workspace: string): void {
    // A server known to lack workspaces has only `default`: a workspace remembered from before
    // its restart without them must not relabel default's experiments.
    this.workspace = this.serverHasWorkspaces === false ? DEFAULT_WORKSPACE : workspace;
    this.sendWorkspace();
  }

  /**
   * A server without workspaces refuses every request that names one, even `default`
   * (FEATURE_DISABLED, mlflow/server/workspace_helpers.py), and a server with them takes no header
   * as its default workspace: so `default` is named only to a server known to have workspaces, and
   * another workspace (only ever picked from a server's own list) whenever it is in use.
   */
  private sendWorkspace(): void {
    const named =
      this.serverHasWorkspaces === true ||
      (this.serverHasWorkspaces === undefined && this.workspace !== DEFAULT_WORKSPACE);
    this.http.workspace = named ? this.workspace : undefined;
  }

  async searchExperiments(
    request: SearchExperimentsRequest = {},
    options?: CallOptions,
  ): Promise<SearchExperimentsResult> {
    const named = this.http.workspace;
    const result = await searchExperiments(this.api, request, options);
    for (const experiment of result.experiments) inWorkspace(experiment, named);
    return result;
  }

  async getExperiment(experimentId: string, options?: CallOptions): Promise<Experiment> {
    const named = this.http.workspace;
    return inWorkspace(await getExperiment(this.api, experimentId, options), named);
  }

  async getExperimentByName(name: string, options?: CallOptions): Promise<Experiment> {
    const named = this.http.workspace;
    return inWorkspace(await getExperimentByName(this.api, name, options), named);
  }

  searchRuns(request: SearchRunsRequest, options?: CallOptions): Promise<SearchRunsResult> {
    return searchRuns(this.api, request, options);
  }

  iterateRuns(request: Omit<SearchRunsRequest, 'pageToken'>, options?: CallOptions): AsyncIterable<Run> {
    return iterateRunPages((page, pageOptions) => this.searchRuns(page, pageOptions), request, options);
  }

  getRun(runId: string, options?: CallOptions): Promise<Run> {
    return getRun(this.api, runId, options);
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

  downloadArtifacts(
    runId: string,
    path: string,
    destinationDir: string,
    options?: DownloadArtifactsOptions,
  ): Promise<string> {
    return new RunArtifacts(this.http, runId).downloadArtifacts(path, destinationDir, options);
  }

  /** Reads `mlflow-artifacts:` URIs (of runs in a local store) through this server's artifact proxy. */
  artifactRepositoryFactory(): ArtifactRepositoryFactory {
    return (artifactUri) => new MlflowArtifactsRepository(this.http, artifactUri);
  }

  createExperiment(
    name: string,
    init: { artifactLocation?: string; tags?: Record<string, string> } = {},
    options?: CallOptions,
  ): Promise<string> {
    return createExperiment(this.api, name, init, options);
  }

  createRun(request: CreateRunRequest, options?: CallOptions): Promise<Run> {
    return createRun(this.api, request, options);
  }

  async logBatch(runId: string, batch: LogBatchRequest, options?: CallOptions): Promise<void> {
    for (const request of splitLogBatch(batch))
      await this.api.write('runs/log-batch', logBatchBody(runId, request), options);
  }

  async logMetric(
    runId: string,
    key: string,
    value: number,
    point: { timestamp?: number; step?: number } = {},
    options?: CallOptions,
  ): Promise<void> {
    const timestamp = point.timestamp ?? Date.now();
    await this.api.write(
      'runs/log-metric',
      { run_id: runId, key, value: doubleToWire(value), timestamp, step: point.step ?? 0 },
      options,
    );
  }

  async logParam(runId: string, key: string, value: string, options?: CallOptions): Promise<void> {
    await this.api.write('runs/log-parameter', { run_id: runId, key, value }, options);
  }

  async setTag(runId: string, key: string, value: string, options?: CallOptions): Promise<void> {
    await this.api.write('runs/set-tag', { run_id: runId, key, value }, options);
  }

  async deleteTag(runId: string, key: string, options?: CallOptions): Promise<void> {
    await this.api.write('runs/delete-tag', { run_id: runId, key }, options);
  }

  updateRun(runId: string, update: UpdateRunRequest, options?: CallOptions): Promise<RunInfo> {
    return updateRun(this.api, runId, update, options);
  }

  async setTerminated(
    runId: string,
    status: RunStatus = 'FINISHED',
    endTime = Date.now(),
    options?: CallOptions,
  ): Promise<void> {
    await this.api.write('runs/update', { run_id: runId, status, end_time: endTime }, options);
  }

  async deleteRun(runId: string, options?: CallOptions): Promise<void> {
    await this.api.write('runs/delete', { run_id: runId }, options);
  }

  async restoreRun(runId: string, options?: CallOptions): Promise<void> {
    await this.api.write('runs/restore', { run_id: runId }, options);
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
export function createMlflowArtifactsRepositoryFactory(
  uri: string,
  options?: RestStoreOptions,
): ArtifactRepositoryFactory {
  return createRestStore(uri, options).artifactRepositoryFactory();
}
