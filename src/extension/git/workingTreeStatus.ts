/** The uncommitted changes of a working tree, by kind (paths relative to the repository root). */
export interface WorkingTreeStatus {
  /** Changes in the index (`git add`ed), a submodule's recorded commit included. */
  staged: string[];
  /** Changes to tracked files not yet added. */
  unstaged: string[];
  /** Files git does not track and does not ignore. */
  untracked: string[];
  /** Paths with merge conflicts. */
  unmerged: string[];
  /**
   * Submodules whose own checkout differs from what the index records: files changed inside them,
   * files untracked inside them, or another commit checked out in them. `git stash` leaves these
   * alone and `git switch` does not touch them, so they are neither stashed nor at risk.
   */
  submodules: string[];
  /**
   * Untracked folders that hold a repository of their own (a `.git`), such as a submodule the
   * checked-out commit does not have. `git stash` skips them ("Ignoring path"), and a switch to a
   * commit that has the submodule takes the folder back as its checkout.
   */
  repositories: string[];
}

/**
 * True when anything would be lost by replacing the working tree. A submodule's own changes and a
 * left-behind repository folder do not count: neither stash nor switch touches them (see
 * `WorkingTreeStatus`), and counting them stranded users on a commit with nothing to stash.
 */
export function hasUncommittedChanges(status: WorkingTreeStatus): boolean {
  return status.staged.length + status.unstaged.length + status.untracked.length + status.unmerged.length > 0;
}

/** True when submodules or repository folders have changes that no stash will hold. */
export function hasChangesOutsideTheStash(status: WorkingTreeStatus): boolean {
  return status.submodules.length + status.repositories.length > 0;
}

/**
 * Parses `git status --porcelain=v2 -z --untracked-files=all`. Version 2 is read because it tells a
 * submodule (`S...` in the entry's third field) from a file; version 1 shows both as ` M path`.
 * Entries: `1 XY sub ... path`, `2 XY sub ... path` followed by the old path as an extra entry,
 * `u XY sub ... path` (unmerged), `? path`, `! path` (ignored). X is the index, Y the working tree.
 */
export function parsePorcelainStatus(output: string): WorkingTreeStatus {
  const status: WorkingTreeStatus = {
    staged: [],
    unstaged: [],
    untracked: [],
    unmerged: [],
    submodules: [],
    repositories: [],
  };
  const entries = output.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const kind = entry[0];
    if (kind === '?') {
      // With --untracked-files=all git names every untracked file; a folder is named (with its
      // slash) only when it holds a repository of its own, which git will not look into.
      const path = entry.slice(2);
      (path.endsWith('/') ? status.repositories : status.untracked).push(path);
    } else if (kind === 'u') {
      status.unmerged.push(fieldsAndPath(entry, 10).path);
    } else if (kind === '1' || kind === '2') {
      const { fields, path } = fieldsAndPath(entry, kind === '1' ? 8 : 9);
      if (kind === '2') i++;
      const [, code = '..', sub = 'N...'] = fields;
      if (code[0] !== '.') status.staged.push(path);
      if (code[1] !== '.') (sub.startsWith('S') ? status.submodules : status.unstaged).push(path);
    }
  }
  return status;
}

/** Splits an entry into its `count` space-separated fields and the path (which may hold spaces). */
function fieldsAndPath(entry: string, count: number): { fields: string[]; path: string } {
  const fields: string[] = [];
  let rest = entry;
  for (let n = 0; n < count; n++) {
    const space = rest.indexOf(' ');
    fields.push(rest.slice(0, space));
    rest = rest.slice(space + 1);
  }
  return { fields, path: rest };
}
