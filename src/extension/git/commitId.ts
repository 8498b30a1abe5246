import { GitError } from './gitErrors';

/** A commit id that passed `parseCommitId`: 7 to 40 lowercase hex digits, safe as a git argument. */
export type CommitId = string & { readonly __commitId: true };

const COMMIT_ID = /^[0-9a-f]{7,40}$/;

/**
 * Checks a commit id from an untrusted place (a run's tag, a stored record) before it reaches
 * git. Only 7 to 40 hex digits pass: nothing that git could read as an option, a revision
 * expression (`HEAD~1`, `main`) or a shell word. Upper case hex is accepted and lowered.
 */
export function parseCommitId(value: string, what = 'commit id'): CommitId {
  const lowered = value.toLowerCase();
  if (!COMMIT_ID.test(lowered)) {
    throw new GitError('invalidCommitId', `Invalid ${what} ${describe(value)}: ${whyInvalid(lowered)}.`);
  }
  return lowered as CommitId;
}

/** True for a full 40-digit SHA-1 (only full ids can be fetched from a remote by id). */
export function isFullCommitId(id: CommitId): boolean {
  return id.length === 40;
}

/** The first 7 digits, the way git and MLflow's UI show a commit. */
export function shortCommitId(id: string): string {
  return id.slice(0, 7);
}

function whyInvalid(value: string): string {
  if (value === '') return 'it is empty';
  if (/^[0-9a-f]+$/.test(value)) {
    return value.length < 7 ? 'it has fewer than 7 hex digits' : 'it has more than 40 hex digits';
  }
  return 'a commit id is 7 to 40 hexadecimal digits';
}

function describe(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
}
