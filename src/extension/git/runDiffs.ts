import { requireCommitIn } from './commitAvailability';
import { shortCommitId } from './commitId';
import type { FileChange } from './fileChanges';
import type { GitRepository } from './repository';
import type { RunSource } from './runSource';
import { describeRun, requireRunCommit } from './runSource';

export interface WorkingTreeDiff {
  /** The full id of the run's commit (the old side). */
  commit: string;
  /** From the run's commit to the working tree: staged, unstaged and untracked changes all count. */
  changes: FileChange[];
  message: string;
}

export type RunCommitsDiff =
  | { kind: 'sameCommit'; commit: string; message: string }
  | { kind: 'changes'; from: string; to: string; changes: FileChange[]; message: string };

/** The files that differ between the run's commit and the working tree of `repo`, with their status. */
export async function diffRunWithWorkingTree(repo: GitRepository, run: RunSource): Promise<WorkingTreeDiff> {
  const commit = await requireCommitIn(repo, requireRunCommit(run), run);
  const changes = await repo.reader.diffWithWorkingTree(commit);
  const message = changes.length
    ? `${count(changes.length)} changed between ${shortCommitId(commit)} (the ${describeRun(run)}) and the working tree.`
    : `The working tree matches ${shortCommitId(commit)}, the commit of the ${describeRun(run)}.`;
  return { commit, changes, message };
}

/**
 * The files that differ between the commits of two runs (`from` is the older side as the user
 * picked it). Two runs of the same commit are said to be so, plainly.
 */
export async function diffRunCommits(repo: GitRepository, from: RunSource, to: RunSource): Promise<RunCommitsDiff> {
  const fromId = requireRunCommit(from);
  const toId = requireRunCommit(to);
  const fromCommit = await requireCommitIn(repo, fromId, from);
  const toCommit = await requireCommitIn(repo, toId, to);
  if (fromCommit === toCommit) {
    return {
      kind: 'sameCommit',
      commit: fromCommit,
      message:
        `The ${describeRun(from)} and the ${describeRun(to)} were both logged at commit ${shortCommitId(fromCommit)}: ` +
        'their committed code is the same (MLflow does not record uncommitted changes).',
    };
  }
  const changes = await repo.reader.diffCommits(fromCommit, toCommit);
  const message = changes.length
    ? `${count(changes.length)} changed from ${shortCommitId(fromCommit)} to ${shortCommitId(toCommit)}.`
    : `The commits ${shortCommitId(fromCommit)} and ${shortCommitId(toCommit)} differ, but no file does.`;
  return { kind: 'changes', from: fromCommit, to: toCommit, changes, message };
}

function count(n: number): string {
  return n === 1 ? '1 file' : `${n} files`;
}
