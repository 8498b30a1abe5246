import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommitId } from './commitId';
import type { FileChange } from './fileChanges';
import { parseNameStatus, untrackedChanges } from './fileChanges';
import { GitError, gitCommandError } from './gitErrors';
import type { LogEntry, Remote, StashEntry, Submodule, TreeEntry, Worktree } from './gitListings';
import {
  LOG_FIELD_SEPARATOR,
  STASH_FIELD_SEPARATOR,
  parseCommitLog,
  parseRemotes,
  parseStashes,
  parseSubmodules,
  parseTree,
  parseWorktrees,
} from './gitListings';
import type { GitRunner } from './gitRunner';
import type { Operation } from './operationInProgress';
import { OPERATIONS } from './operationInProgress';
import type { WorkingTreeStatus } from './workingTreeStatus';
import { parsePorcelainStatus } from './workingTreeStatus';

/** What HEAD is: a branch, a detached commit, or a branch with no commit yet. */
export type HeadState =
  | { kind: 'branch'; branch: string; commit: string }
  | { kind: 'detached'; commit: string }
  | { kind: 'unborn'; branch: string };

/** Options that keep diffs independent of the user's diff tools and text converters. */
const PLAIN_DIFF = ['--name-status', '-z', '--find-renames', '--no-ext-diff', '--no-textconv'];

/**
 * Everything the extension reads from one repository. Nothing here changes the repository
 * (writes are in GitWriter). Commit arguments are `CommitId`s, checked before they get here.
 */
export class GitReader {
  constructor(private readonly git: GitRunner) {}

  get root(): string {
    return this.git.repository;
  }

  /**
   * Staged, unstaged, untracked (every file, not just folders) and unmerged paths, and apart from
   * them the submodules and repository folders that a stash does not take.
   */
  async status(): Promise<WorkingTreeStatus> {
    const { stdout } = await this.git.text(['status', '--porcelain=v2', '-z', '--untracked-files=all']);
    return parsePorcelainStatus(stdout);
  }

  /**
   * The merge, cherry-pick, revert, rebase or bisect under way, if any. Its files are found with
   * `git rev-parse --git-path`, which knows where a linked worktree keeps them.
   */
  async operationInProgress(): Promise<Operation | undefined> {
    const args = OPERATIONS.flatMap((operation) => ['--git-path', operation.marker]);
    const paths = (await this.git.text(['rev-parse', ...args])).stdout.split('\n').filter((line) => line !== '');
    return OPERATIONS.find((_, index) => paths[index] !== undefined && existsSync(resolve(this.root, paths[index])));
  }

  /**
   * The full id of `commit` when the repository has it, undefined when not. An abbreviated id
   * matching several objects is a GitError (`ambiguousCommit`).
   */
  async resolveCommit(commit: CommitId): Promise<string | undefined> {
    const { stdout, stderr, exitCode } = await this.git.text(
      ['rev-parse', '--verify', '--quiet', `${commit}^{commit}`],
      {
        acceptExitCodes: [1, 128],
      },
    );
    if (exitCode === 128 && !/expected commit type|is ambiguous/.test(stderr)) {
      throw gitCommandError(['rev-parse'], exitCode, stderr, this.root);
    }
    if (/is ambiguous/.test(stderr)) {
      throw new GitError('ambiguousCommit', `The short commit id ${commit} matches several objects in ${this.root}.`, {
        gitMessage: stderr.trim(),
        repository: this.root,
      });
    }
    return exitCode === 0 ? stdout.trim() : undefined;
  }

  async head(): Promise<HeadState> {
    const symbolic = await this.git.text(['symbolic-ref', '--quiet', 'HEAD'], { acceptExitCodes: [1] });
    const commit = await this.git.text(['rev-parse', '--verify', '--quiet', 'HEAD'], { acceptExitCodes: [1] });
    const branch = symbolic.stdout.trim().replace(/^refs\/heads\//, '');
    if (commit.exitCode !== 0) return { kind: 'unborn', branch };
    if (symbolic.exitCode !== 0) return { kind: 'detached', commit: commit.stdout.trim() };
    return { kind: 'branch', branch, commit: commit.stdout.trim() };
  }

  async isShallow(): Promise<boolean> {
    const { stdout } = await this.git.text(['rev-parse', '--is-shallow-repository']);
    return stdout.trim() === 'true';
  }

  async remotes(): Promise<Remote[]> {
    return parseRemotes((await this.git.text(['remote', '-v'])).stdout);
  }

  async worktrees(): Promise<Worktree[]> {
    return parseWorktrees((await this.git.text(['worktree', 'list', '--porcelain', '-z'])).stdout);
  }

  /** Every file of `commit` (blobs and submodule links), recursively. */
  async filesAtCommit(commit: string): Promise<TreeEntry[]> {
    return parseTree((await this.git.text(['ls-tree', '-r', '-z', '--full-tree', commit])).stdout);
  }

  /** The bytes of `path` as it was at `commit`. */
  async showFile(commit: string, path: string): Promise<Buffer> {
    return (await this.git.bytes(['cat-file', 'blob', `${commit}:${path}`])).stdout;
  }

  /** True when `ancestor` is in the history of `commit` (`git merge-base --is-ancestor`). */
  async isAncestor(ancestor: string, commit: string): Promise<boolean> {
    const { exitCode } = await this.git.text(['merge-base', '--is-ancestor', ancestor, commit], {
      acceptExitCodes: [1],
    });
    return exitCode === 0;
  }

  /** The committer time (seconds since the epoch) of each of `commits`, in their order. */
  async commitTimes(commits: readonly string[]): Promise<number[]> {
    const { stdout } = await this.git.text(['show', '--no-patch', '--format=%ct', ...commits, '--']);
    return stdout
      .split('\n')
      .filter((line) => line !== '')
      .map(Number);
  }

  /** Files changed from commit `from` to commit `to`. */
  async diffCommits(from: string, to: string): Promise<FileChange[]> {
    return parseNameStatus((await this.git.text(['diff', ...PLAIN_DIFF, from, to, '--'])).stdout);
  }

  /** Files changed from `commit` to the working tree, staged or not, plus untracked files. */
  async diffWithWorkingTree(commit: string): Promise<FileChange[]> {
    const tracked = await this.git.text(['diff', ...PLAIN_DIFF, commit, '--']);
    const untracked = await this.git.text(['ls-files', '--others', '--exclude-standard', '-z']);
    return [...parseNameStatus(tracked.stdout), ...untrackedChanges(untracked.stdout)];
  }

  /**
   * The history of HEAD, newest first, at most `limit` commits: the order in which the runs
   * table lays out its commit groups. Empty on a branch with no commit yet.
   */
  async commitLog(limit: number): Promise<LogEntry[]> {
    const format = ['%H', '%s'].join(LOG_FIELD_SEPARATOR);
    const args = ['log', '-z', `--max-count=${Math.max(1, Math.floor(limit))}`, `--format=${format}`, 'HEAD', '--'];
    const { stdout, stderr, exitCode } = await this.git.text(args, { acceptExitCodes: [128] });
    if (exitCode === 0) return parseCommitLog(stdout);
    // An unborn branch has no history; anything else (no repository, a broken one) is an error.
    if (/does not have any commits|unknown revision|bad (default )?revision/.test(stderr)) return [];
    throw gitCommandError(['log'], exitCode, stderr, this.root);
  }

  async stashes(): Promise<StashEntry[]> {
    const format = ['%H', '%gd', '%gs'].join(STASH_FIELD_SEPARATOR);
    return parseStashes((await this.git.text(['stash', 'list', '-z', `--format=${format}`])).stdout);
  }

  /** Local branches whose history contains `commit` (a detached HEAD is no branch). */
  async branchesContaining(commit: string): Promise<string[]> {
    const { stdout } = await this.git.text([
      'for-each-ref',
      '--contains',
      commit,
      '--format=%(refname:short)',
      'refs/heads/',
    ]);
    return stdout.split('\n').filter((line) => line !== '');
  }

  async branchExists(name: string): Promise<boolean> {
    const { exitCode } = await this.git.text(['show-ref', '--verify', '--quiet', `refs/heads/${name}`], {
      acceptExitCodes: [1],
    });
    return exitCode === 0;
  }

  /** Git's own verdict on a branch name (`git check-ref-format refs/heads/<name>`). */
  async isValidBranchName(name: string): Promise<boolean> {
    const { exitCode } = await this.git.text(['check-ref-format', `refs/heads/${name}`], { acceptExitCodes: [1] });
    return exitCode === 0;
  }

  /** The submodules of the working tree (none without a .gitmodules file). */
  async submodules(): Promise<Submodule[]> {
    // `git submodule status` is slow to start, and needless without .gitmodules.
    if (!existsSync(join(this.root, '.gitmodules'))) return [];
    return parseSubmodules((await this.git.text(['submodule', 'status'])).stdout);
  }

  /** The repository this one is a submodule of, if any. */
  async superproject(): Promise<string | undefined> {
    const { stdout } = await this.git.text(['rev-parse', '--show-superproject-working-tree']);
    return stdout.trim() || undefined;
  }
}
