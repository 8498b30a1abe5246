import type { Experiment, Run } from '../model';
import type {
  SearchExperimentsRequest,
  SearchExperimentsResult,
  SearchRunsRequest,
  SearchRunsResult,
} from '../trackingStore';
import { compileExperimentFilter, sortExperiments } from './experimentSearch';
import { parseExperimentFilter, parseRunFilter } from './filterParser';
import { parseExperimentOrderBy, parseRunOrderBy } from './orderBy';
import { decodePageToken, encodePageToken } from './pageToken';
import { compileRunFilter } from './runPredicates';
import { sortRuns } from './runOrdering';
import { checkMaxResults, checkRequestFields, stagesOf } from './searchRequest';

/**
 * Answers a run search over every run of a local store as an MLflow 3.5.1 server answers it: the
 * runs of `experimentIds` in the lifecycle stages of `runViewType` (default ACTIVE_ONLY) that
 * match `filterString`, in `orderBy` order (default newest first, then by run id), one page of
 * `maxResults` (default 1000) from the offset in `pageToken`. Like the server, a full page carries
 * a next-page token even when it is the last one. Bad input throws an MlflowError with
 * INVALID_PARAMETER_VALUE (a SearchSyntaxError for filters and order_by).
 */
export function searchRunsLocally(runs: readonly Run[], request: SearchRunsRequest): SearchRunsResult {
  checkRequestFields(request);
  const maxResults = checkMaxResults(request.maxResults);
  const stages = stagesOf(request.runViewType, 'runViewType');
  const matches = compileRunFilter(parseRunFilter(request.filterString ?? ''));
  const order = parseRunOrderBy(request.orderBy ?? []);
  const offset = decodePageToken(request.pageToken);
  const experimentIds = new Set(request.experimentIds);
  const selected = runs.filter(
    (run) => experimentIds.has(run.info.experimentId) && stages.has(run.info.lifecycleStage) && matches(run),
  );
  // SQL treats a negative OFFSET as 0, yet the next token still counts from the offset given.
  const start = Math.max(0, offset);
  const page = sortRuns(selected, order).slice(start, start + maxResults);
  return page.length === maxResults ? { runs: page, nextPageToken: encodePageToken(offset + maxResults) } : { runs: page };
}

/**
 * Answers an experiment search over every experiment of a local store as the server does:
 * `viewType` (default ACTIVE_ONLY), `filterString` (name, creation_time, last_update_time,
 * tags.<key>), `orderBy` (default newest first), one page of `maxResults` (default 1000). Unlike
 * run searches, a next-page token comes only when more experiments follow.
 */
export function searchExperimentsLocally(experiments: readonly Experiment[], request: SearchExperimentsRequest): SearchExperimentsResult {
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
