/**
 * `node --import tsx bench/support/generateScaleStores.ts <dir> [--5gb]`: mlflow.db files at real
 * sizes, in MLflow's own schema, made by copying rows (INSERT … SELECT) of the store MLflow 3.5.1's
 * client wrote (test/fixtures/mlflow-3.5.1/local-store/mlflow.db). Each is made once and kept:
 * - small.db (~220 MB): the 'scale' experiment grown to 10,000 runs, each metric with 40 steps,
 *   and one run of 'long-histories' (3 metrics x 10,000 steps);
 * - large.db (~1.6 GB): small.db plus 249 more such runs;
 * - huge.db (5 GB+, only with --5gb): large.db plus 1,000 more.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const SOURCE = 'test/fixtures/mlflow-3.5.1/local-store/mlflow.db';
const RUN_COLUMNS =
  'run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id';
export const LONG_EXPERIMENT = 7;
export const SCALE_EXPERIMENT = 6;

function steps(count: number): string {
  return `(WITH RECURSIVE s(step) AS (SELECT 0 UNION ALL SELECT step + 1 FROM s WHERE step < ${count - 1}) SELECT step FROM s)`;
}

/** 10,000 runs in 'scale' (copies of its 150 runs), 40 steps per metric, and one long-history run. */
function growScale(db: DatabaseSync): void {
  db.exec(`
    CREATE TEMP TABLE copies AS
      WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 66)
      SELECT r.run_uuid AS src, substr(r.run_uuid, 1, 24) || printf('%08x', k.n) AS dst, k.n AS n
      FROM runs r, k WHERE r.experiment_id = ${SCALE_EXPERIMENT} ORDER BY k.n, r.run_uuid LIMIT 9850;
    INSERT INTO runs (${RUN_COLUMNS}) SELECT c.dst, r.name || '-' || c.n, r.source_type, r.source_name, r.entry_point_name, r.user_id, r.status,
      r.start_time + c.n * 1000, r.end_time + c.n * 1000, r.source_version, r.lifecycle_stage, r.artifact_uri, r.experiment_id FROM copies c JOIN runs r ON r.run_uuid = c.src;
    INSERT INTO params (key, value, run_uuid) SELECT p.key, p.value, c.dst FROM copies c JOIN params p ON p.run_uuid = c.src;
    INSERT INTO tags (key, value, run_uuid) SELECT t.key, CASE WHEN t.key = 'mlflow.runName' THEN t.value || '-' || c.n ELSE t.value END, c.dst FROM copies c JOIN tags t ON t.run_uuid = c.src;
    INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) SELECT m.key, m.value, m.timestamp, m.step, m.is_nan, c.dst FROM copies c JOIN latest_metrics m ON m.run_uuid = c.src;
    INSERT OR IGNORE INTO metrics (key, value, timestamp, run_uuid, step, is_nan)
      SELECT lm.key, lm.value * (1 + s.step / 40.0), lm.timestamp - 1000 * (40 - s.step), lm.run_uuid, lm.step - 40 + s.step, lm.is_nan
      FROM latest_metrics lm JOIN runs r ON r.run_uuid = lm.run_uuid AND r.experiment_id = ${SCALE_EXPERIMENT}, ${steps(40)} s;
    INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
      SELECT ${LONG_EXPERIMENT}, 'long-histories', replace(artifact_location, '/6', '/${LONG_EXPERIMENT}'), 'active', creation_time, last_update_time FROM experiments WHERE experiment_id = ${SCALE_EXPERIMENT};
  `);
  addLongRuns(db, 0, 1);
}

/** Runs `from`..`to`-1 of 'long-histories': 3 metrics x 10,000 steps each, as a long training logs them. */
function addLongRuns(db: DatabaseSync, from: number, to: number): void {
  db.exec(`
    DROP TABLE IF EXISTS temp.long_runs;
    CREATE TEMP TABLE long_runs AS
      WITH RECURSIVE k(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM k WHERE n < ${to - 1})
      SELECT 'feed' || printf('%028x', k.n) AS run_uuid, k.n AS n FROM k;
    INSERT INTO runs (${RUN_COLUMNS}) SELECT l.run_uuid, 'long-' || l.n, r.source_type, r.source_name, r.entry_point_name, r.user_id, 'FINISHED',
      r.start_time + l.n * 60000, r.end_time + l.n * 60000, r.source_version, 'active', r.artifact_uri, ${LONG_EXPERIMENT}
      FROM long_runs l, (SELECT * FROM runs WHERE experiment_id = ${SCALE_EXPERIMENT} LIMIT 1) r;
    INSERT INTO params (key, value, run_uuid) SELECT 'lr', printf('%.4f', 0.0001 * (1 + l.n % 50)), l.run_uuid FROM long_runs l;
    INSERT INTO tags (key, value, run_uuid) SELECT 'mlflow.runName', 'long-' || l.n, l.run_uuid FROM long_runs l;
    INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan)
      SELECT k.key, 1.0 / (1 + s.step + l.n), 1800000000000 + l.n * 60000 + s.step, l.run_uuid, s.step, 0
      FROM long_runs l, (SELECT 'loss' AS key UNION ALL SELECT 'accuracy' UNION ALL SELECT 'val_loss') k, ${steps(10_000)} s;
    INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid)
      SELECT k.key, 1.0 / (10000 + l.n), 1800000000000 + l.n * 60000 + 9999, 9999, 0, l.run_uuid
      FROM long_runs l, (SELECT 'loss' AS key UNION ALL SELECT 'accuracy' UNION ALL SELECT 'val_loss') k;
  `);
}

/** Makes `target` from `base` (a copy) by `grow`, unless it exists; the half-made file is never left under the name. */
function make(target: string, base: string, grow: (db: DatabaseSync) => void): void {
  if (existsSync(target)) return;
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  copyFileSync(base, partial);
  const db = new DatabaseSync(partial, { enableForeignKeyConstraints: false });
  db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000; BEGIN');
  grow(db);
  db.exec('COMMIT');
  db.close();
  renameSync(partial, target);
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: generateScaleStores.ts <dir> [--5gb]');
mkdirSync(dir, { recursive: true });
const started = Date.now();
make(join(dir, 'small.db'), SOURCE, growScale);
make(join(dir, 'large.db'), join(dir, 'small.db'), (db) => addLongRuns(db, 1, 250));
if (process.argv.includes('--5gb'))
  make(join(dir, 'huge.db'), join(dir, 'large.db'), (db) => addLongRuns(db, 250, 1250));
process.stderr.write(`scale stores ready in ${Date.now() - started} ms\n`);
