import type { Run } from '../tracking/model';
import type { TrackingStore } from '../tracking/trackingStore';
import { pageRuns } from './runPaging';
import type { TableQuery } from './runPaging';

/** Running runs fetched again per refresh at most (each is one request to a server). */
const MAX_RUNNING_REFETCHED = 200;

/** New runs looked for per refresh at most: one page. */
const NEW_RUNS_PAGE = 1000;

/**
 * The runs of the query that are new or changed since `loaded` was read. With `wholeQuery` (a
 * local store that said it changed: reading it again is cheap) every run of the query is read
 * again; otherwise (a server, every few seconds) only the runs still running are fetched, and the
 * runs started since the latest one shown, by the same filter and order, so a training script's
 * new runs appear without paging 10,000 runs again.
 */
export async function liveRefresh(
  store: TrackingStore,
  query: TableQuery,
  loaded: ReadonlyMap<string, Run>,
  { wholeQuery, signal }: { wholeQuery: boolean; signal?: AbortSignal },
): Promise<Run[]> {
  const fresh: Run[] = [];
  if (wholeQuery) {
    await pageRuns(store, query, (page) => fresh.push(...page.runs), { signal });
  } else {
    const running = [...loaded.values()]
      .filter((run) => run.info.status === 'RUNNING' || run.info.status === 'SCHEDULED')
      .slice(0, MAX_RUNNING_REFETCHED);
    fresh.push(...(await Promise.all(running.map((run) => store.getRun(run.info.runId, { signal })))));
    const latest = [...loaded.values()].reduce((max, run) => Math.max(max, run.info.startTime ?? 0), 0);
    const since = `attributes.start_time >= ${latest}`;
    const { runs } = await store.searchRuns(
      {
        experimentIds: [...query.experimentIds],
        filterString: query.filter.trim() ? `${query.filter} AND ${since}` : since,
        ...(query.orderBy.length > 0 ? { orderBy: [...query.orderBy] } : {}),
        runViewType: query.showDeleted ? 'ALL' : 'ACTIVE_ONLY',
        maxResults: NEW_RUNS_PAGE,
      },
      { signal },
    );
    fresh.push(...runs);
  }
  const seen = new Set<string>();
  return fresh.filter((run) => {
    if (seen.has(run.info.runId)) return false;
    seen.add(run.info.runId);
    const before = loaded.get(run.info.runId);
    return before === undefined || JSON.stringify(before) !== JSON.stringify(run);
  });
}
