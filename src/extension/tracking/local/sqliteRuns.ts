import { keyedRecord, SystemTags, type KeyedRecord, type Run, type RunInfo } from '../model';
import { parseLifecycleStage, parseRunStatus } from './entityValues';
import type { SqliteSession } from './sqliteConnection';
import { addLatestMetricRows, jsonKeepsReals, LATEST_METRICS_JSON_SQL, latestMetricsOf } from './sqliteMetrics';
import {
  flaggedJsonRecord,
  idCell,
  integerCell,
  ofSelectedRuns,
  queryArrays,
  runsWithIds,
  textCell,
  type RunSelection,
  type SqlValue,
} from './sqliteQuery';
import type { SqlFragment } from './sqliteRunColumns';
import type { RunChildTable, SqliteSchema } from './sqliteSchema';
import { addDatasetInputs, addModelOutputs } from './sqliteRunInputs';
import type { StoreProblems } from './storeProblems';

/** Where problems of this database are filed, and the list they go to. */
export interface ProblemSink {
  problems: StoreProblems;
  /** The database file, to name the row at fault. */
  path: string;
}

/**
 * The selected runs, whole (in no particular order): info, params, tags, latest metrics, dataset inputs and model
 * outputs. A run row that cannot be understood is reported and left out; the others still come back.
 *
 * One statement reads the runs with their params, tags and latest metrics, each as one JSON cell
 * per run that V8 parses natively: a page's ~1,700 child rows would otherwise each be a row array
 * and a turn of a JavaScript loop, and four statements (runs, then each child table grouped by run)
 * cost a page about twice what one does, cold. A run with a cell JSON cannot carry as it is (a
 * value that is not text, a NaN, an infinity: only some runs have one) is read row by row instead.
 */
export function readRuns(session: SqliteSession, selection: RunSelection, sink: ProblemSink): Run[] {
  const metricsAsJson = jsonKeepsReals(session);
  const read = runRowsSql(session.schema, selection, metricsAsJson);
  const runs = new Map<string, Run>();
  const byRows = { params: [] as string[], tags: [] as string[], metrics: [] as string[] };
  for (const row of queryArrays(session.db, read.sql, read.params)) {
    const where = `${sink.path} (run ${String(row[0])})`;
    const info = runInfo(row);
    if (typeof info === 'string') {
      sink.problems.report(where, info);
      continue;
    }
    sink.problems.clear(where);
    const params = keyValuesOf(row[RUN_INFO_CELLS]);
    const tags = keyValuesOf(row[RUN_INFO_CELLS + 1]);
    const metrics = metricsAsJson ? latestMetricsOf(row[RUN_INFO_CELLS + 2]) : undefined;
    if (params === undefined) byRows.params.push(info.runId);
    if (tags === undefined) byRows.tags.push(info.runId);
    if (metricsAsJson && metrics === undefined) byRows.metrics.push(info.runId);
    runs.set(info.runId, {
      info,
      data: { metrics: metrics ?? keyedRecord(), params: params ?? keyedRecord(), tags: tags ?? keyedRecord() },
      inputs: { datasetInputs: [] },
      outputs: { modelOutputs: [] },
    });
  }
  if (runs.size === 0) return [];
  if (byRows.params.length > 0) addKeyValueRows(session, 'params', runsWithIds(byRows.params), runs);
  if (byRows.tags.length > 0) addKeyValueRows(session, 'tags', runsWithIds(byRows.tags), runs);
  if (!metricsAsJson) addLatestMetricRows(session, selection, runs);
  else if (byRows.metrics.length > 0) addLatestMetricRows(session, runsWithIds(byRows.metrics), runs);
  addDatasetInputs(session, selection, runs);
  addModelOutputs(session, selection, runs);
  for (const run of runs.values()) run.info.runName ||= run.data.tags[SystemTags.runName] ?? '';
  return [...runs.values()];
}

const RUN_INFO_SQL =
  'r.run_uuid, r.name, r.experiment_id, r.user_id, r.status, r.start_time, r.end_time, r.artifact_uri, r.lifecycle_stage';
/** How many cells of a row runInfo reads; the params, tags and latest metrics cells follow them. */
const RUN_INFO_CELLS = 9;

/**
 * A run's params or tags as `[not_text, {key: value}]`: a NULL value reads as '', and a value that
 * is neither text nor NULL (only another tool writes one; a blob cannot go into JSON at all) goes
 * in as null and sets not_text, so that its run is read row by row.
 */
const KEY_VALUES_JSON_SQL =
  "json_array(max(typeof(value) NOT IN ('text', 'null')), " +
  "json_group_object(key, CASE typeof(value) WHEN 'text' THEN value WHEN 'null' THEN '' END))";

/**
 * The statement of readRuns: the run columns, then one JSON cell per child table. A table with
 * MLflow's index by run is read per run (a lookup); a store from before that index (2022) has its
 * child rows of the selected runs read once and grouped, which SQLite joins to the runs by an
 * index of its own, rather than a scan of the whole table per run.
 */
function runRowsSql(schema: SqliteSchema, selection: RunSelection, metricsAsJson: boolean): SqlFragment {
  const children: [RunChildTable, string | undefined][] = [
    ['params', KEY_VALUES_JSON_SQL],
    ['tags', KEY_VALUES_JSON_SQL],
    ['latest_metrics', metricsAsJson ? LATEST_METRICS_JSON_SQL : undefined],
  ];
  const cells: string[] = [];
  const joins: string[] = [];
  const params: SqlFragment['params'] = [];
  children.forEach(([table, json], index) => {
    // Each cell named for its table: where rows come as objects (a Node without setReturnArrays),
    // two cells of one name would be one.
    const name = `${table}_json`;
    if (json === undefined) {
      cells.push(`NULL AS ${name}`);
    } else if (schema.runIndexed.has(table)) {
      cells.push(
        `(SELECT ${json} FROM ${table} c WHERE c.run_uuid = r.run_uuid AND typeof(c.key) = 'text') AS ${name}`,
      );
    } else {
      const alias = `c${index}`;
      cells.push(`${alias}.entries AS ${name}`);
      joins.push(
        `LEFT JOIN (SELECT run_uuid, ${json} AS entries FROM ${table} ` +
          `WHERE ${ofSelectedRuns(selection)} AND typeof(key) = 'text' GROUP BY run_uuid) ${alias} ON ${alias}.run_uuid = r.run_uuid`,
      );
      params.push(...selection.params);
    }
  });
  return {
    sql: `SELECT ${RUN_INFO_SQL}, ${cells.join(', ')} FROM runs r ${joins.join(' ')} WHERE ${selection.where}`,
    params: [...params, ...selection.params],
  };
}

/** A run's params or tags from their JSON cell; undefined when one of its values must be read as a row. */
function keyValuesOf(cell: SqlValue | undefined): KeyedRecord<string> | undefined {
  if (typeof cell !== 'string') return keyedRecord();
  const [notText, entries] = flaggedJsonRecord<string>(cell);
  return notText === 1 ? undefined : entries;
}

/** A run's info from the cells of its row, in the SELECT list's order of readRuns. */
function runInfo(row: readonly SqlValue[]): RunInfo | string {
  const [runId, runName, experimentId, userId, status, startTime, endTime, artifactUri, lifecycle] = row;
  const id = textCell(runId);
  if (id === undefined || id === '') return 'the run row has no run_uuid';
  const runStatus = parseRunStatus(status);
  if (runStatus === undefined) return `the run has an unknown status ${JSON.stringify(status)}`;
  const lifecycleStage = parseLifecycleStage(lifecycle);
  if (lifecycleStage === undefined) return `the run has an unknown lifecycle stage ${JSON.stringify(lifecycle)}`;
  const experiment = idCell(experimentId);
  if (experiment === undefined) return 'the run row has no experiment_id';
  return {
    runId: id,
    runName: textCell(runName) ?? '',
    experimentId: experiment,
    userId: textCell(userId) ?? '',
    status: runStatus,
    startTime: integerCell(startTime),
    endTime: integerCell(endTime),
    artifactUri: textCell(artifactUri) ?? '',
    lifecycleStage,
  };
}

function addKeyValueRows(
  session: SqliteSession,
  table: 'params' | 'tags',
  selection: RunSelection,
  runs: Map<string, Run>,
): void {
  const sql = `SELECT run_uuid, key, value FROM ${table} WHERE ${ofSelectedRuns(selection)}`;
  for (const [runId, key, value] of queryArrays(session.db, sql, selection.params)) {
    const run = runs.get(textCell(runId) ?? '');
    const text = textCell(key);
    if (run && text !== undefined)
      run.data[table][text] = textCell(value) ?? (value === null || value === undefined ? '' : String(value));
  }
}
