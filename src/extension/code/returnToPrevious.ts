import { createBranchForRun } from '../git/checkoutFlow';
import { parseCheckoutRecord } from '../git/checkoutRecord';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import { GitError } from '../git/gitErrors';
import { openGitRepository } from '../git/repository';
import type { ReturnOutcome } from '../git/returnFlow';
import { returnToPreviousCheckout } from '../git/returnFlow';
import { checkoutPrompts } from './checkoutPrompts';
import type { GitCommandContext } from './gitCommandContext';
import type { CheckoutRecord } from '../git/checkoutRecord';

const NO_RECORD = 'No run checkout to return from: "Check Out Run\'s Commit" keeps what was checked out before it.';

/**
 * "Return to Previous Branch": back to what the latest run checkout left (refused, changing
 * nothing, when the tree is dirty or commits would be stranded), then the offer to pop the stash
 * that checkout made. The record is forgotten once used, or when it cannot be read.
 */
export async function returnToPreviousBranch(context: GitCommandContext): Promise<ReturnOutcome | undefined> {
  const dialogs = context.dialogs();
  const record = await latestRecord(context);
  if (!record) return undefined;
  const repo = openGitRepository(record.repository, context.gitOptions);
  const title = `Returning to ${record.previous.kind === 'branch' ? record.previous.branch : shortCommitId(record.previous.commit)}`;
  const outcome = await dialogs.withProgress(title, false, () =>
    returnToPreviousCheckout(repo, record, checkoutPrompts(dialogs)),
  );
  await context.records.dropLatest();
  context.logger.info(`returned in ${repo.root} to ${outcome.restored}; stash ${outcome.stash}`);
  void dialogs.inform(outcome.message);
  return outcome;
}

/**
 * "Create Branch for Checked-Out Run": the branch offered after a checkout, for when the offer
 * was closed. Only while HEAD is still detached (at the run's commit or commits made on it).
 */
export async function createBranchForCheckedOutRun(context: GitCommandContext): Promise<string | undefined> {
  const record = await latestRecord(context);
  if (!record) return undefined;
  const repo = openGitRepository(record.repository, context.gitOptions);
  const head = await repo.reader.head();
  if (head.kind !== 'detached') {
    void context
      .dialogs()
      .inform(
        `HEAD in ${repo.root} is not detached (it is on ${head.branch}): there is no run checkout to make a branch for.`,
      );
    return undefined;
  }
  const branch = await createBranchForRun(repo, { runId: record.runId, runName: record.runName });
  void context.dialogs().inform(`Created the branch ${branch} at ${shortCommitId(head.commit)} and switched to it.`);
  return branch;
}

async function latestRecord(context: GitCommandContext): Promise<CheckoutRecord | undefined> {
  const stored = context.records.latest();
  if (stored === undefined) {
    void context.dialogs().inform(NO_RECORD);
    return undefined;
  }
  try {
    return parseCheckoutRecord(stored);
  } catch (error) {
    await context.records.dropLatest();
    if (!(error instanceof GitError)) throw error;
    throw new GitError(
      error.reason,
      `${error.message} It was forgotten; any stash it made is still in git stash list.`,
      { cause: error },
    );
  }
}
