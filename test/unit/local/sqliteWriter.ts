/**
 * Another process's writes to a copy of a store, made with real SQLite (Node's node:sqlite opened
 * read-write), as MLflow's own client makes them: rows committed in a transaction, locks and all.
 */
import { DatabaseSync } from 'node:sqlite';

/** A read-write connection as MLflow's SQLAlchemy opens one (SQLite's foreign keys off, its default). */
export function openWriter(path: string): DatabaseSync {
  return new DatabaseSync(path, { enableForeignKeyConstraints: false });
}

/** Runs `body` on a read-write connection to the database, then closes it. */
export function withWriter<T>(path: string, body: (db: DatabaseSync) => T): T {
  const db = openWriter(path);
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    return body(db);
  } finally {
    db.close();
  }
}

/** Executes SQL statements on the database in one transaction. */
export function writeSql(path: string, sql: string): void {
  withWriter(path, (db) => db.exec(`BEGIN IMMEDIATE; ${sql}; COMMIT`));
}

/** The SQL of one run as MLflow's SQLAlchemy store writes it: the run row, a param, a metric point and its latest value. */
export function runRowsSql(options: {
  runId: string;
  name: string;
  experimentId: number;
  status?: string;
  start?: number;
  steps?: number;
}): string {
  const { runId, name, experimentId, status = 'RUNNING', start = 1_800_000_000_000, steps = 1 } = options;
  const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
  const statements = [
    'INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id) ' +
      `VALUES (${quote(runId)}, ${quote(name)}, 'LOCAL', '', '', 'someone', ${quote(status)}, ${start}, NULL, '', 'active', '/elsewhere', ${experimentId})`,
    `INSERT INTO tags (key, value, run_uuid) VALUES ('mlflow.runName', ${quote(name)}, ${quote(runId)})`,
    `INSERT INTO params (key, value, run_uuid) VALUES ('lr', '0.01', ${quote(runId)})`,
  ];
  for (let step = 0; step < steps; step++) {
    statements.push(
      `INSERT INTO metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ('loss', ${1 / (step + 2)}, ${start + step + 1}, ${step}, 0, ${quote(runId)})`,
    );
  }
  statements.push(
    `INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ('loss', ${1 / (steps + 1)}, ${start + steps}, ${steps - 1}, 0, ${quote(runId)})`,
  );
  return statements.join(';\n');
}

/**
 * Grows an experiment of the database at `path` to `copies + 1` times its runs: copies of its runs
 * with their params, tags and latest metrics (values nudged per copy), rows as MLflow wrote them.
 * Large enough for a search to be read from a filter's key, as on a real team's store.
 */
export function growExperiment(path: string, experimentId: number, copies: number): void {
  writeSql(
    path,
    `CREATE TEMP TABLE copies AS
       WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ${copies})
       SELECT r.run_uuid AS src, substr(r.run_uuid, 1, 24) || printf('%08x', k.n) AS dst, k.n AS n
       FROM runs r, k WHERE r.experiment_id = ${experimentId};
     INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id)
       SELECT c.dst, r.name || '-' || c.n, r.source_type, r.source_name, r.entry_point_name, r.user_id, r.status, r.start_time + c.n,
         r.end_time, r.source_version, r.lifecycle_stage, r.artifact_uri, r.experiment_id FROM copies c JOIN runs r ON r.run_uuid = c.src;
     INSERT INTO params (key, value, run_uuid) SELECT p.key, p.value, c.dst FROM copies c JOIN params p ON p.run_uuid = c.src;
     INSERT INTO tags (key, value, run_uuid) SELECT t.key, t.value, c.dst FROM copies c JOIN tags t ON t.run_uuid = c.src;
     INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid)
       SELECT m.key, m.value * (1 + c.n / 100.0), m.timestamp, m.step, m.is_nan, c.dst FROM copies c JOIN latest_metrics m ON m.run_uuid = c.src`,
  );
}
