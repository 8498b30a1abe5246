import type { CallOptions, TrackingStore } from '../tracking/trackingStore';
import { commitFilter } from './runQuery';

/** How many active runs were logged at one commit, per experiment. */
export interface RunsAtCommit {
  commit: string;
  total: number;
  /** True when there are more than were counted (the count is a lower bound). */
  more: boolean;
  byExperiment: ReadonlyMap<string, number>;
}

/** One request counts this many at most; the status bar then says `1000+`. */
const COUNT_LIMIT = 1000;

/**
 * Counts, for each of `commits`, the active runs of `experimentIds` whose
 * `mlflow.source.git.commit` is that commit: one search per commit (MLflow has no OR).
 */
export async function countRunsAtCommits(
  store: Pick<TrackingStore, 'searchRuns'>,
  experimentIds: readonly string[],
  commits: readonly string[],
  options?: CallOptions,
): Promise<RunsAtCommit[]> {
  if (experimentIds.length === 0) return [];
  const counts: RunsAtCommit[] = [];
  for (const commit of commits) {
    const page = await store.searchRuns(
      {
        experimentIds: [...experimentIds],
        filterString: commitFilter(commit),
        runViewType: 'ACTIVE_ONLY',
        maxResults: COUNT_LIMIT,
      },
      options,
    );
    const byExperiment = new Map<string, number>();
    for (const run of page.runs)
      byExperiment.set(run.info.experimentId, (byExperiment.get(run.info.experimentId) ?? 0) + 1);
    const more = page.runs.length === COUNT_LIMIT && page.nextPageToken !== undefined;
    counts.push({ commit, total: page.runs.length, more, byExperiment });
  }
  return counts;
}
