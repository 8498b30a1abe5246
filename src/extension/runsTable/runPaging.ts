import type { Run } from '../tracking/model';
import type { TrackingStore } from '../tracking/trackingStore';

/** Runs per `runs/search` request: MLflow's default page, which a server answers in one go. */
export const TABLE_PAGE_SIZE = 1000;

/** What the table asks the store for: MLflow's filter and `order_by`, over one or more experiments. */
export interface TableQuery {
  experimentIds: readonly string[];
  filter: string;
  /** MLflow `order_by` clauses, e.g. `metrics.loss ASC`. */
  orderBy: readonly string[];
  showDeleted: boolean;
}

/** One page as it arrived: its runs, how many runs have arrived in all, and whether it was the last. */
export interface RunsPage {
  runs: Run[];
  loaded: number;
  done: boolean;
}

/** Two queries ask for the same runs in the same order. */
export function sameQuery(a: TableQuery, b: TableQuery): boolean {
  return (
    a.filter === b.filter &&
    a.showDeleted === b.showDeleted &&
    a.experimentIds.join('\n') === b.experimentIds.join('\n') &&
    a.orderBy.join('\n') === b.orderBy.join('\n')
  );
}

/**
 * Pages through every run matching the query, handing each page over as soon as it arrives, so the
 * first rows show within the time of one request and the rest fill in behind. The store sorts (a
 * server sorts all 10,000 runs, not just the page in hand). Stops with MlflowCancelledError when
 * `signal` fires.
 */
export async function pageRuns(
  store: TrackingStore,
  query: TableQuery,
  onPage: (page: RunsPage) => void,
  { signal, pageSize = TABLE_PAGE_SIZE }: { signal?: AbortSignal; pageSize?: number } = {},
): Promise<number> {
  let loaded = 0;
  let pageToken: string | undefined;
  do {
    const page = await store.searchRuns(
      {
        experimentIds: [...query.experimentIds],
        ...(query.filter.trim() ? { filterString: query.filter } : {}),
        ...(query.orderBy.length > 0 ? { orderBy: [...query.orderBy] } : {}),
        runViewType: query.showDeleted ? 'ALL' : 'ACTIVE_ONLY',
        maxResults: pageSize,
        ...(pageToken ? { pageToken } : {}),
      },
      { signal },
    );
    loaded += page.runs.length;
    // A full last page still carries a token, and the next answer is empty: `done` comes with it.
    pageToken = page.nextPageToken || undefined;
    onPage({ runs: page.runs, loaded, done: pageToken === undefined });
  } while (pageToken !== undefined);
  return loaded;
}

/**
 * The table's loading, one query at a time: each query gets the next generation number, and
 * starting one cancels the paging of the one before, whose late pages are then never reported.
 */
export class TableLoading {
  private generation = 0;
  private controller: AbortController | undefined;

  /** The generation of the query started last (0 before any). */
  get current(): number {
    return this.generation;
  }

  /**
   * Starts paging `query`; `onPage` and `onFailure` hear only from this generation while it is the
   * current one. Resolves when the paging ended (done, failed or cancelled).
   */
  start(
    store: TrackingStore,
    query: TableQuery,
    onPage: (generation: number, page: RunsPage) => void,
    onFailure: (generation: number, error: unknown) => void,
    pageSize = TABLE_PAGE_SIZE,
  ): { generation: number; finished: Promise<void> } {
    this.cancel();
    const generation = ++this.generation;
    const controller = new AbortController();
    this.controller = controller;
    const isCurrent = () => generation === this.generation && !controller.signal.aborted;
    const finished = pageRuns(store, query, (page) => isCurrent() && onPage(generation, page), {
      signal: controller.signal,
      pageSize,
    }).then(
      () => undefined,
      (error: unknown) => {
        if (isCurrent()) onFailure(generation, error);
      },
    );
    return { generation, finished };
  }

  /** Stops the paging under way, if any. */
  cancel(): void {
    this.controller?.abort();
    this.controller = undefined;
  }
}
