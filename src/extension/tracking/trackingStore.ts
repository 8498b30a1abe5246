/**
 * What every backend provides: an MLflow server (`RestStore`), a local `mlflow.db` (`SqliteStore`)
 * and a local `mlruns/` folder (`FileStore`). Views, panels and commands see only this interface,
 * so every feature works on every backend and one contract suite tests them all.
 *
 * Method and field names are those of MLflow's Python `MlflowClient`, camelCased.
 */
import type { Experiment, FileInfo, Metric, Param, Run, RunInfo, RunStatus, RunTag, ViewType } from './model';

/** Every call takes an optional AbortSignal; a fired signal rejects with MlflowCancelledError. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface SearchExperimentsRequest {
  /** MLflow's experiment filter, e.g. `name LIKE 'demo%' AND tags.team = 'vision'`. */
  filterString?: string;
  /** e.g. `['name ASC', 'last_update_time DESC']`. */
  orderBy?: string[];
  viewType?: ViewType;
  /** Page size; default 1000, at most 50000 (the server's limit). */
  maxResults?: number;
  pageToken?: string;
}

export interface SearchExperimentsResult {
  experiments: Experiment[];
  nextPageToken?: string;
}

export interface SearchRunsRequest {
  experimentIds: string[];
  /** MLflow's run filter, e.g. `metrics.loss < 0.2 AND params.optimizer = 'adam'`. */
  filterString?: string;
  /** e.g. `['metrics.loss ASC', 'attributes.start_time DESC']`. */
  orderBy?: string[];
  runViewType?: ViewType;
  /** Page size; default 1000, at most 50000 (the server's limit). */
  maxResults?: number;
  pageToken?: string;
}

/** A run count asks what a run search asks, without its order and paging. */
export type CountRunsRequest = Pick<SearchRunsRequest, 'experimentIds' | 'filterString' | 'runViewType'>;

export interface SearchRunsResult {
  runs: Run[];
  nextPageToken?: string;
}

export interface SampledMetricHistoryRequest {
  runIds: string[];
  metricKey: string;
  /** Points per run at most; 1..2500 (the server's limit), default 2500. */
  maxResults?: number;
  /** Inclusive step range; both or neither. */
  startStep?: number;
  endStep?: number;
}

/** Sampled histories by run id (null-prototype record), each sorted by step then timestamp. */
export type SampledMetricHistory = Record<string, Metric[]>;

export interface ReadArtifactOptions extends CallOptions {
  /** Read at most this many bytes (for previews); default 10 MiB. */
  maxBytes?: number;
}

export interface ArtifactContent {
  data: Uint8Array;
  /** True when the artifact is longer than `maxBytes` and `data` holds only its start. */
  truncated: boolean;
}

export interface DownloadArtifactsOptions extends CallOptions {
  /** Called after each file is written, with the bytes written so far. */
  onProgress?: (progress: { files: number; bytes: number; path: string }) => void;
}

export interface CreateRunRequest {
  experimentId: string;
  runName?: string;
  /** Milliseconds since the epoch; default now. */
  startTime?: number;
  tags?: Record<string, string>;
}

export interface LogBatchRequest {
  metrics?: Metric[];
  params?: Param[];
  tags?: RunTag[];
}

export interface UpdateRunRequest {
  status?: RunStatus;
  endTime?: number;
  runName?: string;
}

export type StoreKind = 'rest' | 'sqlite' | 'file';

/**
 * Where a store is, as data for titles and choices (no parsing of `description`): an MLflow
 * server, a Databricks workspace, or a local `mlflow.db` file or `mlruns/` folder.
 */
export type StoreLocation =
  | { readonly kind: 'server'; readonly url: string }
  | { readonly kind: 'databricks'; readonly url: string }
  | { readonly kind: 'file'; readonly format: 'mlflow.db' | 'mlruns'; readonly path: string };

export interface TrackingStore {
  readonly kind: StoreKind;
  /** The URI the store was opened with (credentials never included). */
  readonly trackingUri: string;
  /** A short, human description: `http://host:5000`, `mlflow.db in /work/demo`. */
  readonly description: string;
  /** Where the store is (server address, Databricks workspace, local file or folder). */
  readonly location: StoreLocation;
  /** False for local stores: writes reject with MlflowReadOnlyError. */
  readonly writable: boolean;
  /**
   * The root of the store's MLflow web UI, where a run has a page (an MLflow server's address,
   * no credentials); absent when there is none to open (local stores; Databricks, whose run pages
   * live elsewhere in its own UI).
   */
  readonly webUiUrl?: string;

  // Experiments
  searchExperiments(request?: SearchExperimentsRequest, options?: CallOptions): Promise<SearchExperimentsResult>;
  getExperiment(experimentId: string, options?: CallOptions): Promise<Experiment>;
  /** Rejects with RESOURCE_DOES_NOT_EXIST when there is none of that name. */
  getExperimentByName(name: string, options?: CallOptions): Promise<Experiment>;

  // Runs
  searchRuns(request: SearchRunsRequest, options?: CallOptions): Promise<SearchRunsResult>;
  /** Every run matching the request, fetched a page at a time as the caller iterates. */
  iterateRuns(request: Omit<SearchRunsRequest, 'pageToken'>, options?: CallOptions): AsyncIterable<Run>;
  getRun(runId: string, options?: CallOptions): Promise<Run>;

  // Metric history
  /** Every point of one metric of one run, sorted by step then timestamp. */
  getMetricHistory(runId: string, metricKey: string, options?: CallOptions): Promise<Metric[]>;
  /** Histories thinned for charts: each run's first and last point always kept (and min/max when thinned here). */
  getSampledMetricHistory(request: SampledMetricHistoryRequest, options?: CallOptions): Promise<SampledMetricHistory>;

  // Artifacts
  /** The entries directly under `path` (the artifact root when absent); [] for a file or a missing folder. */
  listArtifacts(runId: string, path?: string, options?: CallOptions): Promise<FileInfo[]>;
  readArtifact(runId: string, path: string, options?: ReadArtifactOptions): Promise<ArtifactContent>;
  /**
   * Downloads the file or folder `path` (the whole artifact root when empty) into `destinationDir`,
   * keeping its relative layout; resolves to the local path of what was downloaded. No path from
   * the store can escape `destinationDir`.
   */
  downloadArtifacts(
    runId: string,
    path: string,
    destinationDir: string,
    options?: DownloadArtifactsOptions,
  ): Promise<string>;

  // Writes (RestStore only; local stores reject with MlflowReadOnlyError)
  createExperiment(
    name: string,
    init?: { artifactLocation?: string; tags?: Record<string, string> },
    options?: CallOptions,
  ): Promise<string>;
  createRun(request: CreateRunRequest, options?: CallOptions): Promise<Run>;
  /** Splits into as many requests as the server's limits need (1000 metrics, 100 params, 100 tags, 1000 in all). */
  logBatch(runId: string, batch: LogBatchRequest, options?: CallOptions): Promise<void>;
  logMetric(
    runId: string,
    key: string,
    value: number,
    point?: { timestamp?: number; step?: number },
    options?: CallOptions,
  ): Promise<void>;
  logParam(runId: string, key: string, value: string, options?: CallOptions): Promise<void>;
  setTag(runId: string, key: string, value: string, options?: CallOptions): Promise<void>;
  deleteTag(runId: string, key: string, options?: CallOptions): Promise<void>;
  updateRun(runId: string, update: UpdateRunRequest, options?: CallOptions): Promise<RunInfo>;
  /** Ends a run: status (default FINISHED) and end time (default now). */
  setTerminated(runId: string, status?: RunStatus, endTime?: number, options?: CallOptions): Promise<void>;
  deleteRun(runId: string, options?: CallOptions): Promise<void>;
  restoreRun(runId: string, options?: CallOptions): Promise<void>;
  /** Uploads one local file to `artifactPath/<file name>` (the artifact root when absent). */
  logArtifact(runId: string, localPath: string, artifactPath?: string, options?: CallOptions): Promise<void>;
  /** Uploads the contents of a local folder under `artifactPath`. */
  logArtifacts(runId: string, localDir: string, artifactPath?: string, options?: CallOptions): Promise<void>;

  /**
   * How many runs a search with this filter and run view type finds in all, where the store can
   * tell exactly and cheaply (`mlflow.db`: one COUNT in SQLite; `mlruns/`: from the run listing
   * its searches read anyway). Absent on servers: MLflow's REST API has no count, and paging
   * through every run to count them would cost what the table's own paging costs.
   */
  countRuns?(request: CountRunsRequest, options?: CallOptions): Promise<number>;

  /**
   * A stamp that changes whenever someone commits to the store (local `mlflow.db`: SQLite's
   * data_version, WAL commits included), so a view refreshes only when there is something new.
   * Absent when a store cannot tell cheaply (servers, mlruns/).
   */
  changeStamp?(options?: CallOptions): Promise<string>;

  // Workspaces (MLflow 3.10+): experiment names are unique per workspace and a store is seen one workspace at a time.
  /** The workspaces of the store, `default` first; absent on stores without workspaces. */
  listWorkspaces?(options?: CallOptions): Promise<string[]>;
  /** The workspace experiment searches and names refer to from now on (`default` until set). */
  useWorkspace?(workspace: string): void;
  /** The workspace in use, on stores with workspaces. */
  readonly currentWorkspace?: string;

  /** Releases what the store holds (sockets, an open database). */
  dispose(): void;
}
