// What a user could lose in the workspace repository, read with the real git and file system.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface RepositoryState {
  /** Every file of the working tree but .git (tracked, untracked, ignored) by its content's hash. */
  files: Record<string, string>;
  index: string;
  stashes: string;
  head: string;
}

/** Runs git in `cwd` and returns its stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

export function repositoryState(root: string): RepositoryState {
  const files: Record<string, string> = {};
  hashFiles(root, root, files);
  let head: string;
  try {
    head = git(root, 'symbolic-ref', '--quiet', 'HEAD').trim();
  } catch {
    head = 'detached';
  }
  return {
    files,
    index: git(root, 'ls-files', '--stage'),
    stashes: git(root, 'stash', 'list', '--format=%H %gs'),
    head: `${head} ${git(root, 'rev-parse', 'HEAD').trim()}`,
  };
}

function hashFiles(root: string, folder: string, into: Record<string, string>): void {
  for (const entry of readdirSync(folder)) {
    if (entry === '.git') continue;
    const path = join(folder, entry);
    if (lstatSync(path).isDirectory()) hashFiles(root, path, into);
    else into[relative(root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
}
