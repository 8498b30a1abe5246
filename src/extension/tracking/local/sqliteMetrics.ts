import { CLAMPED_INFINITY, unclampInfinity } from '../../../webview/shared/nonFinite';
import { keyedRecord, type KeyedRecord, type Metric, type Run } from '../model';
import { compareMetricPoints } from '../sampling';
import { parseMetricValue } from './metricValues';
import type { SqliteSession } from './sqliteConnection';
import {
  flaggedJsonRecord,
  integerCell,
  ofSelectedRuns,
  queryArrays,
  textCell,
  type RunSelection,
  type SqlValue,
} from './sqliteQuery';

/**
 * Metrics as MLflow's SQLAlchemy store keeps them: `is_nan = 1` marks a NaN (its value column
 * holds 0), and +/-Infinity were clamped to +/-1.7976931348623157e308 when written; they are read
 * back as +/-Infinity (webview/shared/nonFinite.ts), as every backend does.
 */

/** A run's latest metrics from their JSON cell; undefined when one of them must be read as a row (addLatestMetricRows). */
export function latestMetricsOf(cell: SqlValue | undefined): KeyedRecord<Metric> | undefined {
  if (typeof cell !== 'string') return keyedRecord();
  const [plain, metrics] = flaggedJsonRecord<Metric>(cell);
  return plain === 0 ? undefined : metrics;
}

// A point whose cells metricOf reads as they are: not a NaN, nor the clamped infinity (read as Infinity, which JSON has no number for).
const PLAIN_METRIC_SQL =
  `CASE WHEN typeof(value) IN ('integer', 'real') AND is_nan = 0 AND abs(value) < ${CLAMPED_INFINITY} ` +
  "AND typeof(timestamp) = 'integer' AND typeof(step) = 'integer' THEN 1 ELSE 0 END";
// The point as a Metric in JSON, null when it is not plain (a blob cell would make SQLite refuse the whole JSON).
const PLAIN_METRIC_JSON_SQL = `CASE WHEN ${PLAIN_METRIC_SQL} = 1 THEN json_object('key', key, 'value', value, 'timestamp', timestamp, 'step', step) END`;

/**
 * A run's latest metrics (`latest_metrics`, the table MLflow keeps them in) as readRuns reads them
 * in its statement: `[plain, {key: metric}]`, where plain is 0 when a point is not as MLflow writes
 * nearly every one (a finite number not clamped, not NaN, whole-number step and timestamp). Only
 * where this SQLite writes doubles into JSON exactly (jsonKeepsReals).
 */
export const LATEST_METRICS_JSON_SQL = `json_array(min(${PLAIN_METRIC_SQL}), json_group_object(key, ${PLAIN_METRIC_JSON_SQL}))`;

/**
 * Doubles whose shortest spelling needs 16 or 17 significant digits, the smallest subnormal, the
 * smallest normal and the largest value below MLflow's clamped infinity.
 */
const PROBE_REALS = [
  0.41000000000000003, 0.30000000000000004, 123456789.12345679, -1.2345678901234567e-7, 5e-324, 2.2250738585072014e-308,
  1.7976931348623155e308,
];
let realsKeptInJson: boolean | undefined;

/**
 * Whether this SQLite writes a REAL into JSON as a number that reads back as the same double. The
 * node:sqlite of VS Code 1.101's Node 22.15 (SQLite 3.49.1) writes 15 significant digits, so a loss
 * of 0.41000000000000003 would read as 0.41; the SQLite of Node 24 (3.53) writes them exactly. Asked
 * once (every connection of the process has the same library); where it does not, metrics are read
 * row by row, where SQLite hands over the double itself.
 */
export function jsonKeepsReals(session: SqliteSession): boolean {
  if (realsKeptInJson === undefined) {
    const marks = PROBE_REALS.map(() => '?').join(', ');
    const [row] = queryArrays(session.db, `SELECT json_array(${marks})`, PROBE_REALS);
    const read = typeof row?.[0] === 'string' ? (JSON.parse(row[0]) as unknown[]) : [];
    realsKeptInJson = PROBE_REALS.every((value, index) => Object.is(read[index], value));
  }
  return realsKeptInJson;
}

/** Fills the selected runs' latest metrics row by row, each value read as metricOf reads it. */
export function addLatestMetricRows(session: SqliteSession, selection: RunSelection, runs: Map<string, Run>): void {
  const sql = `SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics WHERE ${ofSelectedRuns(selection)}`;
  for (const [runId, key, value, timestamp, step, isNan] of queryArrays(session.db, sql, selection.params)) {
    const run = runs.get(textCell(runId) ?? '');
    const metric = metricOf(key, value, timestamp, step, isNan);
    if (run && metric) run.data.metrics[metric.key] = metric;
  }
}

/**
 * Every point of one metric of one run, sorted by step then timestamp then value; [] when there is none.
 * `+key` keeps SQLite off the primary key (key first: it would scan every run's points of that
 * key) and on the run's own index, which is what makes a history of a 5 GB store instant. A
 * history of plain points (as readRuns takes latest metrics) comes sorted, as one JSON array that
 * V8 parses natively (10,000 points would otherwise be 10,000 row arrays read one by one in
 * JavaScript); ties keep the order of the rows, as the stable sort of the other histories does.
 */
export function readMetricHistory(session: SqliteSession, runId: string, metricKey: string): Metric[] {
  if (jsonKeepsReals(session)) {
    const [whole] = queryArrays(
      session.db,
      `SELECT json_group_array(${PLAIN_METRIC_JSON_SQL} ORDER BY step, timestamp, value, rowid) AS points, ` +
        `min(${PLAIN_METRIC_SQL}) AS plain FROM metrics WHERE run_uuid = ? AND +key = ?`,
      [runId, metricKey],
    );
    if (whole?.[1] === 1 && typeof whole[0] === 'string') return JSON.parse(whole[0]) as Metric[];
  }
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
