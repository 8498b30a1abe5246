import type { Run, ViewType } from '../tracking/model';
import { countRunKeys } from '../tracking/search/filterKeys';
import type { KnownKeys } from '../tracking/search/filterKeys';
import type { CallOptions, SearchRunsRequest, SearchRunsResult, TrackingStore } from '../tracking/trackingStore';
import type { ExperimentRunsSummary } from './experimentPresentation';
import { buildRunForest, parentRunIdOf } from './runForest';
import type { RunForest } from './runForest';
import { orderByClause } from './runQuery';
import type { RunQuery } from './runQuery';
import { isRunId } from '../../webview/shared/mlflowIds';

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
