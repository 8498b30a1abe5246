import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './paths';

/** A workspace with nothing in it. */
export function emptyWorkspace(): void {
  // The harness has already created the folder.
}

/**
 * A workspace preparer that copies a file or folder of the repository (e.g. a fixture) into the
 * workspace, at `target` (relative to the workspace root).
 */
export function copyIntoWorkspace(source: string, target: string): (folder: string) => Promise<void> {
  return (folder) => cp(join(repoRoot, source), join(folder, target), { recursive: true });
}
