import type { Run } from '../model';
import type { KnownKeys } from '../../../webview/shared/filterCompletion';

/*
 * The keys runs logged, counted per entity type, for editors of a filter. Completing them as the
 * user types (webview/shared/filterCompletion) and checking a filter's keys against them
 * (webview/shared/unknownFilterKeys) are shared by the sidebar and the runs table.
 */

/** How many of `runs` have each metric, param and tag key. */
export function countRunKeys(runs: Iterable<Run>): KnownKeys {
  const counts = {
    metric: new Map<string, number>(),
    param: new Map<string, number>(),
    tag: new Map<string, number>(),
  };
  const count = (map: Map<string, number>, record: object): void => {
    for (const key of Object.keys(record)) map.set(key, (map.get(key) ?? 0) + 1);
  };
  for (const run of runs) {
    count(counts.metric, run.data.metrics);
    count(counts.param, run.data.params);
    count(counts.tag, run.data.tags);
  }
  return counts;
}

/**
 * Keys known to either, e.g. from two searches of one experiment; a count is the larger of the
 * two (at least that many runs have the key: the searches may share runs, so counts never add).
 */
export function mergeKnownKeys(a: KnownKeys, b: KnownKeys): KnownKeys {
  const merge = (x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>): Map<string, number> => {
    const result = new Map(x);
    for (const [key, count] of y) result.set(key, Math.max(result.get(key) ?? 0, count));
    return result;
  };
  return { metric: merge(a.metric, b.metric), param: merge(a.param, b.param), tag: merge(a.tag, b.tag) };
}
