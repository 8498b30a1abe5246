import type { CheckoutRecord } from './checkoutRecord';
import { parseCheckoutRecord } from './checkoutRecord';
import { shortCommitId } from './commitId';
import { GitError } from './gitErrors';
import type { StashEntry } from './gitListings';
import type { GitRepository } from './repository';
import { hasUncommittedChanges } from './workingTreeStatus';

/** The question "Return to Previous Branch" asks when the checkout made a stash. */
export interface ReturnPrompts {
  confirmPopStash(question: { repository: string; stash: StashEntry }): Promise<boolean>;
}

export interface ReturnOutcome {
  /** The branch name, or the short commit when HEAD was detached before. */
  restored: string;
  /** What became of the stash the checkout made. */
  stash: 'none' | 'popped' | 'kept' | 'missing';
  message: string;
}

/**
 * Switches back to what was checked out before a run's commit (from the record the checkout
 * made) and offers to pop the stash it made. Refuses, changing nothing, when the working tree has
 * uncommitted changes or when commits made on the detached HEAD would be left on no branch.
 */
export async function returnToPreviousCheckout(repo: GitRepository, stored: unknown, prompts: ReturnPrompts): Promise<ReturnOutcome> {
  const record = parseCheckoutRecord(stored);
  if (record.repository !== repo.root) {
    throw new GitError('badCheckoutRecord', `The last run checkout was in ${record.repository}, not in ${repo.root}.`, { repository: repo.root });
  }
  const restored = record.previous.kind === 'branch' ? record.previous.branch : shortCommitId(record.previous.commit);
  if (hasUncommittedChanges(await repo.reader.status())) {
    throw new GitError('dirtyTree', `${repo.root} has uncommitted changes: commit or stash them before returning to ${restored}. Nothing was changed.`, {
      repository: repo.root,
    });
  }
  await refuseToStrandCommits(repo, record);
  if (record.previous.kind === 'branch') await repo.writer.switchToBranch(record.previous.branch);
  else await repo.writer.switchDetached(record.previous.commit);
  const stash = await offerStash(repo, record, prompts);
  return { restored, stash, message: `Back on ${restored}.${stashNote(stash, record)}` };
}

async function refuseToStrandCommits(repo: GitRepository, record: CheckoutRecord): Promise<void> {
  const head = await repo.reader.head();
  if (head.kind !== 'detached' || head.commit === record.commit) return;
  if ((await repo.reader.branchesContaining(head.commit)).length > 0) return;
  throw new GitError(
    'headMoved',
    `HEAD (${shortCommitId(head.commit)}) has commits on no branch since the run's commit was checked out: ` +
      'create a branch for them first ("Create Branch"), or they would be left behind. Nothing was changed.',
    { repository: repo.root },
  );
}

async function offerStash(repo: GitRepository, record: CheckoutRecord, prompts: ReturnPrompts): Promise<ReturnOutcome['stash']> {
  if (!record.stash) return 'none';
  const commit = record.stash.commit;
  const stash = (await repo.reader.stashes()).find((entry) => entry.commit === commit);
  if (!stash) return 'missing';
  if (!(await prompts.confirmPopStash({ repository: repo.root, stash }))) return 'kept';
  try {
    await repo.writer.popStash(commit);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    throw new GitError(error.reason, `${error.message}\nThe stash "${stash.message}" is kept; nothing in it was lost.`, {
      gitMessage: error.gitMessage,
      repository: repo.root,
      paths: error.paths,
      cause: error,
    });
  }
  return 'popped';
}

function stashNote(stash: ReturnOutcome['stash'], record: CheckoutRecord): string {
  const message = record.stash?.message ?? '';
  if (stash === 'popped') return ' Your stashed changes are restored.';
  if (stash === 'kept') return ` Your changes stay in the stash "${message}".`;
  if (stash === 'missing') return ` The stash "${message}" is no longer in the stash list (popped or dropped already).`;
  return '';
}
