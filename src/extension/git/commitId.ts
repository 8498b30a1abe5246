import { isCommitId } from '../../webview/shared/mlflowIds';
import { GitError } from './gitErrors';

/** A commit id that passed `parseCommitId`: lowercase hex as `isCommitId` defines it, safe as a git argument. */
export type CommitId = string & { readonly __commitId: true };

/**
 * Checks a commit id from an untrusted place (a run's tag, a stored record) before it reaches
 * git. Only hex commit ids pass (7 to 40 digits, or a full 64-digit SHA-256 id: `isCommitId`):
 * nothing that git could read as an option, a revision expression (`HEAD~1`, `main`) or a shell
 * word. Upper case hex is accepted and lowered.
 */
export function parseCommitId(value: string, what = 'commit id'): CommitId {
  const lowered = value.toLowerCase();
  if (!isCommitId(lowered)) {
    throw new GitError('invalidCommitId', `Invalid ${what} ${describe(value)}: ${whyInvalid(lowered)}.`);
  }
  return lowered as CommitId;
}

function whyInvalid(value: string): string {
  if (value === '') return 'it is empty';
  if (/^[0-9a-f]+$/.test(value)) {
    return value.length < 7
      ? 'it has fewer than 7 hex digits'
      : 'it has more than 40 hex digits and is not a full SHA-256 id of 64';
  }
  return 'a commit id is 7 to 40 hexadecimal digits, or 64 for SHA-256';
}

function describe(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
}
