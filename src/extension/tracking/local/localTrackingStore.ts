import { checkArtifactPath } from '../artifactPaths';
import type { ArtifactRepository, ArtifactRepositoryFactory } from '../artifactRepository';
import { MlflowError, throwIfAborted } from '../errors';
import { DEFAULT_WORKSPACE, keyedRecord, type Experiment, type FileInfo, type Metric, type Run } from '../model';
import { iterateRunPages } from '../paging';
import {
  answerRunSearch,
  parseRunSearch,
  searchExperimentsLocally,
  selectRuns,
  type RunSearchQuery,
} from '../search/localSearch';
import type {
  ArtifactContent,
  CallOptions,
  CountRunsRequest,
  DownloadArtifactsOptions,
  ReadArtifactOptions,
  SampledMetricHistory,
  SampledMetricHistoryRequest,
  SearchExperimentsRequest,
  SearchExperimentsResult,
  SearchRunsRequest,
  SearchRunsResult,
  StoreKind,
  StoreLocation,
  TrackingStore,
} from '../trackingStore';
import { artifactRepositoryFor, type RunArtifactLocation } from './artifactLocation';
import { experimentNameNotFound, experimentNotFound, runNotFound } from './localErrors';
import { ReadOnlyTrackingStore } from './readOnlyStore';
import { sampledMaxResults, sampleHistory } from './sampledHistory';
import type { StoreProblem } from './storeProblems';

/** What both local stores accept when opened. */
export interface LocalStoreOptions {
  /** Reads artifacts a local store cannot reach itself (`mlflow-artifacts:` URIs need their server). */
  artifactRepositoryFor?: ArtifactRepositoryFactory;
}

/**
 * The read half of `TrackingStore` for a store on this machine, built on four primitives each
 * store implements (experiments, runs of some experiments, one run, one metric history):
 * searches go through the shared local search, so filters, order and paging mean on `mlflow.db`
 * and `mlruns/` what they mean on a server. Runs and experiments handed out are the store's cached
 * copies: callers treat them as read-only.
 */
export abstract class LocalTrackingStore extends ReadOnlyTrackingStore implements TrackingStore {
  abstract readonly kind: StoreKind;
  abstract readonly trackingUri: string;
  abstract readonly location: StoreLocation;
  /** What could not be read in the latest reads (bad files are skipped, never fatal). */
  abstract readonly problems: readonly StoreProblem[];

  /** The workspace asked for (MLflow 3.10+ stores): remembered by the sidebar, maybe from another store. */
  private requestedWorkspace = DEFAULT_WORKSPACE;
  /** The workspace searched and named in; stores without workspaces are all `default`. */
  protected workspace = DEFAULT_WORKSPACE;

  constructor(private readonly options: LocalStoreOptions) {
    super();
  }

  get currentWorkspace(): string {
    return this.workspace;
  }

  /** Experiment searches, names and ids refer to this workspace from now on, while the store has it. */
  useWorkspace(workspace: string): void {
    this.requestedWorkspace = workspace;
    this.workspace = workspace;
  }

  /**
   * The workspaces of the store (MLflow 3.10+), `default` first; none on a store from before
   * workspaces. The one in use follows the list (see shownWorkspace).
   */
  async listWorkspaces(options?: CallOptions): Promise<string[]> {
    throwIfAborted(options?.signal);
    const workspaces = await this.loadWorkspaces();
    this.workspace = shownWorkspace(this.requestedWorkspace, workspaces);
    return workspaces;
  }

  /** The workspaces the store has, as MLflow lists them; none by default (stores without workspaces). */
  protected loadWorkspaces(): Promise<string[]> {
    return Promise.resolve([]);
  }

  /** The experiments of the current workspace, as MLflow shows one workspace at a time. */
  private async workspaceExperiments(signal?: AbortSignal): Promise<Experiment[]> {
    const experiments = await this.loadExperiments(signal);
    this.workspace = shownWorkspace(this.requestedWorkspace, await this.loadWorkspaces());
    return experiments.filter((experiment) => (experiment.workspace ?? DEFAULT_WORKSPACE) === this.workspace);
  }

  /** Every experiment, active and deleted. */
  protected abstract loadExperiments(signal?: AbortSignal): Promise<Experiment[]>;
  /** Every run (all lifecycle stages) of these experiments, with data, inputs and outputs. */
  protected abstract loadRuns(experimentIds: readonly string[], signal?: AbortSignal): Promise<Run[]>;

  /**
   * One page of a checked run search. By default every run of the experiments is loaded and the
   * search answered in memory; a store that can search itself (SQLite) answers it there.
   */
  protected async findRuns(query: RunSearchQuery, signal?: AbortSignal): Promise<SearchRunsResult> {
    const runs = await this.loadRuns(query.experimentIds, signal);
    throwIfAborted(signal);
    return answerRunSearch(runs, query);
  }

  /**
   * How many runs of a checked search match, in all. By default the runs of the experiments are
   * loaded and the search's selection counted; a store that counts itself (SQLite) does it there.
   */
  protected async countMatching(query: RunSearchQuery, signal?: AbortSignal): Promise<number> {
    const runs = await this.loadRuns(query.experimentIds, signal);
    throwIfAborted(signal);
    return selectRuns(runs, query).length;
  }
  protected abstract loadRun(runId: string, signal?: AbortSignal): Promise<Run | undefined>;
  /** Every point, sorted by step then timestamp; [] for an unknown run or key, as the server answers (080, 149). */
  protected abstract loadMetricHistory(runId: string, metricKey: string, signal?: AbortSignal): Promise<Metric[]>;
  protected abstract artifactLocation(run: Run): RunArtifactLocation;
  abstract dispose(): void;

  async searchExperiments(
    request: SearchExperimentsRequest = {},
    options?: CallOptions,
  ): Promise<SearchExperimentsResult> {
    throwIfAborted(options?.signal);
    return searchExperimentsLocally(await this.workspaceExperiments(options?.signal), request);
  }

  async getExperiment(experimentId: string, options?: CallOptions): Promise<Experiment> {
    const experiments = await this.workspaceExperiments(options?.signal);
    return (
      experiments.find((experiment) => experiment.experimentId === experimentId) ??
      throwError(experimentNotFound(experimentId))
    );
  }

  async getExperimentByName(name: string, options?: CallOptions): Promise<Experiment> {
    const experiments = await this.workspaceExperiments(options?.signal);
    return experiments.find((experiment) => experiment.name === name) ?? throwError(experimentNameNotFound(name));
  }

  async searchRuns(request: SearchRunsRequest, options?: CallOptions): Promise<SearchRunsResult> {
    throwIfAborted(options?.signal);
    if (!Array.isArray(request.experimentIds)) throw invalid('experimentIds must be a list of experiment ids');
    return this.findRuns(parseRunSearch(request), options?.signal);
  }

  /** How many runs `searchRuns` finds in all for this filter and run view type (checked the same way). */
  async countRuns(request: CountRunsRequest, options?: CallOptions): Promise<number> {
    throwIfAborted(options?.signal);
    if (!Array.isArray(request.experimentIds)) throw invalid('experimentIds must be a list of experiment ids');
    const { experimentIds, filterString, runViewType } = request;
    return this.countMatching(parseRunSearch({ experimentIds, filterString, runViewType }), options?.signal);
  }

  iterateRuns(request: Omit<SearchRunsRequest, 'pageToken'>, options?: CallOptions): AsyncIterable<Run> {
    return iterateRunPages((page, pageOptions) => this.searchRuns(page, pageOptions), request, options);
  }

  async getRun(runId: string, options?: CallOptions): Promise<Run> {
    throwIfAborted(options?.signal);
    return (await this.loadRun(runId, options?.signal)) ?? throwError(runNotFound(runId));
  }

  async getMetricHistory(runId: string, metricKey: string, options?: CallOptions): Promise<Metric[]> {
    throwIfAborted(options?.signal);
    if (typeof metricKey !== 'string' || metricKey === '') throw invalid('a metric key is required');
    return this.loadMetricHistory(runId, metricKey, options?.signal);
  }

  async getSampledMetricHistory(
    request: SampledMetricHistoryRequest,
    options?: CallOptions,
  ): Promise<SampledMetricHistory> {
    const maxResults = sampledMaxResults(request);
    const sampled = keyedRecord<Metric[]>();
    for (const runId of request.runIds) {
      const history = await this.getMetricHistory(runId, request.metricKey, options);
      sampled[runId] = sampleHistory(history, request, maxResults);
    }
    return sampled;
  }

  // Paths are checked before the artifacts are located, so a hostile path is refused alike on
  // every store, whether or not this one can reach the run's artifacts.
  async listArtifacts(runId: string, path = '', options?: CallOptions): Promise<FileInfo[]> {
    const checked = checkArtifactPath(path);
    return (await this.artifactRepository(runId, options)).listArtifacts(checked, options);
  }

  async readArtifact(runId: string, path: string, options?: ReadArtifactOptions): Promise<ArtifactContent> {
    const checked = checkArtifactPath(path);
    return (await this.artifactRepository(runId, options)).readArtifact(checked, options);
  }

  async downloadArtifacts(
    runId: string,
    path: string,
    destinationDir: string,
    options?: DownloadArtifactsOptions,
  ): Promise<string> {
    const checked = checkArtifactPath(path);
    return (await this.artifactRepository(runId, options)).downloadArtifacts(checked, destinationDir, options);
  }

  private async artifactRepository(runId: string, options?: CallOptions): Promise<ArtifactRepository> {
    const run = await this.getRun(runId, options);
    return artifactRepositoryFor(this.artifactLocation(run), this.options.artifactRepositoryFor);
  }
}

/**
 * The workspace shown for the one asked for: it, while the store has it; `default` on a store
 * without workspaces (everything there is `default`'s, whatever was remembered for another store);
 * else the store's first (`default` when there), so a store whose workspaces are all others still
 * shows experiments rather than an empty `default`.
 */
function shownWorkspace(requested: string, workspaces: readonly string[]): string {
  if (workspaces.length === 0) return DEFAULT_WORKSPACE;
  return workspaces.includes(requested) ? requested : workspaces[0]!;
}

function throwError(error: Error): never {
  throw error;
}

function invalid(message: string): MlflowError {
  return new MlflowError(message, 'INVALID_PARAMETER_VALUE');
}
