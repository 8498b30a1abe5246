import { unclampInfinity } from '../../../webview/shared/nonFinite';
import type { Metric, Run } from '../model';
import { compareMetricPoints } from '../sampling';
import { parseMetricValue } from './metricValues';
import type { SqliteSession } from './sqliteConnection';
import { integerCell, ofSelectedRuns, queryArrays, textCell, type RunSelection, type SqlValue } from './sqliteQuery';

/**
 * Metrics as MLflow's SQLAlchemy store keeps them: `is_nan = 1` marks a NaN (its value column
 * holds 0), and +/-Infinity were clamped to +/-1.7976931348623157e308 when written; they are read
 * back as +/-Infinity (webview/shared/nonFinite.ts), as every backend does.
 */

/** Fills each run's latest metrics from `latest_metrics`, the table MLflow keeps them in. */
export function addLatestMetrics(session: SqliteSession, selection: RunSelection, runs: Map<string, Run>): void {
  const sql = `SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics WHERE ${ofSelectedRuns(selection)}`;
  for (const [runId, key, value, timestamp, step, isNan] of queryArrays(session.db, sql, selection.params)) {
    const run = runs.get(textCell(runId) ?? '');
    const metric = metricOf(key, value, timestamp, step, isNan);
    if (run && metric) run.data.metrics[metric.key] = metric;
  }
}

/**
 * Every point of one metric of one run, sorted by step then timestamp; [] when there is none.
 * `+key` keeps SQLite off the primary key (key first: it would scan every run's points of that
 * key) and on the run's own index, which is what makes a history of a 5 GB store instant.
 */
export function readMetricHistory(session: SqliteSession, runId: string, metricKey: string): Metric[] {
  const rows = queryArrays(
    session.db,
    'SELECT key, value, timestamp, step, is_nan FROM metrics WHERE run_uuid = ? AND +key = ?',
    [runId, metricKey],
  );
  const points: Metric[] = [];
  for (const [key, value, timestamp, step, isNan] of rows) {
    const metric = metricOf(key, value, timestamp, step, isNan);
    if (metric) points.push(metric);
  }
  return points.sort(compareMetricPoints);
}

/** One metric point from its cells (key, value, timestamp, step, is_nan); undefined when unreadable. */
function metricOf(
  key: SqlValue | undefined,
  value: SqlValue | undefined,
  timestamp: SqlValue | undefined,
  step: SqlValue | undefined,
  isNan: SqlValue | undefined,
): Metric | undefined {
  const metricKey = textCell(key);
  const metricValue = isNan === 1 || isNan === '1' ? Number.NaN : numberOf(value);
  if (metricKey === undefined || metricValue === undefined) return undefined;
  return {
    key: metricKey,
    value: unclampInfinity(metricValue),
    timestamp: integerCell(timestamp) ?? 0,
    step: integerCell(step) ?? 0,
  };
}

function numberOf(value: SqlValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'string' ? parseMetricValue(value) : undefined;
}
