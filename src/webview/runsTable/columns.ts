/**
 * The runs table's columns: which exist (the fixed attributes, then every param, metric and tag key
 * found in the loaded runs), how the user laid them out (order, hidden, pinned, widths, "only
 * columns that differ", the min/max/best-step columns asked for), what a cell holds, and how a
 * column sorts on the store (MLflow's `order_by`).
 */
import type { MetricRange, RunsTableState, TableColumns, TableRow, TableSortKey } from '../protocol';
import { MAX_SORT_KEYS, fromWire } from '../protocol';
import { formatDuration, formatNumber, formatTimestamp } from '../shared/format';
import { guessMetricDirection } from '../shared/metricDirection';
import { ENTITY_PREFIX, quotedKey, unquotedKey } from '../shared/searchWords';

export type ColumnGroup = 'attr' | 'param' | 'metric' | 'tag' | 'metricMin' | 'metricMax' | 'metricBestStep';

/** The four groups the chooser shows, in order. Range columns belong to Metrics. */
export const CHOOSER_GROUPS = ['attr', 'param', 'metric', 'tag'] as const;
export type ChooserGroup = (typeof CHOOSER_GROUPS)[number];

export const GROUP_TITLES: Record<ChooserGroup, string> = {
  attr: 'Attributes',
  param: 'Params',
  metric: 'Metrics',
  tag: 'Tags',
};

export interface Column {
  /** `<group>:<key>`, the id the layout and the saved state use. */
  id: string;
  group: ColumnGroup;
  key: string;
  /** The header's text (the key itself for params, metrics and tags: untrusted). */
  label: string;
  /** Runs among the loaded ones that have a value (undefined for attributes). */
  count?: number;
}

/** A cell's content: the value that sorts and compares, and the text shown. */
export interface Cell {
  value: string | number | undefined;
  text: string;
  /** Shown on hover (the exact start time, a long value). */
  title?: string;
}

/** The per-run min/max/best-step of metrics, as the host computed them from the histories. */
export type RangeTable = Map<string, Map<string, MetricRange>>;

/** Which way a metric's best value lies. */
export type BestDirection = 'higher' | 'lower';

/** What a cell shows besides its row. */
export interface CellContext {
  /** For the duration of running runs and relative start times. */
  now: number;
  /** The min/max/best-step columns' values. */
  ranges?: RangeTable;
  /** By id, for the Experiment column, which falls back to the id of one it lacks. */
  experimentNames?: ReadonlyMap<string, string>;
  /** The directions the user chose, by metric (see `directionOf`). */
  directions?: Readonly<Record<string, BestDirection>>;
}

/** The direction of `metric`'s best value: the user's choice, else the name's guess, else higher. */
export function directionOf(metric: string, chosen?: Readonly<Record<string, BestDirection>>): BestDirection {
  if (chosen && Object.hasOwn(chosen, metric)) return chosen[metric]!;
  const guess = guessMetricDirection(metric);
  return guess === 'none' ? 'higher' : guess;
}

export const DEFAULT_WIDTH = 140;
export const NAME_WIDTH = 240;
/** The run name column: always shown and pinned first; its cell also holds the run's status, expander and marks. */
export const NAME_COLUMN_ID = 'attr:name';

const ATTRIBUTES: readonly [string, string][] = [
  ['name', 'Run Name'],
  ['experiment', 'Experiment'],
  ['start', 'Start'],
  ['duration', 'Duration'],
  ['user', 'User'],
  ['source', 'Source'],
  ['commit', 'Commit'],
  ['branch', 'Branch'],
];

/** MLflow's `order_by` name of each attribute the store can sort by; the rest sort on the loaded rows. */
const ATTRIBUTE_ORDER_BY: Record<string, string> = {
  name: 'attributes.run_name',
  start: 'attributes.start_time',
  user: 'attributes.user_id',
};

/** The tags MLflow uses for the attribute columns: shown there, not again among the tags. */
const TAGS_SHOWN_AS_ATTRIBUTES = new Set([
  'mlflow.runName',
  'mlflow.user',
  'mlflow.source.name',
  'mlflow.source.git.commit',
  'mlflow.source.git.branch',
  'mlflow.parentRunId',
]);

export function columnId(group: ColumnGroup, key: string): string {
  return `${group}:${key}`;
}

export function parseColumnId(id: string): { group: ColumnGroup; key: string } | undefined {
  const colon = id.indexOf(':');
  const group = id.slice(0, colon) as ColumnGroup;
  if (colon < 0 || !['attr', 'param', 'metric', 'tag', 'metricMin', 'metricMax', 'metricBestStep'].includes(group))
    return undefined;
  return { group, key: id.slice(colon + 1) };
}

export type KeyCounts = Record<'param' | 'metric' | 'tag', Map<string, number>>;

/** Adds the keys of `rows` to `counts` (new counts when none are given): runs arriving page by page are counted once. */
export function countKeys(rows: Iterable<TableRow>, counts?: KeyCounts): KeyCounts {
  const found: KeyCounts = counts ?? {
    param: new Map<string, number>(),
    metric: new Map<string, number>(),
    tag: new Map<string, number>(),
  };
  const count = (map: Map<string, number>, record: object): void => {
    for (const key in record) map.set(key, (map.get(key) ?? 0) + 1);
  };
  for (const row of rows) {
    count(found.param, row.params);
    count(found.metric, row.metrics);
    count(found.tag, row.tags);
  }
  return found;
}

/** The counted keys sorted by name, without the tags the attribute columns show. */
export function sortedKeys(counts: KeyCounts): KeyCounts {
  const sorted = (map: Map<string, number>) => new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const tags = sorted(counts.tag);
  for (const key of TAGS_SHOWN_AS_ATTRIBUTES) tags.delete(key);
  return { param: sorted(counts.param), metric: sorted(counts.metric), tag: tags };
}

/** Every key of each kind in `rows`, with the number of runs having it, keys sorted by name. */
export function discoverKeys(rows: Iterable<TableRow>): KeyCounts {
  return sortedKeys(countKeys(rows));
}

/** All columns that exist for the loaded rows, in their natural order (attributes, params, metrics, tags). */
export function allColumns(
  keys: ReturnType<typeof discoverKeys>,
  options: { experiments: number; ranges: readonly string[] },
): Column[] {
  const columns: Column[] = ATTRIBUTES.filter(([key]) => key !== 'experiment' || options.experiments > 1).map(
    ([key, label]) => ({ id: columnId('attr', key), group: 'attr', key, label }),
  );
  for (const [key, count] of keys.param)
    columns.push({ id: columnId('param', key), group: 'param', key, label: key, count });
  for (const [key, count] of keys.metric) {
    columns.push({ id: columnId('metric', key), group: 'metric', key, label: key, count });
    for (const group of ['metricMin', 'metricMax', 'metricBestStep'] as const) {
      const id = columnId(group, key);
      if (options.ranges.includes(id)) columns.push({ id, group, key, label: `${key} ${RANGE_SUFFIX[group]}`, count });
    }
  }
  for (const [key, count] of keys.tag) columns.push({ id: columnId('tag', key), group: 'tag', key, label: key, count });
  return columns;
}

const RANGE_SUFFIX = { metricMin: '(min)', metricMax: '(max)', metricBestStep: '(best step)' } as const;

/**
 * The columns shown, in order: the layout's order first (ids it knows), new columns after in their
 * natural place; hidden ones and (with "only columns that differ") params, metrics and tags with
 * one value in every row left out; pinned ones first. The run name is always shown and pinned.
 */
export function visibleColumns(
  all: readonly Column[],
  layout: TableColumns,
  rows: readonly TableRow[],
): { columns: Column[]; pinnedCount: number } {
  const byId = new Map(all.map((column) => [column.id, column]));
  const ordered: Column[] = [];
  const placed = new Set<string>();
  for (const id of layout.order) {
    const column = byId.get(id);
    if (column && !placed.has(id)) {
      ordered.push(column);
      placed.add(id);
    }
  }
  for (const column of all) if (!placed.has(column.id)) ordered.push(column);
  const hidden = new Set(layout.hidden);
  const shown = ordered.filter(
    (column) =>
      column.id === NAME_COLUMN_ID ||
      (!hidden.has(column.id) && !(layout.onlyDiffering && column.group !== 'attr' && sameEverywhere(column, rows))),
  );
  const pinned = new Set([NAME_COLUMN_ID, ...layout.pinned]);
  const first = shown.filter((column) => pinned.has(column.id));
  const rest = shown.filter((column) => !pinned.has(column.id));
  const name = first.findIndex((column) => column.id === NAME_COLUMN_ID);
  if (name > 0) first.unshift(...first.splice(name, 1));
  return { columns: [...first, ...rest], pinnedCount: first.length };
}

/** True when every row has the same value (a missing value counts as one value of its own). */
export function sameEverywhere(column: Column, rows: readonly TableRow[]): boolean {
  if (rows.length < 2) return true;
  const first = rawValue(column, rows[0]!);
  for (let index = 1; index < rows.length; index++) {
    const value = rawValue(column, rows[index]!);
    if (!(value === first || (Number.isNaN(value) && Number.isNaN(first)))) return false;
  }
  return true;
}

function rawValue(column: Column, row: TableRow): unknown {
  switch (column.group) {
    case 'param':
      return row.params[column.key];
    case 'metric':
      return column.key in row.metrics ? fromWire(row.metrics[column.key]!) : undefined;
    case 'tag':
      return row.tags[column.key];
    default:
      return undefined;
  }
}

/** What a row shows in a column: the value sorting uses, and the text drawn. */
export function cellOf(column: Column, row: TableRow, context: CellContext): Cell {
  switch (column.group) {
    case 'param':
      return textCell(row.params[column.key]);
    case 'tag':
      return textCell(row.tags[column.key]);
    case 'metric': {
      if (!Object.hasOwn(row.metrics, column.key)) return { value: undefined, text: '' };
      const value = fromWire(row.metrics[column.key]!);
      return { value, text: formatNumber(value), title: String(value) };
    }
    case 'metricMin':
    case 'metricMax':
    case 'metricBestStep': {
      const range = context.ranges?.get(row.runId)?.get(column.key);
      if (!range) return { value: undefined, text: '' };
      if (column.group === 'metricBestStep') {
        const step = directionOf(column.key, context.directions) === 'higher' ? range.maxStep : range.minStep;
        return { value: step, text: String(step) };
      }
      const value = fromWire(column.group === 'metricMin' ? range.min : range.max);
      return { value, text: formatNumber(value), title: String(value) };
    }
    case 'attr':
      return attributeCell(column.key, row, context.now, context.experimentNames);
  }
}

function textCell(value: string | undefined): Cell {
  return { value, text: value ?? '', title: value !== undefined && value.length > 40 ? value : undefined };
}

function attributeCell(
  key: string,
  row: TableRow,
  now: number,
  experimentNames: ReadonlyMap<string, string> | undefined,
): Cell {
  switch (key) {
    case 'name':
      return { value: row.runName, text: row.runName || row.runId };
    case 'experiment': {
      // People know experiments by name; the id stays on hover to tell two of the same name apart.
      const name = experimentNames?.get(row.experimentId);
      return name === undefined
        ? textCell(row.experimentId)
        : { value: name, text: name, title: `${name} (experiment ${row.experimentId})` };
    }
    case 'start':
      return row.startTime === undefined
        ? { value: undefined, text: '' }
        : { value: row.startTime, text: relativeTime(row.startTime, now), title: formatTimestamp(row.startTime) };
    case 'duration': {
      if (row.startTime === undefined) return { value: undefined, text: '' };
      const span = (row.endTime ?? (row.status === 'RUNNING' ? now : row.startTime)) - row.startTime;
      return { value: span, text: formatDuration(span) };
    }
    case 'user':
      return textCell(row.user);
    case 'source':
      return textCell(row.source);
    case 'commit':
      return { value: row.commit, text: row.commit?.slice(0, 7) ?? '', title: row.commit };
    case 'branch':
      return textCell(row.branch);
    default:
      return { value: undefined, text: '' };
  }
}

/** `just now`, `5 min ago`, `3 h ago`, `2 days ago`, then the date. */
export function relativeTime(time: number, now: number): string {
  const seconds = Math.round((now - time) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  if (seconds < 30 * 86_400) {
    const days = Math.round(seconds / 86_400);
    return days === 1 ? '1 day ago' : `${days} days ago`;
  }
  return formatTimestamp(time).slice(0, 10);
}

/**
 * The sort as MLflow `order_by` clauses; a key MLflow cannot sort by (the experiment, duration,
 * source, commit, branch, the range columns, a key no clause can name) is left out here and applied
 * to the loaded rows only.
 */
export function toOrderBy(sort: readonly TableSortKey[]): string[] {
  const clauses: string[] = [];
  for (const { columnId: id, ascending } of sort) {
    const parsed = parseColumnId(id);
    if (!parsed) continue;
    const field = orderByField(parsed.group, parsed.key);
    if (field) clauses.push(`${field} ${ascending ? 'ASC' : 'DESC'}`);
  }
  return clauses;
}

/** Reads back `toOrderBy`'s clauses (a saved state) into sort keys; unknown clauses are dropped. */
export function fromOrderBy(orderBy: readonly string[]): TableSortKey[] {
  const keys: TableSortKey[] = [];
  for (const clause of orderBy) {
    const match = /^(.*) (ASC|DESC)$/.exec(clause);
    if (!match) continue;
    const [, field = '', direction] = match;
    const attribute = Object.entries(ATTRIBUTE_ORDER_BY).find(([, name]) => name === field);
    if (attribute) {
      keys.push({ columnId: columnId('attr', attribute[0]), ascending: direction === 'ASC' });
      continue;
    }
    const dot = field.indexOf('.');
    const group = LOGGED_GROUPS.find((kind) => ENTITY_PREFIX[kind] === field.slice(0, dot));
    if (dot < 0 || !group) continue;
    keys.push({ columnId: columnId(group, unquotedKey(field.slice(dot + 1))), ascending: direction === 'ASC' });
  }
  return keys;
}

/**
 * The sort a saved state holds: its `sort` (every key, those only the loaded runs can be sorted by
 * too), else, in a state saved before `sort` existed, its `orderBy` read back. The state comes from
 * storage: keys that name no column, or a column twice, are dropped.
 */
export function restoredSort(state: Pick<RunsTableState, 'orderBy' | 'sort'>): TableSortKey[] {
  const keys: TableSortKey[] = [];
  const seen = new Set<string>();
  for (const { columnId, ascending } of state.sort ?? fromOrderBy(state.orderBy)) {
    if (parseColumnId(columnId) === undefined || seen.has(columnId) || keys.length === MAX_SORT_KEYS) continue;
    seen.add(columnId);
    keys.push({ columnId, ascending });
  }
  return keys;
}

const LOGGED_GROUPS = ['param', 'metric', 'tag'] as const;

/** The `order_by` field of a column, or undefined when MLflow cannot order by it. */
function orderByField(group: ColumnGroup, key: string): string | undefined {
  if (group === 'attr') return Object.hasOwn(ATTRIBUTE_ORDER_BY, key) ? ATTRIBUTE_ORDER_BY[key] : undefined;
  if (group !== 'param' && group !== 'metric' && group !== 'tag') return undefined;
  const written = quotedKey(key);
  return written === undefined ? undefined : `${ENTITY_PREFIX[group]}.${written}`;
}

/** True when sorting by `columnId` sorts the loaded runs only: MLflow has no `order_by` for it. */
export function sortsLocally(columnId: string): boolean {
  const parsed = parseColumnId(columnId);
  return parsed === undefined || orderByField(parsed.group, parsed.key) === undefined;
}

/**
 * Compares two cells' values for sorting: missing values last (as MLflow sorts them), NaN after
 * numbers, numbers by value, text by code point.
 */
export function compareValues(a: Cell['value'], b: Cell['value']): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) === Number.isNaN(b) ? 0 : Number.isNaN(a) ? 1 : -1;
    return a - b;
  }
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
