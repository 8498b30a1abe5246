import { ClientErrorCode, MlflowError } from '../errors';
import type { Experiment, LifecycleStage, Run } from '../model';
import { SystemTags } from '../model';
import type {
  SearchExperimentsRequest,
  SearchExperimentsResult,
  SearchRunsRequest,
  SearchRunsResult,
} from '../trackingStore';
import type { Comparison } from './filterParser';
import { parseExperimentFilter, parseRunFilter } from './filterParser';
import type { ExperimentOrderClause, RunOrderClause } from './searchRequest';
import {
  checkMaxResults,
  checkRequestFields,
  decodePageToken,
  encodePageToken,
  parseExperimentOrderBy,
  parseRunOrderBy,
  stagesOf,
} from './searchRequest';
import { compareExperimentIds, compareText, numberTest, ownEntry, storedMetricValue, textTest } from './sqlValues';

/*
 * Searches answered in this process, the way an MLflow server answers them: the run and
 * experiment filters as predicates, the server's ordering, and the paging on top. The mlruns/
 * store answers with it whole; the mlflow.db store takes the parsed query and the paging from it.
 */

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

/**
 * The value of a run's text attribute, for filtering and ordering alike. `run_name` is the run's
 * name column (info.runName): ordering reads it, while a filter on `run_name` reads the
 * `mlflow.runName` tag instead and never asks here (the server does the same).
 */
function runTextAttributeReader(key: string): (run: Run) => string | undefined {
  switch (key) {
    case 'run_name':
      return (run) => run.info.runName;
    case 'run_id':
      return (run) => run.info.runId;
    case 'user_id':
      return (run) => run.info.userId;
    case 'status':
      return (run) => run.info.status;
    case 'artifact_uri':
      return (run) => run.info.artifactUri;
    default:
      throw new MlflowError(`No run attribute '${key}' to search on`, ClientErrorCode.unsupported);
  }
}

type RunTest = (run: Run) => boolean;

const DATASET_CONTEXT_TAG = 'mlflow.data.context';

/**
 * Turns a parsed run filter into one test, compiled once and then applied to every run. Each
 * comparison is evaluated as the server's SQL store does: a run lacking the metric, param, tag or
 * attribute never matches (not even `!=`), `run_name` is the `mlflow.runName` tag, and a dataset
 * comparison holds when any one of the run's dataset inputs satisfies it.
 */
function compileRunFilter(comparisons: readonly Comparison[]): RunTest {
  const tests = comparisons.map(runComparisonTest);
  return (run) => tests.every((test) => test(run));
}

function runComparisonTest(comparison: Comparison): RunTest {
  const { key } = comparison;
  switch (comparison.entityType) {
    case 'metric': {
      const test = numberTest(comparison);
      return (run) => {
        const metric = ownEntry(run.data.metrics, key);
        return metric !== undefined && test(storedMetricValue(metric.value));
      };
    }
    case 'param':
      return presentAnd(textTest(comparison), (run) => ownEntry(run.data.params, key));
    case 'tag':
      return presentAnd(textTest(comparison), (run) => ownEntry(run.data.tags, key));
    case 'attribute':
      return attributeTest(comparison);
    case 'dataset':
      return datasetTest(comparison);
  }
}

function attributeTest(comparison: Comparison): RunTest {
  switch (comparison.key) {
    case 'start_time':
      return presentAnd(numberTest(comparison), (run) => run.info.startTime);
    case 'end_time':
      return presentAnd(numberTest(comparison), (run) => run.info.endTime);
    case 'run_name':
      // The server filters on the tag, since the name column is empty for runs of MLflow <= 1.29.
      return presentAnd(textTest(comparison), (run) => ownEntry(run.data.tags, SystemTags.runName));
    default:
      return presentAnd(textTest(comparison), runTextAttributeReader(comparison.key));
  }
}

function datasetTest(comparison: Comparison): RunTest {
  const test = textTest(comparison);
  if (comparison.key === 'context') {
    return (run) =>
      run.inputs.datasetInputs.some((input) => {
        const context = ownEntry(input.tags, DATASET_CONTEXT_TAG);
        return context !== undefined && test(context);
      });
  }
  const field = comparison.key === 'digest' ? 'digest' : 'name';
  return (run) => run.inputs.datasetInputs.some((input) => test(input.dataset[field]));
}

function presentAnd<T>(test: (value: T) => boolean, read: (run: Run) => T | undefined): RunTest {
  return (run) => {
    const value = read(run);
    return value !== undefined && value !== null && test(value);
  };
}

/**
 * One ordering key for every run, read once: the server's CASE group (0 for a value; see
 * metricColumn for the others) and a number that sorts the values ascending, negated when the
 * clause is descending. Numbers are their own sort number; texts get their rank among the
 * column's distinct texts, so the sort compares texts only for its last tie-breaker, the run id.
 */
interface SortColumn {
  groups: Uint8Array;
  keys: Float64Array;
}

/**
 * Sorts runs as the server's SQL store does: by each order_by clause in turn, then by start time
 * (newest first, unless start time was one of the clauses), then by run id.
 */
export function sortRuns(runs: readonly Run[], clauses: readonly RunOrderClause[]): Run[] {
  const columns = clauses.map((clause) => sortColumn(runs, clause));
  if (!clauses.some((clause) => clause.entityType === 'attribute' && clause.key === 'start_time')) {
    columns.push(startTimeDescending(runs));
  }
  const runIds = runs.map((run) => run.info.runId);
  const order = runs.map((_, index) => index);
  order.sort((a, b) => {
    for (const { groups, keys } of columns) {
      const byGroup = groups[a]! - groups[b]!;
      if (byGroup !== 0) return byGroup;
      const x = keys[a]!;
      const y = keys[b]!;
      if (groups[a] === 0 && x !== y) return x < y ? -1 : 1;
    }
    return compareText(runIds[a]!, runIds[b]!);
  });
  return order.map((index) => runs[index]!);
}

function sortColumn(runs: readonly Run[], clause: RunOrderClause): SortColumn {
  const sign = clause.ascending ? 1 : -1;
  if (clause.entityType === 'metric') return metricColumn(runs, clause.key, sign);
  if (clause.entityType === 'attribute' && (clause.key === 'start_time' || clause.key === 'end_time')) {
    const read = clause.key === 'start_time' ? (run: Run) => run.info.startTime : (run: Run) => run.info.endTime;
    return numberColumn(runs.map(read), sign);
  }
  return textColumn(runs.map(textReader(clause)), sign);
}

/**
 * The server sorts first by a CASE column, ascending whatever the direction: 0 for a value, 1
 * for a NaN metric (stored as 0 with an is_nan flag), 2 for a missing one; for other keys 1 for
 * a missing value. So NaN and missing values come last both ways, NaN before missing.
 */
function metricColumn(runs: readonly Run[], key: string, sign: 1 | -1): SortColumn {
  const groups = new Uint8Array(runs.length);
  const keys = new Float64Array(runs.length);
  runs.forEach((run, index) => {
    const metric = ownEntry(run.data.metrics, key);
    if (metric === undefined) groups[index] = 2;
    else if (Number.isNaN(metric.value)) groups[index] = 1;
    else keys[index] = sign * storedMetricValue(metric.value);
  });
  return { groups, keys };
}

// The implicit tie-breaker has no CASE column: SQLite puts NULL below every number, so a run
// without a start time comes last when sorting newest first.
function startTimeDescending(runs: readonly Run[]): SortColumn {
  return numberColumn(
    runs.map((run) => run.info.startTime),
    -1,
  );
}

function numberColumn(values: readonly (number | undefined)[], sign: 1 | -1): SortColumn {
  const groups = Uint8Array.from(values, (value) => (typeof value === 'number' ? 0 : 1));
  const keys = Float64Array.from(values, (value) => (typeof value === 'number' ? sign * value : 0));
  return { groups, keys };
}

function textColumn(values: readonly (string | undefined)[], sign: 1 | -1): SortColumn {
  const groups = Uint8Array.from(values, (value) => (typeof value === 'string' ? 0 : 1));
  const distinct = [...new Set(values)].filter((value): value is string => typeof value === 'string').sort(compareText);
  const rankOf = new Map(distinct.map((value, rank) => [value, rank]));
  const keys = Float64Array.from(values, (value) => (typeof value === 'string' ? sign * rankOf.get(value)! : 0));
  return { groups, keys };
}

function textReader(clause: RunOrderClause): (run: Run) => string | undefined {
  const { key } = clause;
  switch (clause.entityType) {
    case 'param':
      return (run) => ownEntry(run.data.params, key);
    case 'tag':
      return (run) => ownEntry(run.data.tags, key);
    default:
      return runTextAttributeReader(key);
  }
}

type ExperimentTest = (experiment: Experiment) => boolean;

/** A parsed experiment filter as one test; an experiment lacking the tag or time never matches. */
function compileExperimentFilter(comparisons: readonly Comparison[]): ExperimentTest {
  const tests = comparisons.map(experimentComparisonTest);
  return (experiment) => tests.every((test) => test(experiment));
}

function experimentComparisonTest(comparison: Comparison): ExperimentTest {
  const { key } = comparison;
  if (comparison.entityType === 'tag') {
    const test = textTest(comparison);
    return (experiment) => {
      const value = ownEntry(experiment.tags, key);
      return value !== undefined && test(value);
    };
  }
  if (key === 'name') {
    const test = textTest(comparison);
    return (experiment) => test(experiment.name);
  }
  const test = numberTest(comparison);
  const read = timeReader(key);
  return (experiment) => {
    const value = read(experiment);
    return value !== undefined && value !== null && test(value);
  };
}

/** MLflow's default order when a search names none. */
const DEFAULT_ORDER: readonly ExperimentOrderClause[] = [
  { key: 'creation_time', ascending: false },
  { key: 'experiment_id', ascending: true },
];

/**
 * Sorts experiments as the server's SQL store does: by the clauses (default: newest first, then
 * by id), then by experiment id descending when no clause named it. There is no special place
 * for missing times: SQLite puts NULL first ascending and last descending.
 */
function sortExperiments(experiments: readonly Experiment[], clauses: readonly ExperimentOrderClause[]): Experiment[] {
  const order = clauses.length > 0 ? [...clauses] : [...DEFAULT_ORDER];
  if (!order.some((clause) => clause.key === 'experiment_id')) order.push({ key: 'experiment_id', ascending: false });
  const comparators = order.map(clauseComparator);
  return [...experiments].sort((a, b) => {
    for (const compare of comparators) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return 0;
  });
}

function clauseComparator(clause: ExperimentOrderClause): (a: Experiment, b: Experiment) => number {
  const sign = clause.ascending ? 1 : -1;
  if (clause.key === 'name') return (a, b) => sign * compareText(a.name, b.name);
  if (clause.key === 'experiment_id') return (a, b) => sign * compareExperimentIds(a.experimentId, b.experimentId);
  const read = timeReader(clause.key);
  return (a, b) => sign * compareNullsFirst(read(a), read(b));
}

function timeReader(key: string): (experiment: Experiment) => number | undefined {
  return key === 'creation_time' ? (experiment) => experiment.creationTime : (experiment) => experiment.lastUpdateTime;
}

function compareNullsFirst(a: number | undefined, b: number | undefined): number {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}
