import { chmod, cp, mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unclampInfinity } from '../../../src/webview/shared/nonFinite';

/** The recordings of a real MLflow 3.5.1 copied into the project (see test/fixtures/mlflow-3.5.1). */
export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'mlflow-3.5.1');
/** The sqlite backend of a server: `mlflow-artifacts:` URIs; described by manifest-sqlite-small.json. */
export const SERVER_DB = join(FIXTURES, 'server-store', 'mlflow.db');
/** A store made with no server: plain paths recorded under /home/user/demo-repo, artifacts in mlruns/ beside it. */
export const LOCAL_DB = join(FIXTURES, 'local-store', 'mlflow.db');
/** mlflow.db as newer MLflow releases leave it (test/fixtures/mlflow-newer-schemas/README.md). */
export const NEWER_SCHEMAS = join(__dirname, '..', '..', 'fixtures', 'mlflow-newer-schemas');
/** local-store/mlflow.db upgraded by MLflow 3.12's migrations (workspaces, new indexes, new tables). */
export const MLFLOW_3_12_DB = join(NEWER_SCHEMAS, 'mlflow-3.12.db');
/** mlflow-3.12.db plus a second workspace `team-b` holding experiments of the same names. */
export const WORKSPACES_DB = join(NEWER_SCHEMAS, 'mlflow-3.12-workspaces.db');
/** A WAL database with a committed transaction still in `mlflow.db-wal` (copy the folder, never open it in place). */
export const WAL_PENDING = join(NEWER_SCHEMAS, 'wal-pending');
/** The file store: `file:///home/user/demo-repo/mlruns/...` URIs recorded on another machine. */
export const MLRUNS = join(FIXTURES, 'mlruns');

export interface ManifestRun {
  run_id: string;
  run_name: string;
  status: string;
  lifecycle_stage: string;
  parent_run_id: string | null;
  git_commit: string;
  source_name: string;
  n_params: number;
  n_metrics: number;
  params?: Record<string, string>;
  metrics?: Record<string, number | string>;
}

export interface ManifestExperiment {
  experiment_id: string;
  name: string;
  lifecycle_stage: string;
  artifact_location: string;
  tags: Record<string, string>;
  run_count: number;
  runs: ManifestRun[];
}

export interface Manifest {
  experiments: ManifestExperiment[];
}

export async function manifest(relativePath: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(FIXTURES, relativePath), 'utf8')) as Manifest;
}

export interface Transcript {
  request: { url: string; query: Record<string, string> };
  response: { status: number; body_text?: string; body_base64?: string; body_bytes: number };
}

export async function transcript(name: string): Promise<Transcript> {
  return JSON.parse(await readFile(join(FIXTURES, 'transcripts', `${name}.json`), 'utf8')) as Transcript;
}

/** The JSON body of a recorded response. */
export async function transcriptBody<T>(name: string): Promise<T> {
  return JSON.parse((await transcript(name)).response.body_text ?? '{}') as T;
}

/** The raw bytes of a recorded response. */
export async function transcriptBytes(name: string): Promise<Buffer> {
  const { response } = await transcript(name);
  return response.body_base64 !== undefined
    ? Buffer.from(response.body_base64, 'base64')
    : Buffer.from(response.body_text ?? '', 'utf8');
}

/**
 * A metric value of a recording as every store reads it back: MLflow's JSON writes a number, or
 * `"NaN"`, `"Infinity"`, `"-Infinity"`; a server on a SQL store sends ±Infinity as the
 * ±1.7976931348623157e308 it keeps them as, which means ±Infinity (webview/shared/nonFinite.ts).
 */
export function wireDouble(value: number | string): number {
  if (typeof value === 'number') return unclampInfinity(value);
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  throw new Error(`not a wire double: ${value}`);
}

/** A writable copy of a fixture file or folder in a fresh temp folder; resolves to the copy's path. */
export async function writableCopy(source: string, name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mlflow-local-'));
  const target = join(dir, name);
  await cp(source, target, { recursive: true });
  await makeWritable(target);
  return target;
}

async function makeWritable(path: string): Promise<void> {
  const stats = await stat(path);
  await chmod(path, stats.isDirectory() ? 0o755 : 0o644);
  if (stats.isDirectory()) for (const name of await readdir(path)) await makeWritable(join(path, name));
}

/** A fresh temp folder. */
export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'mlflow-local-'));
}
