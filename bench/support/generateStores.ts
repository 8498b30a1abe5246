/**
 * Generates the local stores the local benchmark opens: a 10,000-run `mlflow.db` in MLflow's
 * schema (taken from the fixture database, revision bf29a5ff90ea) and a 10,000-run `mlruns/` file
 * store, with the shape of the recorded 'scale' experiment (5 params, 5 metrics with a 20-step
 * history each, 7 tags; every tenth run FAILED with a NaN loss). Made once into bench/output/.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export const RUNS = 10_000;
const STEPS = 20;
const START = 1_795_564_800_000;
const SCHEMA_SOURCE = 'test/fixtures/mlflow-3.5.1/local-store/mlflow.db';

interface GeneratedRun {
  runId: string;
  name: string;
  failed: boolean;
  start: number;
  end: number;
  params: [string, string][];
  metrics: [string, (step: number) => number][];
  tags: [string, string][];
}

function generatedRun(index: number): GeneratedRun {
  const runId = `b${index.toString(16).padStart(31, '0')}`;
  const name = `trial-${String(index).padStart(5, '0')}`;
  const failed = index % 10 === 0;
  return {
    runId,
    name,
    failed,
    start: START + index * 1000,
    end: START + index * 1000 + 600_000,
    params: [
      ['lr', String(0.001 * (1 + (index % 30)))],
      ['batch_size', '32'],
      ['optimizer', index % 2 ? 'adam' : 'sgd'],
      ['dropout', '0.066'],
      ['num_layers', String(2 + (index % 4))],
    ],
    metrics: [
      ['loss', (step) => (failed && step === STEPS - 1 ? Number.NaN : 2 / (1 + step + (index % 97) / 10))],
      ['accuracy', (step) => 0.5 + ((index % 50) / 100) * (step / STEPS)],
      ['f1', (step) => 0.6 + step / 100],
      ['auc', (step) => 0.7 + step / 200],
      ['val_loss', (step) => 1 / (1 + step)],
    ],
    tags: [
      ['mlflow.user', 'root'],
      ['mlflow.source.name', 'sweep.py'],
      ['mlflow.source.type', 'LOCAL'],
      ['mlflow.source.git.commit', '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf'],
      ['sweep', 'sweep-2026-11'],
      ['stage', 'prod-candidate'],
      ['mlflow.runName', name],
    ],
  };
}

/** Writes `<dir>/mlflow.db` unless it exists; returns its path. */
export function generateSqliteStore(dir: string): Promise<string> {
  const path = join(dir, 'mlflow.db');
  if (existsSync(path)) return Promise.resolve(path);
  mkdirSync(dir, { recursive: true });
  const source = new DatabaseSync(SCHEMA_SOURCE, { readOnly: true });
  const schema = source
    .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'")
    .all();
  source.close();
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const db = new DatabaseSync(partial, { enableForeignKeyConstraints: false });
  for (const row of schema) db.exec(String(row['sql']));
  db.exec("INSERT INTO alembic_version VALUES ('bf29a5ff90ea')");
  db.prepare("INSERT INTO experiments VALUES (0, 'Default', 'mlruns/0', 'active', ?, ?)").run(START, START);
  db.prepare("INSERT INTO experiments VALUES (6, 'scale', 'mlruns/6', 'active', ?, ?)").run(START, START);
  const insertRun = db.prepare(
    "INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id) VALUES (?, ?, 'LOCAL', '', '', 'root', ?, ?, ?, '', 'active', ?, 6)",
  );
  const insertParam = db.prepare('INSERT INTO params VALUES (?, ?, ?)');
  const insertTag = db.prepare('INSERT INTO tags VALUES (?, ?, ?)');
  const insertMetric = db.prepare('INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?)');
  const insertLatest = db.prepare('INSERT INTO latest_metrics VALUES (?, ?, ?, ?, ?, ?)');
  db.exec('BEGIN');
  for (let index = 0; index < RUNS; index++) {
    const run = generatedRun(index);
    insertRun.run(
      run.runId,
      run.name,
      run.failed ? 'FAILED' : 'FINISHED',
      run.start,
      run.end,
      `mlruns/6/${run.runId}/artifacts`,
    );
    for (const [key, value] of run.params) insertParam.run(key, value, run.runId);
    for (const [key, value] of run.tags) insertTag.run(key, value, run.runId);
    for (const [key, valueAt] of run.metrics) {
      for (let step = 0; step < STEPS; step++) {
        const value = valueAt(step);
        const isNan = Number.isNaN(value) ? 1 : 0;
        insertMetric.run(key, isNan ? 0 : value, run.start + step * 1000, run.runId, step, isNan);
        if (step === STEPS - 1)
          insertLatest.run(key, isNan ? 0 : value, run.start + step * 1000, step, isNan, run.runId);
      }
    }
  }
  db.exec('COMMIT');
  db.close();
  renameSync(partial, path);
  return Promise.resolve(path);
}

/** Writes `<dir>/mlruns/` unless it exists; returns its path. */
export function generateFileStore(dir: string): string {
  const root = join(dir, 'mlruns');
  if (existsSync(join(root, '.complete'))) return root;
  rmSync(root, { recursive: true, force: true });
  const experiment = join(root, '6');
  mkdirSync(join(root, '0'), { recursive: true });
  writeFileSync(join(root, '0', 'meta.yaml'), experimentMeta('0', 'Default', root));
  mkdirSync(experiment, { recursive: true });
  writeFileSync(join(experiment, 'meta.yaml'), experimentMeta('6', 'scale', root));
  for (let index = 0; index < RUNS; index++) {
    const run = generatedRun(index);
    const folder = join(experiment, run.runId);
    for (const sub of ['params', 'metrics', 'tags', 'artifacts']) mkdirSync(join(folder, sub), { recursive: true });
    writeFileSync(
      join(folder, 'meta.yaml'),
      [
        `artifact_uri: file://${folder}/artifacts`,
        `end_time: ${run.end}`,
        "entry_point_name: ''",
        "experiment_id: '6'",
        'lifecycle_stage: active',
        `run_id: ${run.runId}`,
        `run_name: ${run.name}`,
        "source_name: ''",
        'source_type: 4',
        "source_version: ''",
        `start_time: ${run.start}`,
        `status: ${run.failed ? 4 : 3}`,
        'tags: []',
        'user_id: root',
        '',
      ].join('\n'),
    );
    for (const [key, value] of run.params) writeFileSync(join(folder, 'params', key), value);
    for (const [key, value] of run.tags) writeFileSync(join(folder, 'tags', key), value);
    for (const [key, valueAt] of run.metrics) {
      const lines = Array.from(
        { length: STEPS },
        (_, step) => `${run.start + step * 1000} ${formatValue(valueAt(step))} ${step}`,
      );
      writeFileSync(join(folder, 'metrics', key), `${lines.join('\n')}\n`);
    }
  }
  writeFileSync(join(root, '.complete'), '');
  return root;
}

function experimentMeta(id: string, name: string, root: string): string {
  return [
    `artifact_location: file://${root}/${id}`,
    `creation_time: ${START}`,
    `experiment_id: '${id}'`,
    `last_update_time: ${START}`,
    'lifecycle_stage: active',
    `name: ${name}`,
    '',
  ].join('\n');
}

/** The file store writes Python's float repr: `nan`, `inf`, `-inf`. */
function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  return String(value);
}
