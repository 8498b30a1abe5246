import type { Run } from '../model';
import type { RunOrderClause } from './orderBy';
import { runTextAttributeReader } from './runAttributes';
import { compareText, ownEntry, storedMetricValue } from './sqlValues';

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
