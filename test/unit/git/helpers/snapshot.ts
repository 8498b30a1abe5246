import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { git, gitStatus } from './gitCli';

/**
 * Everything a user could lose in a repository: every file of the working tree (tracked,
 * untracked and ignored, but not .git) by content hash, the index, the stash list with each
 * stash's commit (so its content), and HEAD.
 */
export interface RepositorySnapshot {
  files: Record<string, string>;
  index: string;
  stashes: string;
  head: string;
}

export function snapshot(root: string): RepositorySnapshot {
  const files: Record<string, string> = {};
  hashTree(root, root, files);
  const symbolic = gitStatus(root, 'symbolic-ref', '--quiet', 'HEAD').stdout.trim();
  return {
    files,
    index: git(root, 'ls-files', '--stage'),
    stashes: git(root, 'stash', 'list', '--format=%H %gs'),
    head: `${symbolic || 'detached'} ${git(root, 'rev-parse', 'HEAD').trim()}`,
  };
}

function hashTree(root: string, folder: string, into: Record<string, string>): void {
  for (const entry of readdirSync(folder)) {
    if (entry === '.git') continue;
    const path = join(folder, entry);
    const stat = lstatSync(path);
    const key = relative(root, path);
    if (stat.isDirectory()) hashTree(root, path, into);
    else if (stat.isSymbolicLink()) into[key] = `link:${readlinkSync(path)}`;
    else into[key] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
}
