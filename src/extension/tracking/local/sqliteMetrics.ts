import type { SqlValue } from 'sql.js';
import type { Metric, Run } from '../model';
import { unclampInfinity } from '../clampedInfinity';
import { compareMetricPoints } from '../sampling';
import { parseMetricValue } from './metricValues';
import type { SqliteImage } from './sqliteImage';
import { integerCell, ofSelectedRuns, queryRows, textCell, type RunSelection } from './sqliteQuery';

/**
 * Metrics as MLflow's SQLAlchemy store keeps them: `is_nan = 1` marks a NaN (its value column
 * holds 0), and +/-Infinity were clamped to +/-1.7976931348623157e308 when written (an MLflow
 * server on this database answers them so, 062 and 077): they are read back as +/-Infinity.
 */

/** Fills each run's latest metrics from `latest_metrics`, the table MLflow keeps them in. */
export function addLatestMetrics(image: SqliteImage, selection: RunSelection, runs: Map<string, Run>): void {
  const sql = `SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics WHERE ${ofSelectedRuns(selection)}`;
  for (const [runId, key, value, timestamp, step, isNan] of queryRows(image.db, sql, selection.params)) {
    const run = runs.get(textCell(runId) ?? '');
    const metric = metricOf(key, value, timestamp, step, isNan);
    if (run && metric) run.data.metrics[metric.key] = metric;
  }
}

/** Every point of one metric of one run, sorted by step then timestamp; [] when there is none. */
export function readMetricHistory(image: SqliteImage, runId: string, metricKey: string): Metric[] {
  const rows = queryRows(
    image.db,
    'SELECT key, value, timestamp, step, is_nan FROM metrics WHERE run_uuid = ? AND key = ?',
    [runId, metricKey],
  );
  const points: Metric[] = [];
  for (const [key, value, timestamp, step, isNan] of rows) {
    const metric = metricOf(key, value, timestamp, step, isNan);
    if (metric) points.push(metric);
  }
  return points.sort(compareMetricPoints);
}

function metricOf(
  key: SqlValue | undefined,
  value: SqlValue | undefined,
  timestamp: SqlValue | undefined,
  step: SqlValue | undefined,
  isNan: SqlValue | undefined,
): Metric | undefined {
  const metricKey = textCell(key);
  const stored = isNan === 1 || isNan === '1' ? Number.NaN : numberOf(value);
  const metricValue = stored === undefined ? undefined : unclampInfinity(stored);
  if (metricKey === undefined || metricValue === undefined) return undefined;
  return { key: metricKey, value: metricValue, timestamp: integerCell(timestamp) ?? 0, step: integerCell(step) ?? 0 };
}

function numberOf(value: SqlValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? parseMetricValue(value) : undefined;
}
