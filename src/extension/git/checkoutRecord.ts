import { isFullCommitId } from '../../webview/shared/mlflowIds';
import { isValidBranchName } from './branchName';
import { GitError } from './gitErrors';

/** What HEAD was before a run's commit was checked out. */
export type PreviousHead = { kind: 'branch'; branch: string } | { kind: 'detached'; commit: string };

/** A stash a checkout made of the uncommitted changes, identified by its commit. */
export interface RecordedStash {
  commit: string;
  message: string;
}

/**
 * What "Return to Previous Branch" needs: one excursion away from where the user was, made when a
 * run's commit is checked out and extended by each run checkout that follows it (see
 * `continueExcursion`). The caller persists it (e.g. in workspace state) and hands it back; it
 * is checked again when read.
 */
export interface CheckoutRecord {
  repository: string;
  runId: string;
  runName: string;
  /** The full id of the commit checked out last. */
  commit: string;
  /** Where the user was before the first checkout of the excursion. */
  previous: PreviousHead;
  /** Every stash the excursion's checkouts made, oldest first (the order they go back in). */
  stashes: RecordedStash[];
}

/**
 * The excursion `next` continues `latest` when it started where `latest` left HEAD (the commit
 * it checked out, detached) in the same repository: returning then means going back to where
 * `latest` started, bringing back the stashes of both. Otherwise undefined: `next` stands alone.
 */
export function continueExcursion(latest: CheckoutRecord, next: CheckoutRecord): CheckoutRecord | undefined {
  const continues =
    latest.repository === next.repository &&
    next.previous.kind === 'detached' &&
    next.previous.commit === latest.commit;
  return continues ? { ...next, previous: latest.previous, stashes: [...latest.stashes, ...next.stashes] } : undefined;
}

/**
 * Checks a stored record (persisted state is read back as untrusted data): every field present
 * and of the right form, commit ids full hex, the branch a valid branch name.
 */
export function parseCheckoutRecord(value: unknown): CheckoutRecord {
  if (!isObject(value)) throw bad('it is not an object');
  const { repository, runId, runName, commit, previous, stash, stashes } = value;
  if (typeof repository !== 'string' || repository === '') throw bad('repository is missing');
  if (typeof runId !== 'string' || typeof runName !== 'string') throw bad('the run is missing');
  if (typeof commit !== 'string' || !isFullCommitId(commit)) throw bad('commit is not a full commit id');
  // Records written before excursions had a list hold at most one `stash`.
  const listed = stashes === undefined ? (stash === undefined ? [] : [stash]) : stashes;
  if (!Array.isArray(listed)) throw bad('stashes is not a list');
  return { repository, runId, runName, commit, previous: parsePrevious(previous), stashes: listed.map(parseStash) };
}

function parsePrevious(value: unknown): PreviousHead {
  if (!isObject(value)) throw bad('previous is missing');
  if (value.kind === 'branch' && typeof value.branch === 'string' && isValidBranchName(value.branch)) {
    return { kind: 'branch', branch: value.branch };
  }
  if (value.kind === 'detached' && typeof value.commit === 'string' && isFullCommitId(value.commit)) {
    return { kind: 'detached', commit: value.commit };
  }
  throw bad('previous is neither a valid branch nor a full commit id');
}

function parseStash(value: unknown): RecordedStash {
  if (
    !isObject(value) ||
    typeof value.commit !== 'string' ||
    !isFullCommitId(value.commit) ||
    typeof value.message !== 'string'
  ) {
    throw bad('stash is not a commit id and a message');
  }
  return { commit: value.commit, message: value.message };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bad(why: string): GitError {
  return new GitError('badCheckoutRecord', `The record of the last run checkout cannot be used: ${why}.`);
}
