import { open, readdir, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactReadLimit } from '../artifactRepository';
import type { ArtifactRepository } from '../artifactRepository';
import { MlflowError, throwIfAborted } from '../errors';
import type { FileInfo } from '../model';
import type { ArtifactContent, CallOptions, DownloadArtifactsOptions, ReadArtifactOptions } from '../trackingStore';
import { artifactNotFound, compareArtifactPaths, findArtifact, openNoFollow } from './artifactFiles';
import { downloadArtifactTree } from './artifactDownload';

/**
 * The artifacts of one run in a local folder (`file:` URIs, plain paths). Answers as an MLflow
 * server does: entries sorted by path, a file or a missing folder lists as [] (097, 098).
 */
export class LocalArtifactRepository implements ArtifactRepository {
  constructor(
    /** The run's artifact folder. */
    readonly rootDir: string,
  ) {}

  async listArtifacts(path: string, options?: CallOptions): Promise<FileInfo[]> {
    throwIfAborted(options?.signal);
    const entry = await findArtifact(this.rootDir, path);
    if (!entry.stats?.isDirectory()) return [];
    const children = await readdir(entry.fullPath, { withFileTypes: true });
    const infos: FileInfo[] = [];
    for (const child of children) {
      const childPath = entry.path === '' ? child.name : `${entry.path}/${child.name}`;
      if (child.isDirectory()) infos.push({ path: childPath, isDir: true });
      else if (child.isSymbolicLink()) infos.push({ path: childPath, isDir: false });
      else if (child.isFile())
        infos.push({ path: childPath, isDir: false, fileSize: (await lstat(join(entry.fullPath, child.name))).size });
    }
    return infos.sort((a, b) => compareArtifactPaths(a.path, b.path));
  }

  async readArtifact(path: string, options?: ReadArtifactOptions): Promise<ArtifactContent> {
    throwIfAborted(options?.signal);
    const maxBytes = artifactReadLimit(options);
    const entry = await findArtifact(this.rootDir, path);
    if (entry.stats === undefined) throw artifactNotFound(entry.path, this.rootDir);
    if (!entry.stats.isFile()) throw notAFile(entry.path);
    const handle = await open(entry.fullPath, openNoFollow);
    try {
      const { size } = await handle.stat();
      const data = new Uint8Array(Math.min(size, maxBytes));
      let filled = 0;
      while (filled < data.length) {
        const { bytesRead } = await handle.read(data, filled, data.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return { data: filled === data.length ? data : data.slice(0, filled), truncated: size > maxBytes };
    } finally {
      await handle.close();
    }
  }

  downloadArtifacts(path: string, destinationDir: string, options?: DownloadArtifactsOptions): Promise<string> {
    return downloadArtifactTree(this.rootDir, path, destinationDir, options);
  }
}

function notAFile(path: string): MlflowError {
  return new MlflowError(
    `The artifact ${JSON.stringify(path)} is a folder, not a file: list it to see what it holds.`,
    'INVALID_PARAMETER_VALUE',
  );
}
