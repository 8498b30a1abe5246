import { MlflowError, errorMessage } from '../tracking/errors';
import type { Run } from '../tracking/model';
import type { Memento } from 'vscode';
import { describeUnknownKey, unknownFilterKeys } from '../../webview/shared/unknownFilterKeys';
import type { KnownKeys } from '../../webview/shared/filterCompletion';
import { parseRunFilter } from '../tracking/search/filterParser';
import type { CallOptions, TrackingStore } from '../tracking/trackingStore';
import { isFullCommitId } from '../../webview/shared/mlflowIds';
import { ENTITY_PREFIX, quotedKey } from '../../webview/shared/searchWords';

/** The run attributes a list can be ordered by. */
export const SORT_ATTRIBUTES = ['start_time', 'end_time', 'run_name', 'status'] as const;
export type SortAttribute = (typeof SORT_ATTRIBUTES)[number];

export function isSortAttribute(key: string): key is SortAttribute {
  return (SORT_ATTRIBUTES as readonly string[]).includes(key);
}

/** The columns a run list can be ordered by, in MLflow's order_by vocabulary. */
export type SortField =
  { kind: 'attribute'; key: SortAttribute } | { kind: 'metric'; key: string } | { kind: 'param'; key: string };

export interface RunSort {
  field: SortField;
  ascending: boolean;
}

/** What one experiment's run list shows: MLflow's filter and one sort column. */
export interface RunQuery {
  /** MLflow's run filter (already validated), or undefined for every run. */
  filter?: string;
  sort: RunSort;
}

/** Newest first, as MLflow itself lists runs. */
export const DEFAULT_SORT: RunSort = { field: { kind: 'attribute', key: 'start_time' }, ascending: false };

const ATTRIBUTE_TITLES: Record<SortAttribute, string> = {
  start_time: 'start time',
  end_time: 'end time',
  run_name: 'run name',
  status: 'status',
};

/**
 * The `order_by` clause MLflow understands, e.g. ``metrics.`val loss` ASC``. Throws for a key no
 * clause can name (it holds both a backtick and a double quote: see `quotedKey`).
 */
export function orderByClause(sort: RunSort): string {
  const key = quotedKey(sort.field.key);
  if (key === undefined) {
    throw new MlflowError(
      `MLflow cannot order by '${sort.field.key}': a key holding both \` and " cannot be written in order_by.`,
      'INVALID_PARAMETER_VALUE',
    );
  }
  return `${ENTITY_PREFIX[sort.field.kind]}.${key} ${sort.ascending ? 'ASC' : 'DESC'}`;
}

/** Short words for the experiment row: `start time ↓`, `metrics.loss ↑`. */
export function describeSort(sort: RunSort): string {
  return `${describeSortField(sort.field)} ${sort.ascending ? '↑' : '↓'}`;
}

/** `start time`, `metrics.loss`, `params.lr`. */
export function describeSortField(field: SortField): string {
  return field.kind === 'attribute' ? ATTRIBUTE_TITLES[field.key] : `${ENTITY_PREFIX[field.kind]}.${field.key}`;
}

export function isDefaultSort(sort: RunSort): boolean {
  return sortKey(sort) === sortKey(DEFAULT_SORT);
}

/** A stable identity for a sort, to compare two of them. */
export function sortKey(sort: RunSort): string {
  return `${sort.field.kind}:${sort.field.key}:${sort.ascending ? 'asc' : 'desc'}`;
}

/**
 * A filter that keeps only runs logged at `commit` (a full hex id, SHA-1 or SHA-256), AND-ed with
 * the user's own filter if there is one. MLflow 3.5.1 has no OR and no IN for tags, so several
 * commits take several searches.
 */
export function commitFilter(commit: string, userFilter?: string): string {
  if (!isFullCommitId(commit.toLowerCase())) {
    throw new MlflowError(`Not a full commit id: '${commit}'.`, 'INVALID_PARAMETER_VALUE');
  }
  const condition = `tags.\`mlflow.source.git.commit\` = '${commit.toLowerCase()}'`;
  return userFilter?.trim() ? `${userFilter.trim()} AND ${condition}` : condition;
}

/** Every field the sort picker offers: the attributes, then the metric and param keys seen in `runs`. */
export function sortFieldChoices(runs: Iterable<Run>, maxKeysPerKind = 200): SortField[] {
  const metrics = new Set<string>();
  const params = new Set<string>();
  for (const run of runs) {
    for (const key of Object.keys(run.data.metrics)) metrics.add(key);
    for (const key of Object.keys(run.data.params)) params.add(key);
  }
  // A key no order_by clause can name is not offered.
  const sorted = (keys: Set<string>): string[] =>
    [...keys]
      .filter((key) => quotedKey(key) !== undefined)
      .sort(compareKeys)
      .slice(0, maxKeysPerKind);
  return [
    ...SORT_ATTRIBUTES.map((key) => ({ kind: 'attribute' as const, key })),
    ...sorted(metrics).map((key) => ({ kind: 'metric' as const, key })),
    ...sorted(params).map((key) => ({ kind: 'param' as const, key })),
  ];
}

/** Keys in the order a person reads them (case and digits folded), ties by code unit so the order is total. */
export function compareKeys(a: string, b: string): number {
  return a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);
}

const QUERIES_KEY = 'mlflow.runQueries';
/** Queries and shown-metric choices kept per workspace; the oldest stores' go first past this. */
const MAX_STORES = 20;

type StoredQueries = Record<string, Record<string, RunQuery>>;

/**
 * Each experiment's filter and sort, per store, kept in workspace state so they survive a
 * reload. What is read back is validated: a stale or hand-made entry is dropped, not trusted.
 */
export class RunQueries {
  constructor(private readonly memento: Pick<Memento, 'get' | 'update'>) {}

  get(storeUri: string, experimentId: string): RunQuery {
    return this.all()[storeUri]?.[experimentId] ?? { sort: DEFAULT_SORT };
  }

  async set(storeUri: string, experimentId: string, query: RunQuery): Promise<void> {
    const all = this.all();
    const forStore = { ...(all[storeUri] ?? {}) };
    if (query.filter === undefined && isDefaultSort(query.sort)) delete forStore[experimentId];
    else forStore[experimentId] = query;
    const others = Object.entries(all).filter(([uri]) => uri !== storeUri);
    const kept = Object.keys(forStore).length > 0 ? [[storeUri, forStore] as const, ...others] : others;
    await this.memento.update(QUERIES_KEY, Object.fromEntries(kept.slice(0, MAX_STORES)));
  }

  private all(): StoredQueries {
    const stored = this.memento.get<unknown>(QUERIES_KEY);
    const result: StoredQueries = Object.create(null) as StoredQueries;
    if (!isRecord(stored)) return result;
    for (const [uri, experiments] of Object.entries(stored)) {
      if (!isRecord(experiments)) continue;
      const queries: Record<string, RunQuery> = Object.create(null) as Record<string, RunQuery>;
      for (const [experimentId, query] of Object.entries(experiments)) {
        const valid = validQuery(query);
        if (valid) queries[experimentId] = valid;
      }
      result[uri] = queries;
    }
    return result;
  }
}

function validQuery(value: unknown): RunQuery | undefined {
  if (!isRecord(value)) return undefined;
  const sort = runSortFrom(value.sort);
  if (!sort) return undefined;
  const filter = typeof value.filter === 'string' && value.filter.trim() ? value.filter : undefined;
  return filter === undefined ? { sort } : { filter, sort };
}

/** A sort given as data (stored state, a command argument), checked; undefined when it is not one. */
export function runSortFrom(value: unknown): RunSort | undefined {
  if (!isRecord(value) || typeof value.ascending !== 'boolean') return undefined;
  const field = validField(value.field);
  return field ? { field, ascending: value.ascending } : undefined;
}

function validField(value: unknown): SortField | undefined {
  if (!isRecord(value) || typeof value.key !== 'string' || !value.key) return undefined;
  if (value.kind === 'metric' || value.kind === 'param') return { kind: value.kind, key: value.key };
  if (value.kind === 'attribute' && isSortAttribute(value.key)) return { kind: 'attribute', key: value.key };
  return undefined;
}

/** A plain object read back from workspace state (not null, not a list). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SHOWN_METRICS_KEY = 'mlflow.shownMetrics';

type StoredChoices = Record<string, Record<string, string>>;

/**
 * The metric picked with Show Metric… for each experiment, per store, kept in workspace state so
 * it survives a reload. What is read back is checked: anything but a non-empty string is dropped.
 */
export class ShownMetricChoices {
  constructor(private readonly memento: Pick<Memento, 'get' | 'update'>) {}

  get(storeUri: string, experimentId: string): string | undefined {
    return this.all()[storeUri]?.[experimentId];
  }

  /** Remembers `metricKey` for the experiment; undefined forgets it (back to the automatic choice). */
  async set(storeUri: string, experimentId: string, metricKey: string | undefined): Promise<void> {
    const all = this.all();
    const forStore = { ...(all[storeUri] ?? {}) };
    if (metricKey) forStore[experimentId] = metricKey;
    else delete forStore[experimentId];
    const others = Object.entries(all).filter(([uri]) => uri !== storeUri);
    const kept = Object.keys(forStore).length > 0 ? [[storeUri, forStore] as const, ...others] : others;
    await this.memento.update(SHOWN_METRICS_KEY, Object.fromEntries(kept.slice(0, MAX_STORES)));
  }

  private all(): StoredChoices {
    const stored = this.memento.get<unknown>(SHOWN_METRICS_KEY);
    const result = Object.create(null) as StoredChoices;
    if (!isRecord(stored)) return result;
    for (const [uri, experiments] of Object.entries(stored)) {
      if (!isRecord(experiments)) continue;
      const choices = Object.create(null) as Record<string, string>;
      for (const [experimentId, metricKey] of Object.entries(experiments)) {
        if (typeof metricKey === 'string' && metricKey) choices[experimentId] = metricKey;
      }
      result[uri] = choices;
    }
    return result;
  }
}

/** Why run rows show the metric they show (the Show Metric picker and tooltips say so). */
export type ShownMetricReason = 'chosen' | 'setting' | 'sort' | 'mostCommon';

export interface ShownMetric {
  key: string;
  reason: ShownMetricReason;
}

/** What decides the one metric an experiment's run rows show. */
export interface ShownMetricInputs {
  /** Picked for this experiment with Show Metric…; undefined when never picked (or reset). */
  chosen?: string;
  /** The `mlflow.runs.primaryMetric` setting; '' when unset. */
  setting: string;
  sort: RunSort;
  /** How many of the experiment's loaded runs have each metric key. */
  counts: ReadonlyMap<string, number>;
}

/**
 * The metric every run row of an experiment shows, so the rows read as one column: the one
 * picked for the experiment, else the setting, else the metric the runs are sorted by (the order
 * is then visible on the rows), else the key most of the loaded runs have. A pick or setting that
 * no loaded run has is passed over (the setting covers every experiment, and a filter may leave
 * out every run with the pick), so rows never go blank while some metric is there to show.
 */
export function shownMetric(inputs: ShownMetricInputs): ShownMetric | undefined {
  const { chosen, setting, sort, counts } = inputs;
  if (chosen && counts.has(chosen)) return { key: chosen, reason: 'chosen' };
  if (setting && counts.has(setting)) return { key: setting, reason: 'setting' };
  if (sort.field.kind === 'metric' && counts.has(sort.field.key)) return { key: sort.field.key, reason: 'sort' };
  const key = mostCommonKey(counts);
  return key === undefined ? undefined : { key, reason: 'mostCommon' };
}

/** The key with the highest count; ties go to the first by name, so the pick never depends on run order. */
export function mostCommonKey(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && compareKeys(key, best) < 0)) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}

/**
 * What is wrong with a run filter, for the input box while typing (undefined: nothing). The
 * parser's message names the offending token and its position, as the server's would.
 */
export function describeFilterProblem(filter: string): string | undefined {
  try {
    parseRunFilter(filter);
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}

/**
 * What a valid filter names that no known run of the experiment has (each: "no loaded run has
 * metric `acuracy`; did you mean `accuracy`?"). Nothing when the filter does not parse (its
 * syntax is the problem then) or when no run is known at all (nothing to compare with).
 */
export function describeFilterKeyProblems(filter: string, known: KnownKeys): string[] {
  if (known.metric.size === 0 && known.param.size === 0 && known.tag.size === 0) return [];
  try {
    return unknownFilterKeys(parseRunFilter(filter), known).map(describeUnknownKey);
  } catch {
    return [];
  }
}

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
