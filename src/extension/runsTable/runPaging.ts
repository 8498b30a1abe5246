import type { RunsTableHostMessage, TableRow } from '../../webview/protocol';
import type { Run } from '../tracking/model';
import type { CountRunsRequest, TrackingStore } from '../tracking/trackingStore';

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
  /** How many runs the query finds in all, once the store counted them (only stores that count cheaply do). */
  total?: number;
  done: boolean;
}

/**
 * Runs the first request of the table's query asks for: a screenful, as MLflow's own UI pages by
 * 100. Its rows show after a tenth of a full page's transfer, parsing and decoding (a 1,000-run page
 * from a server is 2.4 MB, and about 2 MB as a webview message); the requests after it ask for 1,000.
 */
export const FIRST_PAGE_SIZE = 100;

type RowsMessage = Extract<RunsTableHostMessage, { type: 'runsTable/rows' }>;

/** The `runsTable/rows` message of one page of a query's rows. */
export function rowsMessage(generation: number, rows: TableRow[], page: Omit<RunsPage, 'runs'>): RowsMessage {
  return {
    type: 'runsTable/rows',
    generation,
    rows,
    loaded: page.loaded,
    ...(page.total !== undefined ? { total: page.total } : {}),
    done: page.done,
  };
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
 * server sorts all 10,000 runs, not just the page in hand). When more pages follow the first and
 * the store counts runs (`countRuns`: not servers), the count is asked for then, so it never delays
 * the first rows, and the pages after it carry the total. Stops with MlflowCancelledError when
 * `signal` fires.
 */
export async function pageRuns(
  store: TrackingStore,
  query: TableQuery,
  onPage: (page: RunsPage) => void,
  {
    signal,
    pageSize = TABLE_PAGE_SIZE,
    firstPageSize = pageSize,
  }: { signal?: AbortSignal; pageSize?: number; firstPageSize?: number } = {},
): Promise<number> {
  let loaded = 0;
  let pageToken: string | undefined;
  let total: number | undefined;
  let counting: Promise<void> | undefined;
  do {
    const page = await store.searchRuns(
      {
        experimentIds: [...query.experimentIds],
        ...(query.filter.trim() ? { filterString: query.filter } : {}),
        ...(query.orderBy.length > 0 ? { orderBy: [...query.orderBy] } : {}),
        runViewType: query.showDeleted ? 'ALL' : 'ACTIVE_ONLY',
        maxResults: loaded === 0 ? firstPageSize : pageSize,
        ...(pageToken ? { pageToken } : {}),
      },
      { signal },
    );
    loaded += page.runs.length;
    // A full last page still carries a token, and the next answer is empty: `done` comes with it.
    pageToken = page.nextPageToken || undefined;
    const done = pageToken === undefined;
    if (!done && counting === undefined && store.countRuns)
      counting = store.countRuns(countRequest(query), { signal }).then(
        (count) => void (total = count),
        // The total is only for the progress line: without it the table still loads every run.
        () => undefined,
      );
    // A run logged while paging may make the count stale: a total below what arrived is not shown.
    const known = total !== undefined && total >= loaded ? { total } : {};
    onPage({ runs: page.runs, loaded, ...known, done });
  } while (pageToken !== undefined);
  return loaded;
}

/** The count asked for the table's query: its experiments, filter and run view type. */
function countRequest(query: TableQuery): CountRunsRequest {
  return {
    experimentIds: [...query.experimentIds],
    ...(query.filter.trim() ? { filterString: query.filter } : {}),
    runViewType: query.showDeleted ? 'ALL' : 'ACTIVE_ONLY',
  };
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
      firstPageSize: Math.min(FIRST_PAGE_SIZE, pageSize),
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
