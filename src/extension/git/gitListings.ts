/** Parsers for git's machine-readable listings (remotes, worktrees, trees, stashes, submodules). */

export interface Remote {
  name: string;
  fetchUrl: string;
  pushUrl: string;
}

export interface Worktree {
  path: string;
  /** The checked-out commit; absent in a bare repository. */
  head?: string;
  /** The short branch name; absent when detached. */
  branch?: string;
  bare: boolean;
}

export interface TreeEntry {
  mode: string;
  /** `blob`, `tree`, or `commit` for a submodule (gitlink). */
  type: string;
  object: string;
  path: string;
}

export interface StashEntry {
  /** The stash commit: what identifies a stash while its `stash@{n}` index shifts. */
  commit: string;
  /** `stash@{n}` now. */
  ref: string;
  message: string;
}

export interface Submodule {
  path: string;
  /** The commit the superproject records (or the submodule has checked out). */
  commit: string;
  initialized: boolean;
  /** The submodule's checkout differs from the commit the superproject records. */
  drifted: boolean;
}

/** Parses `git remote -v`: `name<TAB>url (fetch|push)`. */
export function parseRemotes(output: string): Remote[] {
  const remotes = new Map<string, Remote>();
  for (const line of output.split('\n')) {
    const match = /^(\S+)\t(.*) \((fetch|push)\)$/.exec(line);
    if (!match) continue;
    const [, name, url, kind] = match as unknown as [string, string, string, string];
    const remote = remotes.get(name) ?? { name, fetchUrl: url, pushUrl: url };
    if (kind === 'fetch') remote.fetchUrl = url;
    else remote.pushUrl = url;
    remotes.set(name, remote);
  }
  return [...remotes.values()];
}

/** Parses `git worktree list --porcelain -z`: attribute entries, a blank entry between worktrees. */
export function parseWorktrees(output: string): Worktree[] {
  const worktrees: Worktree[] = [];
  let current: Worktree | undefined;
  for (const entry of output.split('\0')) {
    if (entry.startsWith('worktree ')) {
      current = { path: entry.slice('worktree '.length), bare: false };
      worktrees.push(current);
    } else if (current && entry.startsWith('HEAD ')) current.head = entry.slice(5);
    else if (current && entry.startsWith('branch ')) current.branch = entry.slice(7).replace(/^refs\/heads\//, '');
    else if (current && entry === 'bare') current.bare = true;
  }
  return worktrees;
}

/** Parses `git ls-tree -r -z`: `<mode> <type> <object><TAB><path>`. */
export function parseTree(output: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const line of output.split('\0')) {
    const match = /^(\d+) (\w+) ([0-9a-f]+)\t([\s\S]*)$/.exec(line);
    if (match) entries.push({ mode: match[1]!, type: match[2]!, object: match[3]!, path: match[4]! });
  }
  return entries;
}

/** The separator our `git stash list --format` uses between fields. */
export const STASH_FIELD_SEPARATOR = '\x1f';

/** Parses `git stash list -z --format=%H<US>%gd<US>%gs`. */
export function parseStashes(output: string): StashEntry[] {
  return output
    .split('\0')
    .map((record) => record.replace(/^\n/, '').split(STASH_FIELD_SEPARATOR))
    .filter((fields) => fields.length === 3)
    .map(([commit, ref, message]) => ({ commit: commit!, ref: ref!, message: message! }));
}

/** Parses `git submodule status`: ` <sha> <path> (<describe>)`, `-` uninitialised, `+` drifted. */
export function parseSubmodules(output: string): Submodule[] {
  const submodules: Submodule[] = [];
  for (const line of output.split('\n')) {
    const match = /^([ +\-U])([0-9a-f]+) (.+?)(?: \([^)]*\))?$/.exec(line);
    if (!match) continue;
    const flag = match[1]!;
    submodules.push({ path: match[3]!, commit: match[2]!, initialized: flag !== '-', drifted: flag === '+' });
  }
  return submodules;
}

/** One commit of a `git log` listing. */
export interface LogEntry {
  /** The full commit id. */
  commit: string;
  /** The first line of the commit message (untrusted text: anyone can write it). */
  subject: string;
}

/** The separator our `git log --format` uses between fields (a control character no subject holds). */
export const LOG_FIELD_SEPARATOR = '\x1f';

/** Parses `git log -z --format=%H<US>%s`: one NUL-terminated record per commit, newest first. */
export function parseCommitLog(output: string): LogEntry[] {
  return output
    .split('\0')
    .map((record) => record.replace(/^\n/, '').split(LOG_FIELD_SEPARATOR))
    .filter((fields) => fields.length === 2 && /^[0-9a-f]{40,64}$/.test(fields[0]!))
    .map(([commit, subject]) => ({ commit: commit!, subject: subject! }));
}
