import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
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
 * MLflow's file store writes them). Only regular files count: a symbolic link could make a
 * "param" out of any file on the disk. A missing folder holds no keys.
 */
export async function listKeyFiles(folder: string): Promise<KeyFile[]> {
  const found: KeyFile[] = [];
  await walk(folder, '', found);
  return found;
}

async function walk(folder: string, prefix: string, found: KeyFile[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    const key = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) await walk(path, key, found);
    else if (entry.isFile()) found.push({ key, path, stats: await lstat(path) });
  }
}
