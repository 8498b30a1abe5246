import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { checkArtifactPath, localPathInside } from '../artifactPaths';
import { artifactReadLimit } from '../artifactRepository';
import { MlflowError, throwIfAborted } from '../errors';
import type { FileInfo } from '../model';
import type { ArtifactContent, CallOptions, DownloadArtifactsOptions, ReadArtifactOptions } from '../trackingStore';
import type { ResponseBody } from './responseBody';

/**
 * Reading and downloading artifacts, the same for every way a server serves them (the tracking
 * API's `/get-artifact`, or the `mlflow-artifacts` proxy): bodies are streamed, previews stop at
 * `maxBytes`, and downloads land only inside the destination folder, with nothing half-written
 * left behind on an error or a cancel.
 */

/** Where artifacts come from; paths are relative to one artifact root and already checked. */
export interface ArtifactSource {
  /** Names the artifact root in messages, e.g. `run 0960...`. */
  readonly description: string;
  /** The entries directly under `path` ('' for the root), paths relative to the root. */
  listArtifacts(path: string, options?: CallOptions): Promise<FileInfo[]>;
  /**
   * The bytes of the file at `path`. A `download` goes to disk as it comes, so it has no deadline
   * (only the idle timeout); a read for a preview must arrive within the request timeout.
   */
  openArtifact(path: string, options?: CallOptions, download?: boolean): Promise<ResponseBody>;
}

/** Reads a file, or its first `maxBytes` when it is longer (then `truncated`). */
export async function readArtifactFrom(
  source: ArtifactSource,
  path: string,
  options: ReadArtifactOptions = {},
): Promise<ArtifactContent> {
  const maxBytes = artifactReadLimit(options);
  const body = await openChecked(source, checkArtifactPath(path), options);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    length += chunk.length;
    // One byte past the limit is enough to know the file is longer: stop there.
    if (length > maxBytes) break;
  }
  const data = Buffer.concat(chunks);
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, Math.min(length, maxBytes)),
    truncated: length > maxBytes,
  };
}

/**
 * Downloads the file or folder at `path` (the whole root when '') into `destinationDir`, keeping
 * its layout below the root; resolves to the local path of what was downloaded.
 */
export async function downloadArtifactsFrom(
  source: ArtifactSource,
  path: string,
  destinationDir: string,
  options: DownloadArtifactsOptions = {},
): Promise<string> {
  const root = checkArtifactPath(path);
  const target = root === '' ? resolve(destinationDir) : localPathInside(destinationDir, root);
  const entries = await source.listArtifacts(root, options);
  if (entries.length === 0 && root !== '') {
    // A file, an empty folder, or nothing at all: only trying the download tells them apart.
    try {
      const bytes = await downloadFile(source, root, target, options);
      options.onProgress?.({ files: 1, bytes, path: root });
    } catch (error) {
      if (!(error instanceof ArtifactIsFolderError)) throw error;
      await mkdir(target, { recursive: true });
    }
    return target;
  }
  await mkdir(target, { recursive: true });
  let files = 0;
  let bytes = 0;
  for await (const file of walkFiles(source, root, entries, options)) {
    bytes += await downloadFile(source, file, localPathInside(destinationDir, file), options);
    options.onProgress?.({ files: ++files, bytes, path: file });
  }
  return target;
}

/**
 * Opens a file, explaining the 500 MLflow answers for a folder or a missing file (it is an
 * uncaught exception on the server) by looking at the listing of the parent folder.
 */
export async function openChecked(
  source: ArtifactSource,
  path: string,
  options: CallOptions,
  download = false,
): Promise<ResponseBody> {
  try {
    return await source.openArtifact(path, options, download);
  } catch (error) {
    if (!(error instanceof MlflowError) || error.httpStatus !== 500) throw error;
    throw await explainServerError(source, path, error, options);
  }
}

async function explainServerError(
  source: ArtifactSource,
  path: string,
  error: MlflowError,
  options: CallOptions,
): Promise<MlflowError> {
  const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const siblings = await source.listArtifacts(parent, options).catch(() => undefined);
  const entry = siblings?.find((candidate) => candidate.path === path);
  const where = `Artifact ${JSON.stringify(path)} of ${source.description}`;
  if (siblings && !entry)
    return new MlflowError(`${where} does not exist.`, 'RESOURCE_DOES_NOT_EXIST', 500, { cause: error });
  if (entry?.isDir)
    return new ArtifactIsFolderError(`${where} is a folder: download it, or read the files in it.`, error);
  return new MlflowError(
    `${where} could not be read: the server failed (HTTP 500), as MLflow does for a folder or a missing file. ` +
      `The server said: ${error.message}`,
    error.errorCode,
    500,
    { cause: error },
  );
}

/** A file was asked for where there is a folder (MLflow answers 500). */
class ArtifactIsFolderError extends MlflowError {
  override name = 'ArtifactIsFolderError';
  constructor(message: string, cause: MlflowError) {
    super(message, 'INVALID_PARAMETER_VALUE', cause.httpStatus, { cause });
  }
}

/** Every file below `folder`, depth first, listing sub-folders as it goes. */
async function* walkFiles(
  source: ArtifactSource,
  folder: string,
  entries: FileInfo[],
  options: CallOptions,
): AsyncGenerator<string> {
  for (const entry of entries) {
    throwIfAborted(options.signal);
    // Only strictly deeper entries: a listing that names its own folder (or another) cannot loop.
    if (folder !== '' && !entry.path.startsWith(`${folder}/`)) {
      throw new MlflowError(
        `The listing of ${JSON.stringify(folder)} of ${source.description} holds ${JSON.stringify(entry.path)}, which is not inside it.`,
        'BAD_RESPONSE',
      );
    }
    if (entry.isDir) yield* walkFiles(source, entry.path, await source.listArtifacts(entry.path, options), options);
    else yield entry.path;
  }
}

/** Streams one file to `target` through a temporary file beside it; returns the bytes written. */
async function downloadFile(
  source: ArtifactSource,
  path: string,
  target: string,
  options: CallOptions,
): Promise<number> {
  throwIfAborted(options.signal);
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}-${Date.now().toString(36)}.partial`;
  let bytes = 0;
  try {
    const body = await openChecked(source, path, options, true);
    await pipeline(
      countBytes(body, (length) => (bytes += length)),
      createWriteStream(partial),
    );
    await rename(partial, target);
    return bytes;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

async function* countBytes(body: AsyncIterable<Buffer>, count: (length: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of body) {
    count(chunk.length);
    yield chunk;
  }
}
