import type { Experiment } from '../tracking/model';
import { countRunKeys, mergeKnownKeys } from '../tracking/search/filterKeys';
import type { KnownKeys } from '../tracking/search/filterKeys';
import type { CallOptions, TrackingStore } from '../tracking/trackingStore';
import { ExperimentRunList } from './experimentRunList';
import type { RunQuery } from './runQuery';

/** What the sidebar model asks of its surroundings each time it builds a run list. */
export interface SidebarOptions {
  pageSize(): number;
  showDeleted(): boolean;
  queryFor(experimentId: string): RunQuery;
}

/** Experiments are few; this page size fetches them in one request almost always. */
const EXPERIMENT_PAGE = 1000;

/**
 * What the MLflow tree shows of one store, with no VS Code in it: the experiments, and the run
 * list of each experiment that has been expanded. Fetches only on demand; a refresh fetches
 * everything shown again and swaps it in only when it has all arrived.
 */
export class SidebarModel {
  private experimentList: readonly Experiment[] | undefined;
  private readonly runLists = new Map<string, ExperimentRunList>();
  /** Keys of run lists this model dropped (another filter, sort), per experiment. */
  private readonly droppedKeys = new Map<string, KnownKeys>();

  constructor(
    readonly store: TrackingStore,
    private readonly options: SidebarOptions,
  ) {}

  /** The experiments, once loaded: Default and the rest by name; deleted ones only when shown. */
  get experiments(): readonly Experiment[] | undefined {
    return this.experimentList;
  }

  experiment(experimentId: string): Experiment | undefined {
    return this.experimentList?.find((experiment) => experiment.experimentId === experimentId);
  }

  async loadExperiments(options?: CallOptions): Promise<void> {
    this.experimentList = await this.fetchExperiments(options);
  }

  /** The run list of an experiment, made (not fetched) on first use with the experiment's current query. */
  runList(experimentId: string): ExperimentRunList {
    let list = this.runLists.get(experimentId);
    if (!list) {
      list = new ExperimentRunList(experimentId, this.store, {
        query: this.options.queryFor(experimentId),
        pageSize: this.options.pageSize(),
        showDeleted: this.options.showDeleted(),
      });
      this.runLists.set(experimentId, list);
    }
    return list;
  }

  /** Forgets an experiment's runs (its query changed); they are fetched again when shown. */
  dropRunList(experimentId: string): void {
    const list = this.runLists.get(experimentId);
    if (list?.isLoaded) this.droppedKeys.set(experimentId, this.knownKeys(experimentId));
    this.runLists.delete(experimentId);
  }

  /**
   * The keys of the experiment's runs seen so far: the current list's and those of lists shown
   * before it (a filter narrows the runs; the keys it is typed against should not narrow with it).
   */
  knownKeys(experimentId: string): KnownKeys {
    const list = this.runLists.get(experimentId);
    const current = list?.isLoaded ? list.knownKeys() : countRunKeys([]);
    const dropped = this.droppedKeys.get(experimentId);
    return dropped ? mergeKnownKeys(dropped, current) : current;
  }

  /** Forgets every run list (deleted runs shown or hidden, page size changed). */
  dropRunLists(): void {
    this.runLists.clear();
  }

  /** The run lists fetched so far, by experiment id. */
  loadedRunLists(): ExperimentRunList[] {
    return [...this.runLists.values()].filter((list) => list.isLoaded);
  }

  /** True while any listed run is RUNNING (auto-refresh is worth it). */
  hasRunningRuns(): boolean {
    return this.loadedRunLists().some((list) => list.runs.some((run) => run.info.status === 'RUNNING'));
  }

  /**
   * Fetches the experiments and every loaded run list again. Run lists reload one by one, each
   * swapped in when complete; `onlyRunning` limits it to lists that show a RUNNING run.
   */
  async refresh(options?: CallOptions & { onlyRunning?: boolean }): Promise<void> {
    if (!options?.onlyRunning && this.experimentList !== undefined)
      this.experimentList = await this.fetchExperiments(options);
    const lists = this.loadedRunLists().filter(
      (list) => !options?.onlyRunning || list.runs.some((run) => run.info.status === 'RUNNING'),
    );
    for (const list of lists) await list.reload(options);
  }

  private async fetchExperiments(options?: CallOptions): Promise<Experiment[]> {
    const experiments: Experiment[] = [];
    let pageToken: string | undefined;
    const seenTokens = new Set<string>();
    do {
      const page = await this.store.searchExperiments(
        { viewType: this.options.showDeleted() ? 'ALL' : 'ACTIVE_ONLY', maxResults: EXPERIMENT_PAGE, pageToken },
        options,
      );
      experiments.push(...page.experiments);
      pageToken = page.experiments.length > 0 ? page.nextPageToken : undefined;
      if (pageToken !== undefined && seenTokens.has(pageToken)) break;
      if (pageToken !== undefined) seenTokens.add(pageToken);
    } while (pageToken);
    return experiments.sort(compareExperiments);
  }
}

/** Default first (MLflow's id 0), then by name as a person reads it; active before deleted. */
function compareExperiments(a: Experiment, b: Experiment): number {
  if ((a.experimentId === '0') !== (b.experimentId === '0')) return a.experimentId === '0' ? -1 : 1;
  if (a.lifecycleStage !== b.lifecycleStage) return a.lifecycleStage === 'active' ? -1 : 1;
  return (
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }) ||
    a.experimentId.localeCompare(b.experimentId)
  );
}
