import { isAbsolute } from 'node:path';
import { isCancellation } from '../tracking/errors';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import { isValidBranchName } from './branchName';
import { GitError } from './gitErrors';
import type { StashEntry } from './gitListings';
import type { GitReader } from './gitReader';
import type { GitRunner } from './gitRunner';

/** Progress of a fetch, as git reports it (stage and percent of that stage). */
export interface FetchProgress {
  stage: string;
  percent: number;
}

export interface FetchOptions {
  signal?: AbortSignal;
  onProgress?: (progress: FetchProgress) => void;
}

/**
 * Every change the extension makes to a repository. None of them is forced: no `--force`, no
 * `reset`, no `clean`, and switching never overwrites ignored files (`--no-overwrite-ignore`), so
 * git refuses rather than lose anything. Arguments are commit ids that passed `parseCommitId` or
 * values git itself reported.
 */
export class GitWriter {
  constructor(
    private readonly git: GitRunner,
    private readonly reader: GitReader,
  ) {}

  /** `git fetch --all`: every remote's branches and tags. */
  async fetchAll(options: FetchOptions = {}): Promise<void> {
    await this.git.text(['fetch', '--all'], this.fetchRunOptions(options));
  }

  /**
   * Asks each remote for one commit by its full id (for a commit no branch holds, or one older
   * than a shallow clone's history). A remote that refuses is skipped; cancelling stops at once.
   * Returns the git errors of the remotes that refused.
   */
  async fetchCommit(commit: string, remotes: readonly string[], options: FetchOptions = {}): Promise<GitError[]> {
    const refusals: GitError[] = [];
    for (const remote of remotes) {
      try {
        await this.git.text(['fetch', remote, commit], this.fetchRunOptions(options));
      } catch (error) {
        if (isCancellation(error) || !(error instanceof GitError)) throw error;
        refusals.push(error);
      }
    }
    return refusals;
  }

  /**
   * `git stash push --include-untracked` with `message`; returns the new stash, or undefined when
   * git found nothing to stash.
   */
  async stash(message: string): Promise<StashEntry | undefined> {
    const before = (await this.reader.stashes())[0];
    await this.git.text(['stash', 'push', '--include-untracked', `--message=${message}`]);
    const after = (await this.reader.stashes())[0];
    return after && after.commit !== before?.commit ? after : undefined;
  }

  /**
   * `git stash pop --index` of the stash whose commit is `stashCommit` (wherever it now sits in the
   * list), restoring staged and unstaged changes and untracked files. If git cannot apply it
   * cleanly, the stash stays in the list.
   */
  async popStash(stashCommit: string): Promise<void> {
    const entry = (await this.reader.stashes()).find((stash) => stash.commit === stashCommit);
    if (!entry) {
      throw new GitError(
        'stashMissing',
        `The stash ${shortCommitId(stashCommit)} is no longer in the stash list of ${this.git.repository}.`,
        {
          repository: this.git.repository,
        },
      );
    }
    await this.git.text(['stash', 'pop', '--index', entry.ref]);
  }

  /** Detached HEAD at `commit`; git refuses when a file would be overwritten. */
  async switchDetached(commit: string): Promise<void> {
    await this.git.text(['switch', '--no-overwrite-ignore', '--detach', commit]);
  }

  /** Back onto an existing branch (never guessing a new one from a remote's). */
  async switchToBranch(branch: string): Promise<void> {
    this.checkBranchName(branch);
    await this.git.text(['switch', '--no-overwrite-ignore', '--no-guess', branch]);
  }

  /**
   * Creates a branch at HEAD and switches to it, named `name`, or `name-2`, `name-3`... when taken.
   * Returns the name used.
   */
  async createBranch(name: string): Promise<string> {
    this.checkBranchName(name);
    if (!(await this.reader.isValidBranchName(name))) {
      throw new GitError('invalidBranchName', `git does not accept ${JSON.stringify(name)} as a branch name.`, {
        repository: this.git.repository,
      });
    }
    let candidate = name;
    for (let n = 2; await this.reader.branchExists(candidate); n++) candidate = `${name}-${n}`;
    await this.git.text(['switch', '--create', candidate]);
    return candidate;
  }

  /** `git worktree add --detach <path> <commit>`: a new checkout, the current one untouched. */
  async addWorktree(path: string, commit: string): Promise<void> {
    if (!isAbsolute(path)) throw new Error(`addWorktree needs an absolute path, not ${JSON.stringify(path)}`);
    await this.git.text(['worktree', 'add', '--detach', path, commit]);
  }

  private checkBranchName(name: string): void {
    if (!isValidBranchName(name)) {
      throw new GitError('invalidBranchName', `${JSON.stringify(name)} is not a valid branch name.`, {
        repository: this.git.repository,
      });
    }
  }

  private fetchRunOptions(options: FetchOptions) {
    const { signal, onProgress } = options;
    return {
      signal,
      onProgress:
        onProgress &&
        ((event: { stage: string; progress: number }) => onProgress({ stage: event.stage, percent: event.progress })),
    };
  }
}
