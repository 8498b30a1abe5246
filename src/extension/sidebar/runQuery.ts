import { MlflowError } from '../tracking/errors';
import type { Run } from '../tracking/model';
import { isFullCommitId } from '../../webview/shared/mlflowIds';

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

const ENTITY_PREFIX = { attribute: 'attributes', metric: 'metrics', param: 'params' } as const;

/** The `order_by` clause MLflow understands, e.g. ``metrics.`val loss` ASC``. */
export function orderByClause(sort: RunSort): string {
  return `${ENTITY_PREFIX[sort.field.kind]}.${quoteKey(sort.field.key)} ${sort.ascending ? 'ASC' : 'DESC'}`;
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
  const sorted = (keys: Set<string>): string[] => [...keys].sort(compareKeys).slice(0, maxKeysPerKind);
  return [
    ...SORT_ATTRIBUTES.map((key) => ({ kind: 'attribute' as const, key })),
    ...sorted(metrics).map((key) => ({ kind: 'metric' as const, key })),
    ...sorted(params).map((key) => ({ kind: 'param' as const, key })),
  ];
}

/** Keys that are not plain identifiers are quoted with backticks, as MLflow's parser expects. */
function quoteKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `\`${key}\``;
}

/** Keys in the order a person reads them (case and digits folded), ties by code unit so the order is total. */
export function compareKeys(a: string, b: string): number {
  return a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);
}
