import { MlflowError } from './errors';
import type { FileInfo } from './model';
import type { ArtifactContent, CallOptions, DownloadArtifactsOptions, ReadArtifactOptions } from './trackingStore';

/**
 * Reads the artifacts under one run's artifact root, wherever they live: a local folder
 * (`file:` URIs and plain paths, found beside the store when recorded on another machine) or an
 * MLflow server's artifact proxy (`mlflow-artifacts:` URIs). Paths are relative to the root and
 * checked with `checkArtifactPath` before use.
 */
export interface ArtifactRepository {
  /** The entries directly under `path` ('' for the root); [] for a file or a missing folder. */
  listArtifacts(path: string, options?: CallOptions): Promise<FileInfo[]>;
  readArtifact(path: string, options?: ReadArtifactOptions): Promise<ArtifactContent>;
  /** Downloads a file or a folder (recursively) into `destinationDir`; resolves to the local path. */
  downloadArtifacts(path: string, destinationDir: string, options?: DownloadArtifactsOptions): Promise<string>;
}

/** Makes the repository for an artifact URI a local store cannot read itself (`mlflow-artifacts:`). */
export type ArtifactRepositoryFactory = (artifactUri: string) => ArtifactRepository;

/** How much of a file `readArtifact` returns when not told (a preview's worth). */
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** The `maxBytes` of a read, checked the same way for every repository; 10 MiB when not given. */
export function artifactReadLimit(options?: ReadArtifactOptions): number {
  const maxBytes = options?.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new MlflowError(`maxBytes must be a whole number of bytes, got ${maxBytes}`, 'INVALID_PARAMETER_VALUE');
  }
  return maxBytes;
}
