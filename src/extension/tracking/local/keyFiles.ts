import { lstatSync, readdirSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { isMissing } from './artifactFiles';

/** A file of a run's `params/`, `tags/` or `metrics/` folder and the key it holds. */
export interface KeyFile {
  /** MLflow's key: the path under the folder, so `metrics/train/loss` holds `train/loss`. */
  key: string;
  path: string;
  stats: Stats;
}

/**
 * The files under a key folder, found recursively (keys containing `/` are nested files, as
 * MLflow's file store writes them), and every folder met on the way. Only regular files count:
 * a symbolic link could make a "param" out of any file on the disk. A missing folder holds no keys.
 */
export function listKeyFiles(folder: string): { files: KeyFile[]; folders: string[] } {
  const found = { files: [] as KeyFile[], folders: [] as string[] };
  walk(folder, '', found);
  return found;
}

function walk(folder: string, prefix: string, found: { files: KeyFile[]; folders: string[] }): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  found.folders.push(folder);
  for (const entry of entries) {
    const path = join(folder, entry.name);
    const key = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) walk(path, key, found);
    else if (entry.isFile()) found.files.push({ key, path, stats: lstatSync(path) });
  }
}

/**
 * The file of one key under a key folder (`train/loss` is `train/` then `loss`), through real
 * folders to a regular file only, as listKeyFiles finds it; undefined when the run has no such
 * key, or when the key could not name a file of the folder (an empty, `.` or `..` segment).
 */
export function keyFile(folder: string, key: string): KeyFile | undefined {
  const segments = key.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('\0')))
    return undefined;
  let path = folder;
  for (const [index, segment] of segments.entries()) {
    path = join(path, segment);
    const stats = lstatSync(path, { throwIfNoEntry: false });
    const last = index === segments.length - 1;
    if (stats === undefined || (last ? !stats.isFile() : !stats.isDirectory())) return undefined;
    if (last) return { key, path, stats };
  }
  return undefined;
}
