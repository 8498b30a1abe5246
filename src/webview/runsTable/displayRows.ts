/**
 * The lines the table shows, in order, from the loaded runs: sorted (stable, on the loaded rows, so
 * a click answers at once while the store sorts all of them), child runs nested under their parent
 * unless flat, or the runs grouped (by commit, branch, a param's value or parent run) under
 * collapsible group lines that carry a count and the best value of a chosen metric.
 */
import type { TableCommit, TableGrouping, TableRow, TableSortKey } from '../protocol';
import { fromWire } from '../protocol';
import { isBetter } from '../shared/metricDirection';
import type { BestDirection, CellContext, Column } from './columns';
import { cellOf, compareValues, directionOf } from './columns';

export interface RowGroup {
  /**
   * Stable across reloads: the commit, branch, `=` and the param value (`=` alone for a param logged
   * as the empty string, a value in MLflow), or parent id; `''` for runs without one.
   */
  id: string;
  label: string;
  runs: TableRow[];
  /** For commit groups: the commit as the host listed it (undefined when the host did not list it). */
  commit?: TableCommit;
  best?: { value: number; runId: string };
}

export type DisplayLine =
  | { kind: 'group'; group: RowGroup; collapsed: boolean }
  | { kind: 'run'; row: TableRow; depth: number; hasChildren: boolean; expanded: boolean };

/** How to lay the lines out; sorting compares the cells as shown (so the context a cell needs). */
export interface LayoutOptions extends CellContext {
  sort: readonly TableSortKey[];
  columns: ReadonlyMap<string, Column>;
  flat: boolean;
  grouping: TableGrouping;
  /** Runs whose children are hidden (nesting), and group ids collapsed (grouping). */
  collapsed: ReadonlySet<string>;
  commits: readonly TableCommit[];
}

/** Sorts a copy of `rows` by the sort keys (stable: equal rows keep the store's order). */
export function sortRows(
  rows: readonly TableRow[],
  options: Pick<LayoutOptions, 'sort' | 'columns'> & CellContext,
): TableRow[] {
  const keys = options.sort
    .map((key) => ({ column: options.columns.get(key.columnId), ascending: key.ascending }))
    .filter((key): key is { column: Column; ascending: boolean } => key.column !== undefined);
  if (keys.length === 0) return [...rows];
  const values = rows.map((row) => keys.map((key) => cellOf(key.column, row, options).value));
  const order = rows.map((_, index) => index);
  order.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const x = values[a]![k];
      const y = values[b]![k];
      const missing = x === undefined || y === undefined;
      // Missing values stay last in both directions, as MLflow sorts them.
      const result = missing ? compareValues(x, y) : compareValues(x, y) * (keys[k]!.ascending ? 1 : -1);
      if (result !== 0) return result;
    }
    return a - b;
  });
  return order.map((index) => rows[index]!);
}

/** The lines to show. */
export function layoutLines(rows: readonly TableRow[], options: LayoutOptions): DisplayLine[] {
  const sorted = sortRows(rows, options);
  if (options.grouping.by === 'none') return options.flat ? flatLines(sorted) : nestedLines(sorted, options.collapsed);
  const lines: DisplayLine[] = [];
  for (const group of groupRuns(sorted, options.grouping, options.commits, options.directions)) {
    const collapsed = options.collapsed.has(`group:${group.id}`);
    lines.push({ kind: 'group', group, collapsed });
    if (!collapsed) for (const row of group.runs) lines.push(runLine(row, 0, false, false));
  }
  return lines;
}

function runLine(row: TableRow, depth: number, hasChildren: boolean, expanded: boolean): DisplayLine {
  return { kind: 'run', row, depth, hasChildren, expanded };
}

function flatLines(rows: readonly TableRow[]): DisplayLine[] {
  return rows.map((row) => runLine(row, 0, false, false));
}

/** Children under their parent (when the parent is loaded), each level in the sorted order. */
function nestedLines(rows: readonly TableRow[], collapsed: ReadonlySet<string>): DisplayLine[] {
  const loaded = new Set(rows.map((row) => row.runId));
  const children = new Map<string, TableRow[]>();
  const roots: TableRow[] = [];
  for (const row of rows) {
    const parent = row.parentRunId;
    if (parent !== undefined && parent !== row.runId && loaded.has(parent)) {
      let list = children.get(parent);
      if (!list) children.set(parent, (list = []));
      list.push(row);
    } else roots.push(row);
  }
  const lines: DisplayLine[] = [];
  const seen = new Set<string>();
  // An explicit stack, not recursion: a deep (or, from a hostile store, circular) chain of parents must not overflow.
  const stack: { row: TableRow; depth: number; hidden: boolean }[] = roots
    .map((row) => ({ row, depth: 0, hidden: false }))
    .reverse();
  while (stack.length > 0) {
    const { row, depth, hidden } = stack.pop()!;
    if (seen.has(row.runId)) continue;
    seen.add(row.runId);
    const kids = children.get(row.runId) ?? [];
    const expanded = kids.length > 0 && !collapsed.has(row.runId);
    if (!hidden) lines.push(runLine(row, depth, kids.length > 0, expanded));
    // The descendants of a collapsed run are walked too, unshown, so they are not taken below for
    // runs of a cycle of parents.
    const hideKids = hidden || !expanded;
    for (let k = kids.length - 1; k >= 0; k--) stack.push({ row: kids[k]!, depth: depth + 1, hidden: hideKids });
  }
  // Runs only reachable through a cycle of parents are shown at the top level rather than lost.
  for (const row of rows) if (!seen.has(row.runId)) lines.push(runLine(row, 0, false, false));
  return lines;
}

/** The groups of `rows` (already sorted), in the grouping's order; `directions` are the user's (see `directionOf`). */
export function groupRuns(
  rows: readonly TableRow[],
  grouping: TableGrouping,
  commits: readonly TableCommit[],
  directions?: Readonly<Record<string, BestDirection>>,
): RowGroup[] {
  const groups = new Map<string, RowGroup>();
  const byId = new Map(rows.map((row) => [row.runId, row]));
  for (const row of rows) {
    const id = groupKey(row, grouping);
    let group = groups.get(id);
    if (!group) {
      group = { id, label: groupLabel(id, grouping, byId), runs: [] };
      groups.set(id, group);
    }
    group.runs.push(row);
  }
  const list = [...groups.values()];
  if (grouping.metric !== undefined) {
    const direction = directionOf(grouping.metric, directions);
    for (const group of list) group.best = bestOf(group.runs, grouping.metric, direction);
  }
  if (grouping.by !== 'commit')
    return list.sort((a, b) => (a.id === '' ? 1 : b.id === '' ? -1 : compareValues(a.id, b.id)));
  // Commit groups follow the host's `git log` order; commits it did not list come after, runs without a commit last.
  const position = new Map(commits.map((commit, index) => [commit.sha, index]));
  for (const group of list) {
    const index = position.get(group.id);
    if (index !== undefined) group.commit = commits[index];
  }
  const rank = (group: RowGroup): number => (group.id === '' ? Infinity : (position.get(group.id) ?? commits.length));
  return list.sort((a, b) => rank(a) - rank(b) || compareValues(a.id, b.id));
}

function groupKey(row: TableRow, grouping: TableGrouping): string {
  switch (grouping.by) {
    case 'commit':
      return row.commit ?? '';
    case 'branch':
      return row.branch ?? '';
    case 'param':
      // `=` keeps a value apart from "not set", the empty string included.
      return grouping.key !== undefined && Object.hasOwn(row.params, grouping.key)
        ? `=${row.params[grouping.key]}`
        : '';
    case 'parent':
      return row.parentRunId ?? '';
    case 'none':
      return '';
  }
}

function groupLabel(id: string, grouping: TableGrouping, byId: ReadonlyMap<string, TableRow>): string {
  if (id === '') return NO_VALUE[grouping.by];
  if (grouping.by === 'parent') {
    const parent = byId.get(id);
    return parent ? parent.runName || id : id;
  }
  if (grouping.by === 'param') return `${grouping.key ?? ''} = ${id === '=' ? '(empty)' : id.slice(1)}`;
  return id;
}

const NO_VALUE: Record<TableGrouping['by'], string> = {
  none: '',
  commit: '(no commit)',
  branch: '(no branch)',
  param: '(not set)',
  parent: '(no parent run)',
};

/** The best finite value of `metric` among `runs` in `direction`, and the run that has it. */
export function bestOf(
  runs: readonly TableRow[],
  metric: string,
  direction: BestDirection,
): { value: number; runId: string } | undefined {
  let best: { value: number; runId: string } | undefined;
  for (const row of runs) {
    if (!Object.hasOwn(row.metrics, metric)) continue;
    const value = fromWire(row.metrics[metric]!);
    if (!Number.isFinite(value)) continue;
    if (!best || isBetter(value, best.value, direction)) best = { value, runId: row.runId };
  }
  return best;
}
