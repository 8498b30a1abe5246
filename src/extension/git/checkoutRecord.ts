import { isValidBranchName } from './branchName';
import { GitError } from './gitErrors';

/** What HEAD was before a run's commit was checked out. */
export type PreviousHead = { kind: 'branch'; branch: string } | { kind: 'detached'; commit: string };

/**
 * What "Return to Previous Branch" needs, made when a run's commit is checked out. The caller
 * persists it (e.g. in workspace state) and hands it back; it is checked again when read.
 */
export interface CheckoutRecord {
  repository: string;
  runId: string;
  runName: string;
  /** The full id of the commit that was checked out. */
  commit: string;
  previous: PreviousHead;
  /** The stash the checkout made of the uncommitted changes, identified by its commit. */
  stash?: { commit: string; message: string };
}

const FULL_ID = /^[0-9a-f]{40}$/;

/**
 * Checks a stored record (persisted state is read back as untrusted data): every field present
 * and of the right form, commit ids full hex, the branch a valid branch name.
 */
export function parseCheckoutRecord(value: unknown): CheckoutRecord {
  if (!isObject(value)) throw bad('it is not an object');
  const { repository, runId, runName, commit, previous, stash } = value;
  if (typeof repository !== 'string' || repository === '') throw bad('repository is missing');
  if (typeof runId !== 'string' || typeof runName !== 'string') throw bad('the run is missing');
  if (typeof commit !== 'string' || !FULL_ID.test(commit)) throw bad('commit is not a full commit id');
  const record: CheckoutRecord = { repository, runId, runName, commit, previous: parsePrevious(previous) };
  if (stash !== undefined) record.stash = parseStash(stash);
  return record;
}

function parsePrevious(value: unknown): PreviousHead {
  if (!isObject(value)) throw bad('previous is missing');
  if (value.kind === 'branch' && typeof value.branch === 'string' && isValidBranchName(value.branch)) {
    return { kind: 'branch', branch: value.branch };
  }
  if (value.kind === 'detached' && typeof value.commit === 'string' && FULL_ID.test(value.commit)) {
    return { kind: 'detached', commit: value.commit };
  }
  throw bad('previous is neither a valid branch nor a full commit id');
}

function parseStash(value: unknown): { commit: string; message: string } {
  if (!isObject(value) || typeof value.commit !== 'string' || !FULL_ID.test(value.commit) || typeof value.message !== 'string') {
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
