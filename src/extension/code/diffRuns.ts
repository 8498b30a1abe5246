import { ensureCommitIn } from '../git/commitAvailability';
import type { FileChange } from '../git/fileChanges';
import { diffRunCommits, diffRunWithWorkingTree } from '../git/runDiffs';
import type { RunSource } from '../git/runSource';
import { requireRunCommit } from '../git/runSource';
import type { CommitSide } from './diffTitle';
import type { FileDiffRequest } from './fileDiff';
import { checkoutPrompts } from './checkoutPrompts';
import type { GitCommandContext } from './gitCommandContext';
import type { GitDialogs } from './gitDialogs';
import { repositoryForRun } from './runRepository';

/**
 * "Diff with Working Tree": the files changed between the run's commit and the working tree
 * (committed or not, untracked included), in a quick pick with their status; the one chosen
 * opens in the diff editor. Returns what was opened.
 */
export async function diffRunWithWorkingTreeCommand(
  context: GitCommandContext,
  run: RunSource,
): Promise<FileDiffRequest | undefined> {
  const repo = await repositoryForRun(context, run);
  if (!repo) return undefined;
  const diff = await diffRunWithWorkingTree(repo, run);
  return openChosenChange(context, diff.changes, diff.message, (change) => ({
    repository: repo.root,
    change,
    from: side(diff.commit, run),
    to: 'workingTree',
  }));
}

/**
 * "Diff Commits of Runs": the files changed from the older of the two runs' commits to the newer
 * (both in the repository of `older`; `diffRunCommits` orders them by ancestry), each opening the
 * diff editor; two runs of one commit are said to be so.
 */
export async function diffRunCommitsCommand(
  context: GitCommandContext,
  older: RunSource,
  newer: RunSource,
): Promise<FileDiffRequest | undefined> {
  const newerCommit = requireRunCommit(newer);
  const repo = await repositoryForRun(context, older);
  if (!repo) return undefined;
  if ((await ensureCommitIn(repo, newerCommit, newer, checkoutPrompts(context.dialogs()))) === undefined)
    return undefined;
  const diff = await diffRunCommits(repo, older, newer);
  if (diff.kind === 'sameCommit') {
    void context.dialogs().inform(diff.message);
    return undefined;
  }
  return openChosenChange(context, diff.changes, diff.message, (change) => ({
    repository: repo.root,
    change,
    from: side(diff.from, diff.fromRun),
    to: side(diff.to, diff.toRun),
  }));
}

async function openChosenChange(
  context: GitCommandContext,
  changes: FileChange[],
  message: string,
  request: (change: FileChange) => FileDiffRequest,
): Promise<FileDiffRequest | undefined> {
  if (changes.length === 0) {
    void context.dialogs().inform(message);
    return undefined;
  }
  const change = await pickChange(context.dialogs(), changes, message);
  if (!change) return undefined;
  const chosen = request(change);
  await context.workbench.openFileDiff(chosen);
  return chosen;
}

/** A quick pick of changed files: the path, and what happened to it. */
export async function pickChange(
  dialogs: GitDialogs,
  changes: FileChange[],
  title: string,
): Promise<FileChange | undefined> {
  const items = changes.map((change) => ({ label: change.path, description: changeDescription(change), change }));
  return (await dialogs.pick(items, title, 'Choose a file to compare'))?.change;
}

/** `modified`, `renamed from utils/data.py`, `untracked`... */
export function changeDescription(change: FileChange): string {
  const status = change.status === 'typeChanged' ? 'type changed' : change.status;
  return change.oldPath !== undefined ? `${status} from ${change.oldPath}` : status;
}

function side(commit: string, run: RunSource): CommitSide {
  return run.runName ? { commit, runName: run.runName } : { commit };
}
