import type { CheckoutRecord, RecordedStash } from './checkoutRecord';
import { parseCheckoutRecord } from './checkoutRecord';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import { GitError } from './gitErrors';
import type { StashEntry } from './gitListings';
import { notStashedNote } from './notStashed';
import { refuseDuringOperation } from './operationInProgress';
import type { GitRepository } from './repository';
import { hasUncommittedChanges } from './workingTreeStatus';

/** The question "Return to Previous Branch" asks when the excursion made stashes. */
export interface ReturnPrompts {
  /** Pop `stashes` (oldest first, all still in the stash list) after switching back? */
  confirmPopStash(question: { repository: string; stashes: StashEntry[] }): Promise<boolean>;
}

/** What became of one stash the excursion made. */
export type StashResult = 'popped' | 'kept' | 'missing';

export interface ReturnOutcome {
  /** The branch name, or the short commit when HEAD was detached before. */
  restored: string;
  /**
   * What became of the stashes, in one word: `none` (none made), `popped` (every one still listed
   * was popped), `kept` (the user kept them), `missing` (none of them is in the stash list now).
   */
  stash: 'none' | StashResult;
  /** Each stash the excursion made, oldest first, and what became of it. */
  stashes: { stash: RecordedStash; result: StashResult }[];
  message: string;
}

/**
 * Switches back to where the user was before the excursion began (from the record the checkouts
 * made) and offers to pop every stash they made, oldest first. Refuses, changing nothing, when
 * the working tree has uncommitted changes, when a merge, rebase or the like is under way, or when
 * commits made on the detached HEAD would be left on no branch. A submodule's own changes and a
 * submodule folder the run's commit lacks do not hold it back: git switches past them safely
 * (and refuses by itself when it cannot).
 */
export async function returnToPreviousCheckout(
  repo: GitRepository,
  stored: unknown,
  prompts: ReturnPrompts,
): Promise<ReturnOutcome> {
  const record = parseCheckoutRecord(stored);
  if (record.repository !== repo.root) {
    throw new GitError('badCheckoutRecord', `The last run checkout was in ${record.repository}, not in ${repo.root}.`, {
      repository: repo.root,
    });
  }
  const restored = record.previous.kind === 'branch' ? record.previous.branch : shortCommitId(record.previous.commit);
  await refuseDuringOperation(repo, `returning to ${restored}`);
  const status = await repo.reader.status();
  if (hasUncommittedChanges(status)) {
    throw new GitError(
      'dirtyTree',
      `${repo.root} has uncommitted changes: commit or stash them before returning to ${restored}. Nothing was changed.`,
      {
        repository: repo.root,
      },
    );
  }
  await refuseToStrandCommits(repo, record);
  if (record.previous.kind === 'branch') await repo.writer.switchToBranch(record.previous.branch);
  else await repo.writer.switchDetached(record.previous.commit);
  const stashes = await bringBackStashes(repo, record, restored, prompts);
  const results = new Set(stashes.map((entry) => entry.result));
  const stash =
    stashes.length === 0 ? 'none' : results.has('kept') ? 'kept' : results.has('popped') ? 'popped' : 'missing';
  return { restored, stash, stashes, message: `Back on ${restored}.${stashNote(stashes)}${notStashedNote(status)}` };
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

/**
 * Offers the stashes still listed and pops them oldest first: the first was made where the user
 * now is again, so it comes back exactly. A pop git refuses stops there, and the error names what
 * was restored and which stash holds what is left.
 */
async function bringBackStashes(
  repo: GitRepository,
  record: CheckoutRecord,
  restored: string,
  prompts: ReturnPrompts,
): Promise<ReturnOutcome['stashes']> {
  if (record.stashes.length === 0) return [];
  const listed = await repo.reader.stashes();
  const present = record.stashes.flatMap((stash) => listed.filter((entry) => entry.commit === stash.commit));
  const popping = present.length > 0 && (await prompts.confirmPopStash({ repository: repo.root, stashes: present }));
  const results: ReturnOutcome['stashes'] = [];
  for (const stash of record.stashes) {
    const isPresent = present.some((entry) => entry.commit === stash.commit);
    if (!isPresent || !popping) {
      results.push({ stash, result: isPresent ? 'kept' : 'missing' });
      continue;
    }
    try {
      await repo.writer.popStash(stash.commit);
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      const left = record.stashes
        .slice(results.length)
        .filter((entry) => present.some((p) => p.commit === entry.commit));
      throw new GitError(error.reason, popFailure(error.message, restored, results, left), {
        gitMessage: error.gitMessage,
        repository: repo.root,
        paths: error.paths,
        cause: error,
      });
    }
    results.push({ stash, result: 'popped' });
  }
  return results;
}

function popFailure(
  gitMessage: string,
  restored: string,
  done: ReturnOutcome['stashes'],
  left: RecordedStash[],
): string {
  const popped = done.filter((entry) => entry.result === 'popped').map((entry) => `"${entry.stash.message}"`);
  const kept = left.map((stash) => `"${stash.message}" (${shortCommitId(stash.commit)})`).join(', ');
  const lines = [`Back on ${restored}, but a stash did not apply: ${gitMessage}`];
  if (popped.length) lines.push(`Restored before it: ${popped.join(', ')}.`);
  lines.push(`Kept in the stash list, nothing in ${left.length === 1 ? 'it' : 'them'} lost: ${kept} (git stash list).`);
  return lines.join('\n');
}

function stashNote(stashes: ReturnOutcome['stashes']): string {
  const named = (result: StashResult) =>
    stashes.filter((entry) => entry.result === result).map((entry) => `"${entry.stash.message}"`);
  const parts: string[] = [];
  const popped = named('popped');
  const kept = named('kept');
  const missing = named('missing');
  if (popped.length)
    parts.push(
      popped.length === 1
        ? ' Your stashed changes are restored.'
        : ` Your stashed changes are restored (${popped.length} stashes, oldest first).`,
    );
  if (kept.length) parts.push(` Your changes stay in the stash${kept.length === 1 ? '' : 'es'} ${kept.join(', ')}.`);
  if (missing.length)
    parts.push(
      ` The stash${missing.length === 1 ? '' : 'es'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} no longer in the stash list (popped or dropped already).`,
    );
  return parts.join('');
}
