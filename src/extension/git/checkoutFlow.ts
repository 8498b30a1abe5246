import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { branchNameForRun } from './branchName';
import type { CheckoutRecord, PreviousHead } from './checkoutRecord';
import type { FetchPrompts } from './commitAvailability';
import { ensureCommitIn } from './commitAvailability';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import { GitError } from './gitErrors';
import { refuseDuringOperation } from './operationInProgress';
import type { StashEntry } from './gitListings';
import type { HeadState } from './gitReader';
import { notStashedNote } from './notStashed';
import type { GitRepository } from './repository';
import type { RunSource } from './runSource';
import { describeRun, requireRunCommit } from './runSource';
import type { WorkingTreeStatus } from './workingTreeStatus';
import { hasUncommittedChanges } from './workingTreeStatus';
import { worktreePathForRun } from './worktreePath';

export type UncommittedChangesChoice = 'stash' | 'worktree' | 'cancel';

/** The questions the checkout asks; the VS Code side answers them with dialogs. */
export interface CheckoutPrompts extends FetchPrompts {
  /** The working tree has uncommitted changes: stash them, use a new worktree, or cancel? */
  chooseForUncommittedChanges(question: {
    repository: string;
    run: RunSource;
    status: WorkingTreeStatus;
  }): Promise<UncommittedChangesChoice>;
}

export type CheckoutOutcome =
  | {
      kind: 'checkedOut';
      record: CheckoutRecord;
      suggestedBranch: string;
      driftedSubmodules: string[];
      /** Folders with a repository of their own that the commit does not have (a newer submodule), left as they are. */
      leftBehind: string[];
      message: string;
    }
  | { kind: 'worktreeAdded'; path: string; commit: string; message: string }
  | { kind: 'alreadyAtCommit'; head: HeadState; message: string }
  | { kind: 'cancelled'; step: 'fetch' | 'uncommittedChanges' };

/**
 * Checks out the commit of `run` in `repo` as a detached HEAD. The commit id is checked before
 * git runs; a missing commit may be fetched; uncommitted changes are stashed (untracked files
 * too) or left alone in favour of a new worktree, as the user chooses. If switching fails after
 * stashing, the stash is popped again, so a failed or cancelled checkout changes nothing. A
 * merge, cherry-pick, revert, rebase or bisect under way is refused first (a stash would drop it).
 * A submodule's own changes are never stashed (git does not): they are named, and stay in it.
 */
export async function checkOutRunCommit(
  repo: GitRepository,
  run: RunSource,
  prompts: CheckoutPrompts,
): Promise<CheckoutOutcome> {
  const commit = requireRunCommit(run);
  const resolved = await ensureCommitIn(repo, commit, run, prompts);
  if (resolved === undefined) return { kind: 'cancelled', step: 'fetch' };
  const head = await repo.reader.head();
  if (head.kind !== 'unborn' && head.commit === resolved) {
    const where = head.kind === 'branch' ? `The branch ${head.branch} is` : 'HEAD is';
    return {
      kind: 'alreadyAtCommit',
      head,
      message: `${where} already at ${shortCommitId(resolved)}, the commit of the ${describeRun(run)}.`,
    };
  }
  const status = await repo.reader.status();
  if (status.unmerged.length > 0) {
    throw new GitError(
      'unmerged',
      `${repo.root} has unresolved merge conflicts (${status.unmerged.join(', ')}): resolve them first.`,
      {
        repository: repo.root,
        paths: status.unmerged,
      },
    );
  }
  await refuseDuringOperation(repo, "checking out the run's commit");
  if (!hasUncommittedChanges(status))
    return switchToRunCommit(repo, run, resolved, head, undefined, notStashedNote(status));
  const choice = await prompts.chooseForUncommittedChanges({ repository: repo.root, run, status });
  if (choice === 'worktree') return addWorktreeForRun(repo, run, resolved);
  if (choice !== 'stash') return { kind: 'cancelled', step: 'uncommittedChanges' };
  const stash = await repo.writer.stash(stashMessage(run, resolved));
  return switchToRunCommit(repo, run, resolved, head, stash, notStashedNote(status));
}

/** Creates `mlflow/<run name>` (made unique) at HEAD and switches to it; returns the name. */
export async function createBranchForRun(repo: GitRepository, run: RunSource): Promise<string> {
  return repo.writer.createBranch(branchNameForRun(run));
}

async function switchToRunCommit(
  repo: GitRepository,
  run: RunSource,
  commit: string,
  head: HeadState,
  stash: StashEntry | undefined,
  notStashed: string,
): Promise<CheckoutOutcome> {
  // Only a repository with submodules can leave a submodule's folder behind.
  const hadSubmodules = existsSync(join(repo.root, '.gitmodules'));
  try {
    await repo.writer.switchDetached(commit);
  } catch (error) {
    if (stash) throw await restoreAfterFailure(repo, stash, error);
    throw error;
  }
  const stashes = stash ? [{ commit: stash.commit, message: stash.message }] : [];
  const record: CheckoutRecord = {
    repository: repo.root,
    runId: run.runId,
    runName: run.runName,
    commit,
    previous: previousHead(head),
    stashes,
  };
  const driftedSubmodules = await driftedSubmodulePaths(repo);
  const leftBehind = hadSubmodules ? (await repo.reader.status()).repositories : [];
  const stashed = stash ? ` Your uncommitted changes are in the stash "${stash.message}".` : '';
  const submodules = driftedSubmodules.length
    ? ` Submodules not at this commit's versions: ${driftedSubmodules.join(', ')} (git submodule update).`
    : '';
  const behind = leftBehind.length
    ? ` ${leftBehind.join(', ')} stay${leftBehind.length === 1 ? 's' : ''} as untracked: a submodule this commit does not have, left as it is ("Return to Previous Branch" takes it back).`
    : '';
  return {
    kind: 'checkedOut',
    record,
    suggestedBranch: branchNameForRun(run),
    driftedSubmodules,
    leftBehind,
    message: `Checked out ${shortCommitId(commit)}, the commit of the ${describeRun(run)}: HEAD is detached (on no branch).${stashed}${notStashed}${submodules}${behind}`,
  };
}

/** Puts stashed changes back after a failed switch; the error says where the changes are. */
async function restoreAfterFailure(repo: GitRepository, stash: StashEntry, error: unknown): Promise<unknown> {
  if (!(error instanceof GitError)) return error;
  let where = 'Your uncommitted changes were put back.';
  try {
    await repo.writer.popStash(stash.commit);
  } catch {
    where = `Your uncommitted changes are kept in the stash "${stash.message}" (git stash pop --index restores them).`;
  }
  return new GitError(error.reason, `${error.message}\n${where}`, {
    gitMessage: error.gitMessage,
    repository: repo.root,
    paths: error.paths,
    cause: error,
  });
}

async function addWorktreeForRun(repo: GitRepository, run: RunSource, commit: string): Promise<CheckoutOutcome> {
  const known = (await repo.reader.worktrees()).map((worktree) => worktree.path);
  const path = worktreePathForRun(repo.root, run, commit, known);
  await repo.writer.addWorktree(path, commit);
  return {
    kind: 'worktreeAdded',
    path,
    commit,
    message: `The commit ${shortCommitId(commit)} of the ${describeRun(run)} is checked out in a new worktree at ${path}; ${repo.root} is untouched.`,
  };
}

async function driftedSubmodulePaths(repo: GitRepository): Promise<string[]> {
  try {
    return (await repo.reader.submodules()).filter((submodule) => submodule.drifted).map((submodule) => submodule.path);
  } catch {
    // A submodule listing that fails must not turn a successful checkout into an error.
    return [];
  }
}

function previousHead(head: HeadState): PreviousHead {
  return head.kind === 'detached' ? { kind: 'detached', commit: head.commit } : { kind: 'branch', branch: head.branch };
}

/** One line naming the run, free of control characters (the run name comes from the store). */
function stashMessage(run: RunSource, commit: string): string {
  const clean = (text: string) => text.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').slice(0, 100);
  const name = clean(run.runName);
  return `mlflow: before checking out run ${name ? `"${name}" ` : ''}(${clean(run.runId)}) at ${shortCommitId(commit)}`;
}
