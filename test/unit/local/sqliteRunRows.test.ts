import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Metric, Run } from '../../../src/extension/tracking/model';
import { SqliteConnection, type SqliteSession } from '../../../src/extension/tracking/local/sqliteConnection';
import { jsonKeepsReals, readMetricHistory } from '../../../src/extension/tracking/local/sqliteMetrics';
import { queryRows, runsWithIds } from '../../../src/extension/tracking/local/sqliteQuery';
import { readRuns } from '../../../src/extension/tracking/local/sqliteRuns';
import { StoreProblems } from '../../../src/extension/tracking/local/storeProblems';
import { CLAMPED_INFINITY } from '../../../src/webview/shared/nonFinite';
import { LOCAL_DB, writableCopy } from './fixtures';
import { withoutReturnArrays } from './support/withoutReturnArrays';
import { writeSql } from './sqliteWriter';

const ODD_RUN = 'a'.repeat(32);
const NAMED_RUN = 'b'.repeat(32);
const RUN_COLUMNS =
  'run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id';

/** The database with the rows each statement returned to JavaScript counted, by the table it reads. */
function countingRows(db: DatabaseSync, counts: Map<string, number>): DatabaseSync {
  const counted = (statement: StatementSync, sql: string): StatementSync =>
    new Proxy(statement, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (key !== 'all' || typeof value !== 'function') {
          return typeof value === 'function' ? (value.bind(target) as unknown) : value;
        }
        return (...params: unknown[]) => {
          const rows = (value as (...args: unknown[]) => unknown[]).apply(target, params);
          // The outer table: a statement over the runs reads its child tables in subqueries.
          const table = sql.startsWith('SELECT r.')
            ? 'runs'
            : (/FROM (params|tags|latest_metrics|metrics)\b/.exec(sql)?.[1] ?? 'other');
          counts.set(table, (counts.get(table) ?? 0) + rows.length);
          return rows;
        };
      },
    });
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => counted(target.prepare(sql), sql);
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
  });
}

async function readCounted<T>(
  path: string,
  read: (session: SqliteSession) => T,
): Promise<{ value: T; counts: Map<string, number> }> {
  const connection = new SqliteConnection(path, 'test store');
  const counts = new Map<string, number>();
  try {
    const value = await connection.read((session) => read({ ...session, db: countingRows(session.db, counts) }));
    return { value, counts };
  } finally {
    connection.dispose();
  }
}

/** A run's params, tags and latest metrics as plain objects, for deepEqual against what the rows say. */
function dataOf(run: Run): { params: object; tags: object; metrics: object } {
  return { params: { ...run.data.params }, tags: { ...run.data.tags }, metrics: { ...run.data.metrics } };
}

test('a page of runs comes as one row per run with its params, tags and latest metrics, with what each row says, odd cells included', async () => {
  const path = await writableCopy(LOCAL_DB, 'mlflow.db');
  // Cells only another tool writes: a blob param (read as JavaScript's text of it), a NULL tag
  // (read as ''), a NaN, a clamped infinity, a point with no timestamp and one whose value is a blob (left out).
  writeSql(
    path,
    `INSERT INTO runs (${RUN_COLUMNS}) VALUES ('${ODD_RUN}', 'odd', 'LOCAL', '', '', 'u', 'FINISHED', 1, 2, '', 'active', '', 0);
     INSERT INTO params (key, value, run_uuid) VALUES ('n', 7, '${ODD_RUN}'), ('raw', X'0102', '${ODD_RUN}'), ('plain', 'x', '${ODD_RUN}');
     INSERT INTO tags (key, value, run_uuid) VALUES ('empty', NULL, '${ODD_RUN}'), ('note', 'hi', '${ODD_RUN}');
     INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES
       ('inf', ${CLAMPED_INFINITY}, 5, 3, 0, '${ODD_RUN}'), ('nan', 0, 6, 4, 1, '${ODD_RUN}'), ('ok', 0.5, NULL, 1, 0, '${ODD_RUN}'),
       ('blob', X'01', 8, 1, 0, '${ODD_RUN}');
     INSERT INTO runs (${RUN_COLUMNS}) VALUES ('${NAMED_RUN}', 'named', 'LOCAL', '', '', 'u', 'FINISHED', 1, 2, '', 'active', '', 0);
     INSERT INTO params (key, value, run_uuid) VALUES ('__proto__', 'p', '${NAMED_RUN}'), ('constructor', 'c', '${NAMED_RUN}');
     INSERT INTO tags (key, value, run_uuid) VALUES ('note', 'n', '${NAMED_RUN}');
     INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ('hasOwnProperty', 1, 2, 3, 0, '${NAMED_RUN}')`,
  );

  const { value: runs, counts } = await readCounted(path, (session) => {
    const ids = queryRows(session.db, 'SELECT run_uuid FROM runs').map((row) => String(row['run_uuid']));
    return readRuns(session, runsWithIds(ids), { problems: new StoreProblems(), path });
  });
  const odd = runs.find((run) => run.info.runId === ODD_RUN)!;
  const named = runs.find((run) => run.info.runId === NAMED_RUN)!;
  // Keys that name Object.prototype's members are entries like any other, in records with no prototype.
  assert.deepEqual(dataOf(named).params, JSON.parse('{"__proto__": "p", "constructor": "c"}'));
  for (const record of [named.data.params, named.data.tags, named.data.metrics, odd.data.params, odd.data.metrics]) {
    assert.equal(Object.getPrototypeOf(record), null);
  }
  assert.equal('toString' in named.data.tags, false);
  assert.deepEqual(dataOf(odd), {
    params: { n: '7', raw: '1,2', plain: 'x' },
    tags: { empty: '', note: 'hi' },
    metrics: {
      inf: { key: 'inf', value: Number.POSITIVE_INFINITY, timestamp: 5, step: 3 },
      nan: { key: 'nan', value: Number.NaN, timestamp: 6, step: 4 },
      ok: { key: 'ok', value: 0.5, timestamp: 0, step: 1 },
    },
  });

  // Every run of MLflow's own store, as its rows say (the fixture's NaN and infinities included).
  const rows = await readCounted(path, (session) => ({
    params: queryRows(session.db, 'SELECT run_uuid, key, value FROM params'),
    tags: queryRows(session.db, 'SELECT run_uuid, key, value FROM tags'),
    metrics: queryRows(session.db, 'SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics'),
  }));
  const expected = new Map<
    string,
    { params: Record<string, unknown>; tags: Record<string, unknown>; metrics: Record<string, Metric> }
  >();
  const of = (runId: unknown) => {
    const id = String(runId);
    if (!expected.has(id)) expected.set(id, { params: {}, tags: {}, metrics: {} });
    return expected.get(id)!;
  };
  for (const row of rows.value.params) of(row['run_uuid']).params[String(row['key'])] = row['value'];
  for (const row of rows.value.tags) of(row['run_uuid']).tags[String(row['key'])] = row['value'] ?? '';
  for (const row of rows.value.metrics) {
    const stored = Number(row['value']);
    const value = row['is_nan'] === 1 ? Number.NaN : Math.abs(stored) === CLAMPED_INFINITY ? stored * Infinity : stored;
    of(row['run_uuid']).metrics[String(row['key'])] = {
      key: String(row['key']),
      value,
      timestamp: Number(row['timestamp'] ?? 0),
      step: Number(row['step']),
    };
  }
  assert.equal(runs.length, 191);
  for (const run of runs) {
    if (run.info.runId === ODD_RUN || run.info.runId === NAMED_RUN) continue;
    assert.deepEqual(
      dataOf(run),
      expected.get(run.info.runId) ?? { params: {}, tags: {}, metrics: {} },
      run.info.runId,
    );
  }
  assert.ok(
    [...expected.values()].some((run) => Object.values(run.metrics).some((metric) => !Number.isFinite(metric.value))),
    'the fixture has runs with a NaN or an infinity',
  );

  // One row per run, its params, tags and latest metrics included; then only the rows of the runs
  // with a cell JSON cannot carry as it is (the odd run's three params, one not text).
  assert.equal(counts.get('runs'), runs.length);
  const oddRows = (table: string) =>
    queryRowsCount(
      path,
      `SELECT count(*) AS n FROM ${table} WHERE run_uuid IN (SELECT run_uuid FROM latest_metrics WHERE is_nan = 1 OR abs(value) = ${CLAMPED_INFINITY} OR timestamp IS NULL)`,
    );
  assert.equal(counts.get('params') ?? 0, 3);
  assert.equal(counts.get('tags') ?? 0, 0);
  // Metrics come as JSON only where this SQLite writes doubles into JSON exactly (jsonKeepsReals).
  const metricRows = (await readsRealsInJson(path))
    ? await oddRows('latest_metrics')
    : await queryRowsCount(path, 'SELECT count(*) AS n FROM latest_metrics');
  assert.equal(counts.get('latest_metrics') ?? 0, metricRows, `latest_metrics rows for ${runs.length} runs`);
});

async function readsRealsInJson(path: string): Promise<boolean> {
  return (await readCounted(path, (session) => jsonKeepsReals(session))).value;
}

async function queryRowsCount(path: string, sql: string): Promise<number> {
  const connection = new SqliteConnection(path, 'test store');
  try {
    return await connection.read((session) => Number(queryRows(session.db, sql)[0]?.['n'] ?? 0));
  } finally {
    connection.dispose();
  }
}

test('a metric history of plain points comes as one row, sorted by step, timestamp and value; one with a NaN or an infinity reads the same as before', async () => {
  const path = await writableCopy(LOCAL_DB, 'mlflow.db');
  const point = (key: string, value: number | string, timestamp: number, step: number, isNan = 0) =>
    `('${key}', ${value}, ${timestamp}, '${ODD_RUN}', ${step}, ${isNan})`;
  writeSql(
    path,
    `INSERT INTO runs (${RUN_COLUMNS}) VALUES ('${ODD_RUN}', 'odd', 'LOCAL', '', '', 'u', 'FINISHED', 1, 2, '', 'active', '', 0);
     INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES
       ${[point('h', 1, 5, 2), point('h', 3, 9, 1), point('h', 2, 9, 1), point('h', 7, 4, 1), point('h', 0.1, 1, 0)].join(', ')},
       ${[point('odd', 0, 3, 1, 1), point('odd', CLAMPED_INFINITY, 2, 1), point('odd', -CLAMPED_INFINITY, 1, 2), point('odd', 0.5, 9, 0), point('odd', "X'01'", 9, 3)].join(', ')}`,
  );
  const { value, counts } = await readCounted(path, (session) => readMetricHistory(session, ODD_RUN, 'h'));
  assert.deepEqual(
    value.map((metric) => [metric.step, metric.timestamp, metric.value, metric.key]),
    [
      [0, 1, 0.1, 'h'],
      [1, 4, 7, 'h'],
      [1, 9, 2, 'h'],
      [1, 9, 3, 'h'],
      [2, 5, 1, 'h'],
    ],
  );
  assert.equal(counts.get('metrics'), (await readsRealsInJson(path)) ? 1 : 5);

  const odd = await readCounted(path, (session) => readMetricHistory(session, ODD_RUN, 'odd'));
  assert.deepEqual(
    odd.value.map((metric) => [metric.step, metric.timestamp, metric.value]),
    [
      [0, 9, 0.5],
      [1, 2, Number.POSITIVE_INFINITY],
      [1, 3, Number.NaN],
      [2, 1, Number.NEGATIVE_INFINITY],
    ],
  );
  assert.deepEqual((await readCounted(path, (session) => readMetricHistory(session, ODD_RUN, 'none'))).value, []);
});

test('doubles whose shortest spelling needs 17 digits read back exactly, latest and history, whatever JSON this SQLite writes', async () => {
  const path = await writableCopy(LOCAL_DB, 'mlflow.db');
  // SQLite 3.49 (Node 22.15, VS Code 1.101) writes 15 significant digits into JSON: 0.41000000000000003 became 0.41.
  const values = [0.41000000000000003, 0.30000000000000004, 123456789.12345679, -1.2345678901234567e-7, 5e-324];
  writeSql(
    path,
    `INSERT INTO runs (${RUN_COLUMNS}) VALUES ('${ODD_RUN}', 'exact', 'LOCAL', '', '', 'u', 'FINISHED', 1, 2, '', 'active', '', 0);
     INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES
       ${values.map((value, index) => `('m${index}', ${value.toPrecision(17)}, 1, ${index}, 0, '${ODD_RUN}')`).join(', ')};
     INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES
       ${values.map((value, index) => `('h', ${value.toPrecision(17)}, 1, '${ODD_RUN}', ${index}, 0)`).join(', ')}`,
  );
  const { value: runs } = await readCounted(path, (session) =>
    readRuns(session, runsWithIds([ODD_RUN]), { problems: new StoreProblems(), path }),
  );
  assert.deepEqual(
    Object.values(runs[0]!.data.metrics).map((metric) => metric.value),
    values,
  );
  const { value: history } = await readCounted(path, (session) => readMetricHistory(session, ODD_RUN, 'h'));
  assert.deepEqual(
    history.map((metric) => metric.value),
    values,
  );
});

test('a store from before the index by run (MLflow < 2022) reads the same runs, its child rows grouped once rather than scanned per run, with or without setReturnArrays', async () => {
  const path = await writableCopy(LOCAL_DB, 'mlflow.db');
  const readAll = (asNode: (db: DatabaseSync) => DatabaseSync = (db) => db) =>
    readCounted(path, (session) => {
      const ids = queryRows(session.db, 'SELECT run_uuid FROM runs').map((row) => String(row['run_uuid']));
      const runs = readRuns({ ...session, db: asNode(session.db) }, runsWithIds(ids), {
        problems: new StoreProblems(),
        path,
      });
      return {
        indexed: [...session.schema.runIndexed].sort(),
        runs: runs.sort((a, b) => (a.info.runId < b.info.runId ? -1 : 1)),
      };
    });
  const indexed = await readAll();
  assert.deepEqual(indexed.value.indexed, ['latest_metrics', 'params', 'tags']);
  // Read as a Node without setReturnArrays reads (VS Code 1.101's): rows as objects, each cell by its name.
  assert.deepEqual((await readAll(withoutReturnArrays)).value.runs, indexed.value.runs);
  // Revision bd07f7e963c5 (2022) added these; a store that missed it has only the (key, run_uuid) primary keys.
  writeSql(
    path,
    'DROP INDEX index_params_run_uuid; DROP INDEX index_tags_run_uuid; DROP INDEX index_latest_metrics_run_uuid',
  );
  const unindexed = await readAll();
  assert.deepEqual(unindexed.value.indexed, []);
  assert.deepEqual((await readAll(withoutReturnArrays)).value.runs, indexed.value.runs);
  assert.equal(unindexed.value.runs.length, 189);
  assert.deepEqual(unindexed.value.runs, indexed.value.runs);
  assert.ok(
    unindexed.value.runs.some(
      (run) => Object.keys(run.data.params).length > 0 && Object.keys(run.data.metrics).length > 0,
    ),
  );
  assert.equal(unindexed.counts.get('runs'), 189);
  // How SQLite reads the child tables there: each once, never a scan per run (SCAN inside a correlated subquery).
  const plan = await readCounted(path, (session) => {
    let statement = '';
    const db = new Proxy(session.db, {
      get(target, key) {
        if (key === 'prepare')
          return (sql: string) => ((statement ||= sql.startsWith('SELECT r.') ? sql : ''), target.prepare(sql));
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value.bind(target) as unknown) : value;
      },
    });
    readRuns({ ...session, db }, runsWithIds(['x']), { problems: new StoreProblems(), path });
    const marks = statement.split('?').length - 1;
    return queryRows(session.db, `EXPLAIN QUERY PLAN ${statement}`, Array(marks).fill('[]')).map((row) =>
      String(row['detail']),
    );
  });
  assert.ok(plan.value.length > 0);
  assert.ok(!plan.value.some((detail) => detail.includes('CORRELATED')), plan.value.join('\n'));
  // Latest metrics are in the statement where this SQLite writes doubles into JSON exactly (jsonKeepsReals).
  const inStatement = ['params', 'tags', ...((await readsRealsInJson(path)) ? ['latest_metrics'] : [])];
  for (const table of inStatement) {
    assert.equal(plan.value.filter((detail) => detail === `SCAN ${table}`).length, 1, plan.value.join('\n'));
  }
});
