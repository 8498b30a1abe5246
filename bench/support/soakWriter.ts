/**
 * `node --import tsx bench/support/soakWriter.ts <mlflow.db> <experiment id> <seconds> <interval ms> <delete|wal>`:
 * a training script's writes as MLflow's SQLAlchemy store makes them, through node:sqlite in its own
 * process (no Python): every `interval` ms one transaction commits a new run (run row, its name tag,
 * a param, 10 points of `loss` and its latest value) and one more point of `loss` for a long run
 * that trains throughout (its latest value updated with it). SQLite's busy timeout is 5 s, as
 * Python's sqlite3 (MLflow's driver) sets it. Prints `run <index> <run id>` once each run is
 * committed; an error (such as "database is locked") is printed as `error <message>` and counted,
 * and the writer goes on, so the soak can report how many there were (must be 0).
 */
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';

const [path, experiment, seconds, interval, journal] = process.argv.slice(2);
if (!path || !experiment || !seconds || !interval || (journal !== 'delete' && journal !== 'wal'))
  throw new Error('usage: soakWriter.ts <mlflow.db> <experiment id> <seconds> <interval ms> <delete|wal>');
const experimentId = Number(experiment);
const db = new DatabaseSync(path, { enableForeignKeyConstraints: false });
db.exec(`PRAGMA busy_timeout = 5000; PRAGMA journal_mode = ${journal}`);
const START = 1_800_000_000_000;
const insertRun = db.prepare(
  'INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, ' +
    "source_version, lifecycle_stage, artifact_uri, experiment_id) VALUES (?, ?, 'LOCAL', 'train.py', '', 'soak', 'RUNNING', ?, NULL, '', 'active', ?, ?)",
);
const insertTag = db.prepare("INSERT INTO tags (key, value, run_uuid) VALUES ('mlflow.runName', ?, ?)");
const insertParam = db.prepare("INSERT INTO params (key, value, run_uuid) VALUES ('lr', '0.01', ?)");
const insertPoint = db.prepare(
  "INSERT INTO metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ('loss', ?, ?, ?, 0, ?)",
);
const upsertLatest = db.prepare(
  "INSERT OR REPLACE INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ('loss', ?, ?, ?, 0, ?)",
);

const trainingRun = randomUUID().replace(/-/g, '');
db.exec('BEGIN IMMEDIATE');
insertRun.run(trainingRun, 'soak-training', START - 1, `/tmp/${trainingRun}`, experimentId);
insertTag.run('soak-training', trainingRun);
db.exec('COMMIT');
console.log(`training ${trainingRun}`);

let index = 0;

/** Rolls back a transaction a failed statement left open (SQLite may have ended it already). */
function endTransaction(): void {
  try {
    db.exec('ROLLBACK');
  } catch {
    // No transaction was open.
  }
}
const deadline = Date.now() + Number(seconds) * 1000;
function tick(): void {
  if (Date.now() >= deadline) {
    db.close();
    return;
  }
  const runId = randomUUID().replace(/-/g, '');
  const name = `soak-${String(index).padStart(6, '0')}`;
  const start = START + index;
  try {
    db.exec('BEGIN IMMEDIATE');
    insertRun.run(runId, name, start, `/tmp/${runId}`, experimentId);
    insertTag.run(name, runId);
    insertParam.run(runId);
    for (let step = 0; step < 10; step++) insertPoint.run(1 / (step + 1), start + step, step, runId);
    upsertLatest.run(0.1, start + 9, 9, runId);
    insertPoint.run(1 / (index + 2), start, index, trainingRun);
    upsertLatest.run(1 / (index + 2), start, index, trainingRun);
    db.exec('COMMIT');
    console.log(`run ${index} ${runId}`);
    index += 1;
  } catch (error) {
    endTransaction();
    console.log(`error ${error instanceof Error ? error.message : String(error)}`);
  }
  setTimeout(tick, Number(interval));
}
tick();
