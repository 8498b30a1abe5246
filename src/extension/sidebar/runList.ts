import { isRunId } from '../../webview/shared/mlflowIds';
import type { Experiment, Run, ViewType } from '../tracking/model';
import { countRunKeys, mergeKnownKeys } from '../tracking/search/filterKeys';
import type { KnownKeys } from '../../webview/shared/filterCompletion';
import type { CallOptions, TrackingStore, SearchRunsRequest, SearchRunsResult } from '../tracking/trackingStore';
import type { RunQuery } from './runQuery';
import type { ExperimentRunsSummary } from './presentation';
import { orderByClause } from './runQuery';
import { SystemTags } from '../tracking/model';

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
    /** Read each time a run list is made, so a changed setting or query applies to the next list. */
    private readonly options: {
      pageSize(): number;
      showDeleted(): boolean;
      queryFor(experimentId: string): RunQuery;
    },
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

/** The store call a run list needs. */
export type RunSource = Pick<TrackingStore, 'searchRuns'>;

export interface RunListOptions {
  query: RunQuery;
  pageSize: number;
  showDeleted: boolean;
}

/** The server takes at most this many ids in one request without complaint; keep filters short. */
const PARENT_IDS_PER_REQUEST = 100;
/** How far up a chain of missing parents is followed (MLflow nests a few levels at most). */
const MAX_PARENT_DEPTH = 10;
/** The server's limit for one page. */
const MAX_PAGE = 50000;

/**
 * The runs of one experiment as far as they have been paged in, for one query (filter, sort,
 * deleted or not). Nothing is fetched until asked; every fetch replaces the state only once it
 * has fully succeeded, so a failed or cancelled load leaves what was shown intact.
 */
export class ExperimentRunList {
  private listed: readonly Run[] = [];
  private parents: readonly Run[] = [];
  /** Runs of the experiment fetched without the filter, only when the filter matched none. */
  private unfiltered: readonly Run[] = [];
  private cachedKeys: KnownKeys | undefined;
  private nextPageToken: string | undefined;
  private started = false;
  private cachedForest: RunForest | undefined;
  private tail: Promise<void> = Promise.resolve();
  private pendingPage: Promise<void> | undefined;

  constructor(
    readonly experimentId: string,
    private readonly source: RunSource,
    readonly options: RunListOptions,
  ) {}

  /** True once the first page has arrived. */
  get isLoaded(): boolean {
    return this.started;
  }

  get hasMore(): boolean {
    return this.nextPageToken !== undefined;
  }

  get summary(): ExperimentRunsSummary {
    return { loaded: this.listed.length, complete: !this.hasMore };
  }

  /** Every run listed so far (search results only), in search order. */
  get runs(): readonly Run[] {
    return this.listed;
  }

  forest(): RunForest {
    this.cachedForest ??= buildRunForest(this.listed, this.parents);
    return this.cachedForest;
  }

  /**
   * The metric, param and tag keys of the runs fetched (listed, their parents, and, when the
   * filter matched nothing, a page of the experiment's runs without it), each with its run count.
   */
  knownKeys(): KnownKeys {
    this.cachedKeys ??= countRunKeys([...this.listed, ...this.parents, ...this.unfiltered]);
    return this.cachedKeys;
  }

  /**
   * Fetches the first page, or the next one after what is listed. A second call while one is
   * under way joins it (a double click loads one page, not two).
   */
  loadNextPage(options?: CallOptions): Promise<void> {
    this.pendingPage ??= this.enqueue(async () => {
      if (this.started && !this.hasMore) return;
      const page = await this.fetch(this.options.pageSize, this.nextPageToken, options);
      await this.commit([...this.listed, ...page.runs], page.nextPageToken, options);
    }).finally(() => (this.pendingPage = undefined));
    return this.pendingPage;
  }

  /**
   * Fetches again as many runs as are listed now (at least one page), so a refresh shows fresh
   * values without collapsing what the user paged in.
   */
  reload(options?: CallOptions): Promise<void> {
    return this.enqueue(async () => {
      const count = Math.min(MAX_PAGE, Math.max(this.options.pageSize, this.listed.length));
      const page = await this.fetch(count, undefined, options);
      await this.commit(page.runs, page.nextPageToken, options);
    });
  }

  /** Loads and reloads run one after another, so pages are never interleaved. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async commit(listed: Run[], nextPageToken: string | undefined, options?: CallOptions): Promise<void> {
    const parents = await this.fetchMissingParents(listed, options);
    const unfiltered = await this.fetchUnfilteredIfNoMatch(listed, options);
    this.listed = listed;
    this.parents = parents;
    this.unfiltered = unfiltered;
    this.cachedKeys = undefined;
    // MLflow hands out a token after a full last page; an empty page after it ends the list.
    this.nextPageToken = nextPageToken && listed.length > 0 ? nextPageToken : undefined;
    this.started = true;
    this.cachedForest = undefined;
  }

  /**
   * When the filter matches no run, one page of the experiment's runs without it: the keys they
   * have are what a misspelt key in the filter is told apart by ("no run has metric acuracy").
   */
  private async fetchUnfilteredIfNoMatch(listed: readonly Run[], options?: CallOptions): Promise<Run[]> {
    if (listed.length > 0 || this.options.query.filter === undefined) return [];
    const page = await this.source.searchRuns(
      { experimentIds: [this.experimentId], runViewType: this.viewType(), maxResults: this.options.pageSize },
      options,
    );
    return [...page.runs];
  }

  private async fetch(
    maxResults: number,
    pageToken: string | undefined,
    options?: CallOptions,
  ): Promise<SearchRunsResult> {
    const page = await this.source.searchRuns(this.request({ maxResults, pageToken }), options);
    // A page that adds nothing new means the list has ended, whatever the token says.
    if (pageToken !== undefined && page.runs.length === 0) return { runs: [], nextPageToken: undefined };
    return page;
  }

  private request(extra: Pick<SearchRunsRequest, 'maxResults' | 'pageToken' | 'filterString'>): SearchRunsRequest {
    return {
      experimentIds: [this.experimentId],
      filterString: this.options.query.filter,
      orderBy: [orderByClause(this.options.query.sort)],
      runViewType: this.viewType(),
      ...extra,
    };
  }

  private viewType(): ViewType {
    return this.options.showDeleted ? 'ALL' : 'ACTIVE_ONLY';
  }

  /**
   * Parents named by listed runs but not listed themselves (on another page, or outside the
   * filter), fetched by id so children can nest under them; followed up the chain.
   */
  private async fetchMissingParents(listed: readonly Run[], options?: CallOptions): Promise<Run[]> {
    const known = new Set(listed.map((run) => run.info.runId));
    const fetched: Run[] = [];
    let frontier: readonly Run[] = listed;
    for (let depth = 0; depth < MAX_PARENT_DEPTH; depth++) {
      const missing = missingParentIds(frontier, known);
      if (missing.length === 0) break;
      missing.forEach((runId) => known.add(runId));
      frontier = await this.fetchRunsById(missing, options);
      fetched.push(...frontier);
    }
    return fetched;
  }

  private async fetchRunsById(runIds: readonly string[], options?: CallOptions): Promise<Run[]> {
    const runs: Run[] = [];
    for (let start = 0; start < runIds.length; start += PARENT_IDS_PER_REQUEST) {
      const chunk = runIds.slice(start, start + PARENT_IDS_PER_REQUEST);
      const filterString = `attributes.run_id IN (${chunk.map((runId) => `'${runId}'`).join(', ')})`;
      const page = await this.source.searchRuns(
        { experimentIds: [this.experimentId], filterString, runViewType: this.viewType(), maxResults: chunk.length },
        options,
      );
      runs.push(...page.runs);
    }
    return runs;
  }
}

/** Parent ids named by `runs` that are not yet known; ids that are not run ids (tags are free text) are left alone. */
function missingParentIds(runs: readonly Run[], known: ReadonlySet<string>): string[] {
  const missing = new Set<string>();
  for (const run of runs) {
    const parent = parentRunIdOf(run);
    if (parent !== undefined && !known.has(parent) && isRunId(parent)) missing.add(parent);
  }
  return [...missing];
}

/**
 * Runs of one experiment arranged as MLflow nests them: each child (`mlflow.parentRunId`) under
 * its parent, at any depth. Order follows the search: a parent stands where its first-listed
 * descendant would, so the newest activity stays on top whatever the sort, and a sweep sorted by
 * a metric stands where its best trial does (it is one result); `placedBy` says which run that is.
 */
export interface RunForest {
  /** Run ids at the top level, in display order. */
  readonly roots: readonly string[];
  /** The children of `runId` in display order; [] for a leaf. */
  childrenOf(runId: string): readonly string[];
  /** The parent shown above `runId`, undefined at the top level. */
  parentOf(runId: string): string | undefined;
  run(runId: string): Run | undefined;
  /** False for a parent fetched only to nest listed runs under it. */
  isListed(runId: string): boolean;
  /**
   * The descendant whose place in the search puts `runId` where it stands, when that is not the
   * run itself (e.g. the best trial of a sweep, sorted by a metric); undefined otherwise.
   */
  placedBy(runId: string): string | undefined;
}

/** The parent a run names, or undefined when it names none (or itself). */
export function parentRunIdOf(run: Run): string | undefined {
  const parentRunId = run.data.tags[SystemTags.parentRunId]?.trim();
  return parentRunId && parentRunId !== run.info.runId ? parentRunId : undefined;
}

/**
 * Nests `listed` (search results, in order) plus `parents` (runs fetched only because a listed run
 * names them as parent). A run whose parent is absent stays at the top level; a parent chain that
 * loops (tags are free text) is cut where the loop would close, so every run is shown once.
 */
export function buildRunForest(listed: readonly Run[], parents: readonly Run[] = []): RunForest {
  const byId = new Map<string, Run>();
  const rank = new Map<string, number>();
  listed.forEach((run, index) => {
    if (!byId.has(run.info.runId)) {
      byId.set(run.info.runId, run);
      rank.set(run.info.runId, index);
    }
  });
  for (const run of parents) if (!byId.has(run.info.runId)) byId.set(run.info.runId, run);

  const parentOf = linkParents(byId, rank);
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const runId of byId.keys()) {
    const parent = parentOf.get(runId);
    if (parent === undefined) roots.push(runId);
    else {
      const siblings = children.get(parent);
      if (siblings) siblings.push(runId);
      else children.set(parent, [runId]);
    }
  }
  const order = subtreeRanks(roots, children, rank);
  const byRank = (a: string, b: string): number => order.get(a)!.rank - order.get(b)!.rank;
  roots.sort(byRank);
  for (const list of children.values()) list.sort(byRank);
  return {
    roots,
    childrenOf: (runId) => children.get(runId) ?? [],
    parentOf: (runId) => parentOf.get(runId),
    run: (runId) => byId.get(runId),
    isListed: (runId) => rank.has(runId),
    placedBy: (runId) => {
      const by = order.get(runId)?.by;
      return by === runId ? undefined : by;
    },
  };
}

/** Child -> parent for every run whose parent is present, visiting runs in rank order so loops break the same way every time. */
function linkParents(byId: ReadonlyMap<string, Run>, rank: ReadonlyMap<string, number>): Map<string, string> {
  const parentOf = new Map<string, string>();
  const visitOrder = [...byId.keys()].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity));
  for (const runId of visitOrder) {
    const parent = parentRunIdOf(byId.get(runId)!);
    if (parent !== undefined && byId.has(parent) && !isAncestorOrSelf(runId, parent, parentOf)) {
      parentOf.set(runId, parent);
    }
  }
  return parentOf;
}

function isAncestorOrSelf(candidate: string, start: string, parentOf: ReadonlyMap<string, string>): boolean {
  for (let current: string | undefined = start; current !== undefined; current = parentOf.get(current)) {
    if (current === candidate) return true;
  }
  return false;
}

/** Each run's sort key: the best rank in its subtree and the run holding it (a fetched parent has no rank of its own). */
function subtreeRanks(
  roots: readonly string[],
  children: ReadonlyMap<string, readonly string[]>,
  rank: ReadonlyMap<string, number>,
): Map<string, { rank: number; by: string | undefined }> {
  const order = new Map<string, { rank: number; by: string | undefined }>();
  const visit = (runId: string): { rank: number; by: string | undefined } => {
    const own = rank.get(runId);
    let best = { rank: own ?? Infinity, by: own === undefined ? undefined : runId };
    for (const child of children.get(runId) ?? []) {
      const placed = visit(child);
      if (placed.rank < best.rank) best = placed;
    }
    order.set(runId, best);
    return best;
  };
  roots.forEach(visit);
  return order;
}
