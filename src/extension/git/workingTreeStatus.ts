/** The uncommitted changes of a working tree, by kind (paths relative to the repository root). */
export interface WorkingTreeStatus {
  /** Changes in the index (`git add`ed). */
  staged: string[];
  /** Changes to tracked files not yet added. */
  unstaged: string[];
  /** Files git does not track and does not ignore. */
  untracked: string[];
  /** Paths with merge conflicts. */
  unmerged: string[];
}

/** True when anything would be lost by replacing the working tree. */
export function hasUncommittedChanges(status: WorkingTreeStatus): boolean {
  return status.staged.length + status.unstaged.length + status.untracked.length + status.unmerged.length > 0;
}

const UNMERGED = new Set(['DD', 'AU', 'UD', 'UA', 'DU', 'AA', 'UU']);

/**
 * Parses `git status --porcelain=v1 -z`: entries `XY path`, where a rename or copy in the index
 * is followed by its old path as an extra entry. X is the index, Y the working tree.
 */
export function parsePorcelainStatus(output: string): WorkingTreeStatus {
  const status: WorkingTreeStatus = { staged: [], unstaged: [], untracked: [], unmerged: [] };
  const entries = output.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    const code = entry.slice(0, 2);
    const path = entry.slice(3);
    const index = code[0]!;
    const tree = code[1]!;
    if (index === 'R' || index === 'C') i++;
    if (code === '??') status.untracked.push(path);
    else if (code === '!!') continue;
    else if (UNMERGED.has(code)) status.unmerged.push(path);
    else {
      if (index !== ' ') status.staged.push(path);
      if (tree !== ' ') status.unstaged.push(path);
    }
  }
  return status;
}
