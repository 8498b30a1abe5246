import { requireCommitIn } from './commitAvailability';
import { shortCommitId } from '../../webview/shared/mlflowIds';
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
  | {
      kind: 'changes';
      /** The older commit and the run logged at it: the left side. */
      from: string;
      fromRun: RunSource;
      /** The newer commit and its run: the right side. */
      to: string;
      toRun: RunSource;
      changes: FileChange[];
      message: string;
    };

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
 * The files that differ between the commits of two runs, from the older commit to the newer
 * whatever order the runs come in (a selection's order made the older run's files show as
 * deleted): the ancestor is older; when neither is an ancestor, the earlier commit time is. Two
 * runs of the same commit are said to be so, plainly.
 */
export async function diffRunCommits(
  repo: GitRepository,
  first: RunSource,
  second: RunSource,
): Promise<RunCommitsDiff> {
  // Both tags are checked before any git command runs.
  const [firstId, secondId] = [requireRunCommit(first), requireRunCommit(second)];
  const firstCommit = await requireCommitIn(repo, firstId, first);
  const secondCommit = await requireCommitIn(repo, secondId, second);
  if (firstCommit === secondCommit) {
    return {
      kind: 'sameCommit',
      commit: firstCommit,
      message:
        `The ${describeRun(first)} and the ${describeRun(second)} were both logged at commit ${shortCommitId(firstCommit)}: ` +
        'their committed code is the same (MLflow does not record uncommitted changes).',
    };
  }
  const swap = await isNewer(repo, firstCommit, secondCommit);
  const [fromCommit, toCommit, from, to] = swap
    ? [secondCommit, firstCommit, second, first]
    : [firstCommit, secondCommit, first, second];
  const changes = await repo.reader.diffCommits(fromCommit, toCommit);
  const ends = `${shortCommitId(fromCommit)}${named(from)} to ${shortCommitId(toCommit)}${named(to)}`;
  const message = changes.length
    ? `${count(changes.length)} changed from ${ends}.`
    : `The commits ${shortCommitId(fromCommit)}${named(from)} and ${shortCommitId(toCommit)}${named(to)} differ, but no file does.`;
  return { kind: 'changes', from: fromCommit, fromRun: from, to: toCommit, toRun: to, changes, message };
}

/** True when commit `a` is the newer of the two: `b` is its ancestor, or else `b` was committed earlier. */
async function isNewer(repo: GitRepository, a: string, b: string): Promise<boolean> {
  if (await repo.reader.isAncestor(a, b)) return false;
  if (await repo.reader.isAncestor(b, a)) return true;
  const [timeA = 0, timeB = 0] = await repo.reader.commitTimes([a, b]);
  return timeB < timeA;
}

/** ` (name)` for a run with a name: which run each side is. */
function named(run: RunSource): string {
  return run.runName ? ` (${run.runName})` : '';
}

function count(n: number): string {
  return n === 1 ? '1 file' : `${n} files`;
}
