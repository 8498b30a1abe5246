import { mkdir, open, readdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { localPathInside } from '../artifactPaths';
import { MlflowCancelledError, throwIfAborted } from '../errors';
import type { DownloadArtifactsOptions } from '../trackingStore';
import { artifactNotFound, findArtifact, openNoFollow, symbolicLinkRefused } from './artifactFiles';

/** Created or truncated, and never written through a link already sitting in the destination. */
const writeNoFollow = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);

interface TreeItem {
  /** Artifact path, relative to the artifact root. */
  path: string;
  isDir: boolean;
}

/**
 * Copies the file or folder `path` of the artifact folder `root` into `destinationDir`, keeping
 * its relative layout, streaming each file. The whole tree is checked first, so a symbolic link
 * anywhere in it stops the download before anything is written.
 */
export async function downloadArtifactTree(
  root: string,
  path: string,
  destinationDir: string,
  options?: DownloadArtifactsOptions,
): Promise<string> {
  throwIfAborted(options?.signal);
  const entry = await findArtifact(root, path);
  if (entry.stats === undefined) throw artifactNotFound(entry.path, root);
  const items: TreeItem[] = entry.stats.isDirectory()
    ? [{ path: entry.path, isDir: true }, ...(await walk(root, entry.path))]
    : [{ path: entry.path, isDir: false }];
  const progress = { files: 0, bytes: 0 };
  for (const item of items) {
    throwIfAborted(options?.signal);
    const target = localPathInside(destinationDir, item.path);
    if (item.isDir) {
      await mkdir(target, { recursive: true });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    progress.bytes += await copyFile(join(root, ...item.path.split('/')), target, options?.signal);
    progress.files += 1;
    options?.onProgress?.({ ...progress, path: item.path });
  }
  return localPathInside(destinationDir, entry.path);
}

/** Every folder and file under `path`, parents before children; throws on a symbolic link. */
async function walk(root: string, path: string): Promise<TreeItem[]> {
  const children = await readdir(join(root, ...(path === '' ? [] : path.split('/'))), { withFileTypes: true });
  const items: TreeItem[] = [];
  for (const child of children) {
    const childPath = path === '' ? child.name : `${path}/${child.name}`;
    if (child.isSymbolicLink()) throw symbolicLinkRefused(childPath);
    if (child.isDirectory()) items.push({ path: childPath, isDir: true }, ...(await walk(root, childPath)));
    else if (child.isFile()) items.push({ path: childPath, isDir: false });
  }
  return items;
}

async function copyFile(source: string, target: string, signal: AbortSignal | undefined): Promise<number> {
  const input = await open(source, openNoFollow);
  const output = await open(target, writeNoFollow, 0o644).catch(async (error: unknown) => {
    await input.close();
    throw error;
  });
  const reader = input.createReadStream();
  try {
    await pipeline(reader, output.createWriteStream(), signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw new MlflowCancelledError();
    throw error;
  }
  return reader.bytesRead;
}
