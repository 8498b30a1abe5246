import type { CallOptions, TrackingStore } from '../tracking/trackingStore';
import { commitFilter } from './runQuery';

/** How many active runs were logged at the given commits, per experiment. */
export interface RunsAtCommits {
  total: number;
  /** True when there are more than were counted (the count is a lower bound). */
  more: boolean;
  byExperiment: ReadonlyMap<string, number>;
}

/** One request counts this many at most; the status bar then says `1000+`. */
const COUNT_LIMIT = 1000;

/** Counts the runs of `experimentIds` whose `mlflow.source.git.commit` is one of `commits`, in one search. */
export async function countRunsAtCommits(
  store: Pick<TrackingStore, 'searchRuns'>,
  experimentIds: readonly string[],
  commits: readonly string[],
  options?: CallOptions,
): Promise<RunsAtCommits> {
  if (experimentIds.length === 0 || commits.length === 0) return { total: 0, more: false, byExperiment: new Map() };
  const page = await store.searchRuns(
    {
      experimentIds: [...experimentIds],
      filterString: commitFilter(commits),
      runViewType: 'ACTIVE_ONLY',
      maxResults: COUNT_LIMIT,
    },
    options,
  );
  const byExperiment = new Map<string, number>();
  for (const run of page.runs) byExperiment.set(run.info.experimentId, (byExperiment.get(run.info.experimentId) ?? 0) + 1);
  return { total: page.runs.length, more: page.runs.length === COUNT_LIMIT && page.nextPageToken !== undefined, byExperiment };
}
