import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArtifactRepository, ArtifactRepositoryFactory } from '../artifactRepository';
import { ClientErrorCode, MlflowError } from '../errors';
import { LocalArtifactRepository } from './localArtifactRepository';

/** Where a local store's run keeps its artifacts, as far as the store can tell. */
export interface RunArtifactLocation {
  runId: string;
  /** The run's `artifact_uri` as recorded, possibly on another machine. */
  artifactUri: string;
  /** Where the artifacts sit when the store was moved or copied (`<mlruns>/<exp>/<run>/artifacts`). */
  besideStore: string;
  /** Relative artifact paths are resolved against this folder (the store's own). */
  storeDir: string;
}

/**
 * The repository for a run's artifacts: the recorded local folder when it exists here, else the
 * folder beside the store; for a URI no local store can read (`mlflow-artifacts:`, `s3://`...)
 * the caller's factory, or a clear error saying which setting reaches them.
 */
export async function artifactRepositoryFor(
  location: RunArtifactLocation,
  factory: ArtifactRepositoryFactory | undefined,
): Promise<ArtifactRepository> {
  const recorded = localPathOfUri(location.artifactUri, location.storeDir);
  if (recorded === undefined) {
    if (factory) return factory(location.artifactUri);
    throw unreadableArtifactUri(location.runId, location.artifactUri);
  }
  const root = (await isDirectory(recorded)) ? recorded : location.besideStore;
  return new LocalArtifactRepository(root);
}

/** The local path a `file:` URI or a plain path names; undefined for any other scheme. */
export function localPathOfUri(uri: string, storeDir: string): string | undefined {
  if (/^file:/i.test(uri)) {
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  }
  // A scheme of two or more letters: `C:\...` is a Windows drive, not a scheme.
  if (/^[a-z][a-z0-9+.-]+:/i.test(uri)) return undefined;
  if (uri === '') return undefined;
  return isAbsolute(uri) ? uri : resolve(storeDir, uri);
}

function unreadableArtifactUri(runId: string, artifactUri: string): MlflowError {
  const where = /^mlflow-artifacts:/i.test(artifactUri)
    ? `are served by an MLflow server (${artifactUri})`
    : `are stored at ${artifactUri || '(no artifact location recorded)'}, which a local store cannot read`;
  return new MlflowError(
    `The artifacts of run ${runId} ${where}: to read them, point the setting mlflow.trackingUri ` +
      'at the MLflow server this store belongs to.',
    ClientErrorCode.unsupported,
  );
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
