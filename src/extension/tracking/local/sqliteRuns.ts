import { keyedRecord, SystemTags, type Run, type RunInfo } from '../model';
import { parseLifecycleStage, parseRunStatus } from './entityValues';
import type { SqliteSession } from './sqliteConnection';
import { addLatestMetrics } from './sqliteMetrics';
import {
  idCell,
  integerCell,
  jsonRecord,
  ofSelectedRuns,
  queryArrays,
  runsWithIds,
  textCell,
  type RunSelection,
  type SqlValue,
} from './sqliteQuery';
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
 * outputs, each table read once for all of them. A run row that cannot be understood is
 * reported and left out; the others still come back.
 */
export function readRuns(session: SqliteSession, selection: RunSelection, sink: ProblemSink): Run[] {
  const runs = new Map<string, Run>();
  const sql =
    'SELECT r.run_uuid, r.name, r.experiment_id, r.user_id, r.status, r.start_time, r.end_time, r.artifact_uri, r.lifecycle_stage ' +
    `FROM runs r WHERE ${selection.where}`;
  for (const row of queryArrays(session.db, sql, selection.params)) {
    const where = `${sink.path} (run ${String(row[0])})`;
    const info = runInfo(row);
    if (typeof info === 'string') {
      sink.problems.report(where, info);
      continue;
    }
    sink.problems.clear(where);
    runs.set(info.runId, {
      info,
      data: { metrics: keyedRecord(), params: keyedRecord(), tags: keyedRecord() },
      inputs: { datasetInputs: [] },
      outputs: { modelOutputs: [] },
    });
  }
  if (runs.size === 0) return [];
  addKeyValues(session, 'params', selection, runs);
  addKeyValues(session, 'tags', selection, runs);
  addLatestMetrics(session, selection, runs);
  addDatasetInputs(session, selection, runs);
  addModelOutputs(session, selection, runs);
  for (const run of runs.values()) run.info.runName ||= run.data.tags[SystemTags.runName] ?? '';
  return [...runs.values()];
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

/**
 * Fills each run's params or tags. Each run's entries come from SQLite as one JSON object, which
 * V8 parses natively: a page's ~1,200 rows would otherwise each be a row array and a turn of a
 * JavaScript loop (half of a page's reading, and the loop got hot enough to be compiled while the
 * page was read). A run with a value that is not text (only another tool writes one) is read row
 * by row instead, so that it reads as before: as the text JavaScript makes of the value.
 */
function addKeyValues(
  session: SqliteSession,
  table: 'params' | 'tags',
  selection: RunSelection,
  runs: Map<string, Run>,
): void {
  const sql =
    // A blob cannot go into JSON at all (SQLite refuses it): each cell not text goes in as null and marks its run.
    "SELECT run_uuid, json_group_object(key, CASE typeof(value) WHEN 'text' THEN value WHEN 'null' THEN '' END) AS entries, " +
    `max(typeof(value) NOT IN ('text', 'null')) AS not_text FROM ${table} ` +
    `WHERE ${ofSelectedRuns(selection)} AND typeof(key) = 'text' GROUP BY run_uuid`;
  const notText: string[] = [];
  for (const [runId, entries, anyNotText] of queryArrays(session.db, sql, selection.params)) {
    const run = runs.get(textCell(runId) ?? '');
    if (!run || typeof entries !== 'string') continue;
    if (anyNotText) notText.push(run.info.runId);
    else run.data[table] = jsonRecord(entries);
  }
  if (notText.length > 0) addKeyValueRows(session, table, runsWithIds(notText), runs);
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
