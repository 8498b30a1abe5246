import type { Experiment, LifecycleStage, Run } from '../model';
import type {
  SearchExperimentsRequest,
  SearchExperimentsResult,
  SearchRunsRequest,
  SearchRunsResult,
} from '../trackingStore';
import { compileExperimentFilter, sortExperiments } from './experimentSearch';
import { parseExperimentFilter, parseRunFilter } from './filterParser';
import type { Comparison } from './filterParser';
import { parseExperimentOrderBy, parseRunOrderBy, type RunOrderClause } from './orderBy';
import { decodePageToken, encodePageToken } from './pageToken';
import { compileRunFilter } from './runPredicates';
import { sortRuns } from './runOrdering';
import { checkMaxResults, checkRequestFields, stagesOf } from './searchRequest';

/** A run search, checked and parsed: what a store needs to answer it. */
export interface RunSearchQuery {
  experimentIds: readonly string[];
  stages: ReadonlySet<LifecycleStage>;
  comparisons: readonly Comparison[];
  order: readonly RunOrderClause[];
  /** The offset the page token carries, as given (SQL treats a negative one as 0). */
  offset: number;
  maxResults: number;
}

/**
 * Checks and parses a run search as an MLflow 3.5.1 server does: `runViewType` (default
 * ACTIVE_ONLY), `filterString`, `orderBy` (default newest first, then by run id), `maxResults`
 * (default 1000) and the offset in `pageToken`. Bad input throws an MlflowError with
 * INVALID_PARAMETER_VALUE (a SearchSyntaxError for filters and order_by).
 */
export function parseRunSearch(request: SearchRunsRequest): RunSearchQuery {
  checkRequestFields(request);
  const maxResults = checkMaxResults(request.maxResults);
  const stages = stagesOf(request.runViewType, 'runViewType');
  const comparisons = parseRunFilter(request.filterString ?? '');
  const order = parseRunOrderBy(request.orderBy ?? []);
  const offset = decodePageToken(request.pageToken);
  return { experimentIds: [...new Set(request.experimentIds)], stages, comparisons, order, offset, maxResults };
}

/** Where a page of a search starts: SQL treats a negative OFFSET as 0. */
export function pageStart(query: RunSearchQuery): number {
  return Math.max(0, query.offset);
}

/**
 * A page of a run search as the server answers it: a full page carries a next-page token even
 * when it is the last one, and the next token counts from the offset given.
 */
export function runSearchPage(runs: Run[], query: RunSearchQuery): SearchRunsResult {
  return runs.length === query.maxResults
    ? { runs, nextPageToken: encodePageToken(query.offset + query.maxResults) }
    : { runs };
}

/**
 * Answers a run search over every run of a local store as an MLflow 3.5.1 server answers it (see
 * parseRunSearch): the runs of `experimentIds` in the lifecycle stages asked for that match the
 * filter, in order, one page.
 */
export function searchRunsLocally(runs: readonly Run[], request: SearchRunsRequest): SearchRunsResult {
  return answerRunSearch(runs, parseRunSearch(request));
}

/**
 * Whether a search reads nothing but the runs' info (status, times, ids, user, artifact URI,
 * lifecycle): no params, metrics, tags or datasets. `run_name` is not such a key: a filter on it
 * reads the `mlflow.runName` tag, and a run's name falls back to that tag when its own is empty.
 */
export function searchesInfoOnly(query: RunSearchQuery): boolean {
  return query.comparisons.every(readsInfoOnly) && query.order.every(readsInfoOnly);
}

/**
 * The search narrowed to the comparisons that read only the runs' info. Filters are conjunctions,
 * so a run this rejects the whole search rejects: what passes are the candidates worth reading.
 */
export function infoOnlyFilter(query: RunSearchQuery): RunSearchQuery {
  return { ...query, comparisons: query.comparisons.filter(readsInfoOnly), order: [] };
}

function readsInfoOnly(clause: { entityType: string; key: string }): boolean {
  return clause.entityType === 'attribute' && clause.key !== 'run_name';
}

/** The runs of a search's experiments and lifecycle stages that its filter matches, in no order. */
export function selectRuns(runs: readonly Run[], query: RunSearchQuery): Run[] {
  const matches = compileRunFilter(query.comparisons);
  const experimentIds = new Set(query.experimentIds);
  return runs.filter(
    (run) => experimentIds.has(run.info.experimentId) && query.stages.has(run.info.lifecycleStage) && matches(run),
  );
}

/** A parsed run search answered over runs held in memory (mlruns/). */
export function answerRunSearch(runs: readonly Run[], query: RunSearchQuery): SearchRunsResult {
  const selected = selectRuns(runs, query);
  const start = pageStart(query);
  return runSearchPage(sortRuns(selected, query.order).slice(start, start + query.maxResults), query);
}

/**
 * Answers an experiment search over every experiment of a local store as the server does:
 * `viewType` (default ACTIVE_ONLY), `filterString` (name, creation_time, last_update_time,
 * tags.<key>), `orderBy` (default newest first), one page of `maxResults` (default 1000). Unlike
 * run searches, a next-page token comes only when more experiments follow.
 */
export function searchExperimentsLocally(
  experiments: readonly Experiment[],
  request: SearchExperimentsRequest,
): SearchExperimentsResult {
  checkRequestFields(request);
  const maxResults = checkMaxResults(request.maxResults);
  const stages = stagesOf(request.viewType, 'viewType');
  const matches = compileExperimentFilter(parseExperimentFilter(request.filterString ?? ''));
  const order = parseExperimentOrderBy(request.orderBy ?? []);
  const offset = decodePageToken(request.pageToken);
  const selected = experiments.filter((experiment) => stages.has(experiment.lifecycleStage) && matches(experiment));
  const start = Math.max(0, offset);
  const page = sortExperiments(selected, order).slice(start, start + maxResults + 1);
  if (page.length <= maxResults) return { experiments: page };
  return { experiments: page.slice(0, maxResults), nextPageToken: encodePageToken(offset + maxResults) };
}
