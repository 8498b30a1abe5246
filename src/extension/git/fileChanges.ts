export type FileChangeStatus =
  'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'typeChanged' | 'unmerged' | 'untracked' | 'unknown';

/** One file that differs between two sides of a diff (paths relative to the repository root). */
export interface FileChange {
  status: FileChangeStatus;
  /** The path on the new side (the path itself when nothing was renamed). */
  path: string;
  /** The path on the old side, for renames and copies. */
  oldPath?: string;
  /** git's letter: A, M, D, R, C, T, U, X, or `?` for an untracked file. */
  letter: string;
}

const STATUS_BY_LETTER: Readonly<Record<string, FileChangeStatus>> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'typeChanged',
  U: 'unmerged',
  '?': 'untracked',
};

/**
 * Parses `git diff --name-status -z`: a status token (`M`, `R087`...) then the path, or for a
 * rename or copy the old path and then the new one.
 */
export function parseNameStatus(output: string): FileChange[] {
  const tokens = output.split('\0');
  const changes: FileChange[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i++]!;
    if (token === '') continue;
    const letter = token[0]!;
    const status = STATUS_BY_LETTER[letter] ?? 'unknown';
    if (status === 'renamed' || status === 'copied') {
      const oldPath = tokens[i++] ?? '';
      changes.push({ status, path: tokens[i++] ?? '', oldPath, letter });
    } else {
      changes.push({ status, path: tokens[i++] ?? '', letter });
    }
  }
  return changes;
}

/** Untracked files (`git ls-files --others -z`) as changes. */
export function untrackedChanges(output: string): FileChange[] {
  return output
    .split('\0')
    .filter((path) => path !== '')
    .map((path) => ({ status: 'untracked', path, letter: '?' }));
}
