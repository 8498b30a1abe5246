import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ClientErrorCode, MlflowError } from './errors';

/**
 * Where the tracking data lives, as understood from a tracking URI:
 * an MLflow server, Databricks, a local `mlflow.db`, or a local `mlruns/` folder.
 */
export type TrackingLocation =
  | { kind: 'rest'; url: string }
  | { kind: 'databricks'; profile?: string }
  | { kind: 'sqlite'; path: string }
  | { kind: 'file'; path: string };

/** Where the URI in use came from, so the sidebar can say so. */
export type TrackingUriSource = 'setting' | 'env' | 'workspace';

export interface ResolvedTrackingUri {
  uri: string;
  source: TrackingUriSource;
}

/** A local store found at the root of a workspace folder. */
export interface LocalStoreCandidate {
  uri: string;
  kind: 'sqlite' | 'file';
  folder: string;
  label: string;
}

/**
 * Understands a tracking URI as MLflow does: `http(s)://`, `databricks[://profile]`,
 * `sqlite:///relative.db` / `sqlite:////absolute.db` (SQLAlchemy's slashes), `file:///abs/mlruns`,
 * `file:relative`, and plain paths (a file means `mlflow.db`, a folder means `mlruns/`; relative
 * paths are taken from `baseDir`). Throws an MlflowError naming what cannot be used and why.
 */
export async function parseTrackingUri(uri: string, baseDir: string): Promise<TrackingLocation> {
  const trimmed = uri.trim();
  if (trimmed === '') throw badUri(uri, 'it is empty');
  if (trimmed.toLowerCase() === 'databricks') return { kind: 'databricks' };
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase();
  // A Windows drive letter looks like a one-letter scheme.
  if (scheme === undefined || scheme.length === 1) return classifyLocalPath(resolve(baseDir, trimmed));
  switch (scheme) {
    case 'http':
    case 'https':
      return { kind: 'rest', url: checkHttpUrl(trimmed) };
    case 'databricks': {
      const profile = trimmed
        .slice('databricks'.length)
        .replace(/^:\/\//, '')
        .replace(/^:/, '');
      return profile ? { kind: 'databricks', profile } : { kind: 'databricks' };
    }
    case 'sqlite':
      return { kind: 'sqlite', path: sqlitePath(trimmed, baseDir) };
    case 'file':
      return { kind: 'file', path: filePath(trimmed, baseDir) };
    default:
      throw badUri(
        uri,
        `the scheme '${scheme}:' is not read directly; run \`mlflow server --backend-store-uri ${scheme}://...\` ` +
          'and use its http:// address',
      );
  }
}

/**
 * The tracking URI to use, in MLflow's order: the `mlflow.trackingUri` setting, then
 * `MLFLOW_TRACKING_URI`, then a local store at the root of a workspace folder.
 */
export async function resolveTrackingUri(sources: {
  setting?: string;
  env?: NodeJS.ProcessEnv;
  workspaceFolders?: readonly string[];
}): Promise<ResolvedTrackingUri | undefined> {
  const setting = sources.setting?.trim();
  if (setting) return { uri: setting, source: 'setting' };
  const fromEnv = sources.env?.MLFLOW_TRACKING_URI?.trim();
  if (fromEnv) return { uri: fromEnv, source: 'env' };
  for (const folder of sources.workspaceFolders ?? []) {
    const [first] = await findLocalStores(folder);
    if (first) return { uri: first.uri, source: 'workspace' };
  }
  return undefined;
}

/**
 * The local stores at the root of `folder`, the one MLflow itself would use first: from MLflow
 * 3.7 the default is `mlflow.db`, unless `mlruns/` already holds a file store's experiments. An
 * `mlruns/` holding only artifacts (beside an `mlflow.db`) is not a store.
 */
export async function findLocalStores(folder: string): Promise<LocalStoreCandidate[]> {
  const database = join(folder, 'mlflow.db');
  const mlruns = join(folder, 'mlruns');
  const sqlite: LocalStoreCandidate | undefined = (await isFile(database))
    ? { uri: `sqlite:///${database}`, kind: 'sqlite', folder, label: `mlflow.db in ${folder}` }
    : undefined;
  const file: LocalStoreCandidate | undefined = (await holdsFileStore(mlruns))
    ? { uri: pathToFileURL(mlruns).href, kind: 'file', folder, label: `mlruns/ in ${folder}` }
    : undefined;
  // MLflow keeps logging to an mlruns/ that holds data, so that one comes first.
  return [file, sqlite].filter((candidate): candidate is LocalStoreCandidate => candidate !== undefined);
}

/** The URI without credentials, for display and logs. */
export function redactTrackingUri(uri: string): string {
  return uri.replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/@]*@/, '$1');
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

async function holdsFileStore(mlruns: string): Promise<boolean> {
  try {
    const entries = await readdir(mlruns, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.isDirectory() && (await isFile(join(mlruns, entry.name, 'meta.yaml')))) return true;
    }
  } catch {
    // No such folder, or unreadable: not a store.
  }
  return false;
}

async function classifyLocalPath(path: string): Promise<TrackingLocation> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw badUri(path, 'no such file or folder');
  return info.isDirectory() ? { kind: 'file', path } : { kind: 'sqlite', path };
}

function sqlitePath(uri: string, baseDir: string): string {
  // SQLAlchemy: sqlite:///relative.db, sqlite:////absolute.db; sqlite:// alone is in-memory.
  const match = /^sqlite:\/\/\/(.+)$/i.exec(uri);
  if (!match?.[1]) throw badUri(uri, 'an in-memory database holds nothing to read; name a file: sqlite:///mlflow.db');
  const rest = match[1].split('?')[0]!;
  return isAbsolute(rest) ? rest : resolve(baseDir, rest);
}

function filePath(uri: string, baseDir: string): string {
  if (uri.toLowerCase().startsWith('file://')) {
    try {
      return fileURLToPath(uri);
    } catch (error) {
      throw badUri(uri, error instanceof Error ? error.message : 'not a file URI');
    }
  }
  return resolve(baseDir, uri.slice('file:'.length));
}

function checkHttpUrl(uri: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw badUri(uri, 'it is not a valid URL');
  }
  if (!url.hostname) throw badUri(uri, 'it names no host');
  return uri.replace(/\/+$/, '');
}

function badUri(uri: string, why: string): MlflowError {
  return new MlflowError(`Cannot use the tracking URI '${redactTrackingUri(uri)}': ${why}.`, ClientErrorCode.badStore);
}
