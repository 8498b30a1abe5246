import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { checkArtifactPath } from '../artifactPaths';
import { ClientErrorCode, MlflowError, throwIfAborted } from '../errors';
import type { CallOptions } from '../trackingStore';
import type { HttpClient } from './http';
import { ResponseLimits } from './responseLimits';
import { proxyFilePath, proxyRootOf } from './mlflowArtifactsRepository';

/**
 * Uploads through the server's artifact proxy: `PUT /api/2.0/mlflow-artifacts/artifacts/<root>/<path>`,
 * the file streamed from disk. Only runs whose artifact URI is `mlflow-artifacts:` can be written
 * this way; for any other (s3://, dbfs:, a path on the server) the client would need that
 * storage's own credentials, which this extension does not handle.
 */

/** The proxy root for `artifactUri`, or an UNSUPPORTED error saying why uploading cannot work. */
export function uploadRootOf(artifactUri: string, runId: string): string {
  if (!/^mlflow-artifacts:/i.test(artifactUri)) {
    throw new MlflowError(
      `Cannot upload artifacts to run ${runId}: its artifacts live at ${JSON.stringify(artifactUri)}, and uploading ` +
        "needs the server's artifact proxy (a run whose artifact URI starts with mlflow-artifacts:, as with " +
        '`mlflow server --serve-artifacts`, the default since MLflow 2).',
      ClientErrorCode.unsupported,
    );
  }
  return proxyRootOf(artifactUri);
}

/** Uploads one local file to `<artifactPath>/<its name>` below `root`. */
export async function uploadFile(
  http: HttpClient,
  root: string,
  localPath: string,
  artifactPath: string | undefined,
  options: CallOptions = {},
): Promise<void> {
  const folder = checkArtifactPath(artifactPath ?? '');
  await putFile(http, localPath, joinAll(root, folder, basename(localPath)), options);
}

/** Uploads every file below `localDir` to `<artifactPath>/<its path below localDir>`, one after another. */
export async function uploadDirectory(
  http: HttpClient,
  root: string,
  localDir: string,
  artifactPath: string | undefined,
  options: CallOptions = {},
): Promise<void> {
  const folder = checkArtifactPath(artifactPath ?? '');
  for (const relative of await listFiles(localDir, '')) {
    throwIfAborted(options.signal);
    await putFile(http, join(localDir, ...relative.split('/')), joinAll(root, folder, relative), options);
  }
}

async function putFile(http: HttpClient, localPath: string, remotePath: string, options: CallOptions): Promise<void> {
  const info = await stat(localPath);
  if (!info.isFile()) {
    throw new MlflowError(`${localPath} is not a file, so it cannot be uploaded as one.`, 'INVALID_PARAMETER_VALUE');
  }
  await http.requestJson({
    method: 'PUT',
    path: proxyFilePath(checkArtifactPath(remotePath)),
    upload: { open: () => createReadStream(localPath), contentLength: info.size },
    // A PUT replaces the same file, so a retry cannot duplicate anything.
    idempotent: true,
    signal: options.signal,
    limit: ResponseLimits.writeAnswer,
  });
}

/** Files below `dir` as `/`-separated paths, sorted; symbolic links to folders are not followed. */
async function listFiles(dir: string, prefix: string): Promise<string[]> {
  const files: string[] = [];
  const entries = await readdir(join(dir, ...prefix.split('/').filter(Boolean)), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, relative)));
    else if (entry.isFile() || (entry.isSymbolicLink() && (await stat(join(dir, relative))).isFile()))
      files.push(relative);
  }
  return files;
}

function joinAll(...parts: string[]): string {
  return parts.filter((part) => part !== '').join('/');
}
