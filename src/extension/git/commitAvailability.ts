import { isCancellation } from '../tracking/errors';
import type { CommitId } from './commitId';
import { isFullCommitId, shortCommitId } from '../../webview/shared/mlflowIds';
import { GitError } from './gitErrors';
import type { FetchOptions, FetchProgress } from './gitWriter';
import type { GitRepository } from './repository';
import type { RunSource } from './runSource';
import { describeRun } from './runSource';

/** What the caller is asked before fetching a missing commit. */
export interface FetchQuestion {
  repository: string;
  commit: string;
  run: RunSource;
  remotes: string[];
  shallow: boolean;
}

/** The caller's side of "Fetch and Retry": a yes/no question, then progress it can cancel. */
export interface FetchPrompts {
  confirmFetch(question: FetchQuestion): Promise<boolean>;
  /** Runs `fetch` under a cancellable progress display; `signal` fires when the user cancels. */
  withFetchProgress(
    title: string,
    fetch: (signal: AbortSignal, report: (progress: FetchProgress) => void) => Promise<void>,
  ): Promise<void>;
}

/**
 * The full id of the run's commit in `repo`, or a GitError (`unknownCommit`) that names the
 * repository and the commit and says why it may be missing (a shallow clone, no remotes).
 */
export async function requireCommitIn(repo: GitRepository, commit: CommitId, run: RunSource): Promise<string> {
  const resolved = await repo.reader.resolveCommit(commit);
  if (resolved !== undefined) return resolved;
  const shallow = await repo.reader.isShallow();
  throw missingCommit(repo, commit, run, shallow ? shallowHint() : '');
}

/**
 * Like `requireCommitIn`, but when the commit is missing and the repository has remotes, offers
 * to fetch them all (then each remote for the commit itself). Returns undefined when the user
 * declines or cancels; still missing afterwards is a GitError naming repository and commit.
 */
export async function ensureCommitIn(
  repo: GitRepository,
  commit: CommitId,
  run: RunSource,
  prompts: FetchPrompts,
): Promise<string | undefined> {
  const present = await repo.reader.resolveCommit(commit);
  if (present !== undefined) return present;
  const remotes = (await repo.reader.remotes()).map((remote) => remote.name);
  const shallow = await repo.reader.isShallow();
  if (remotes.length === 0) {
    throw missingCommit(
      repo,
      commit,
      run,
      `; the repository has no remotes to fetch it from${shallow ? shallowHint() : ''}`,
    );
  }
  if (!(await prompts.confirmFetch({ repository: repo.root, commit, run, remotes, shallow }))) return undefined;
  const fetched = await fetchForCommit(repo, commit, remotes, prompts);
  if (fetched === 'cancelled') return undefined;
  const resolved = await repo.reader.resolveCommit(commit);
  if (resolved !== undefined) return resolved;
  // With one remote, why fetching failed (no network, credentials) is the message that helps.
  if (fetched.failure && remotes.length === 1) throw fetched.failure;
  const failed = fetched.failure ? `; fetching also failed: ${fetched.failure.message}` : '';
  throw missingCommit(repo, commit, run, afterFetchHint(remotes, shallow, commit) + failed);
}

/**
 * `fetch --all`, then, for a full id still missing, each remote asked for the commit itself,
 * under the caller's cancellable progress.
 */
async function fetchForCommit(
  repo: GitRepository,
  commit: CommitId,
  remotes: string[],
  prompts: FetchPrompts,
): Promise<{ failure?: GitError } | 'cancelled'> {
  let failure: GitError | undefined;
  try {
    await prompts.withFetchProgress(
      `Fetching ${remotes.join(', ')} for commit ${shortCommitId(commit)}`,
      async (signal, report) => {
        failure = await fetchAllRemotes(repo, { signal, onProgress: report });
        if (isFullCommitId(commit) && (await repo.reader.resolveCommit(commit)) === undefined) {
          await repo.writer.fetchCommit(commit, remotes, { signal, onProgress: report });
        }
      },
    );
  } catch (error) {
    if (isCancellation(error)) return 'cancelled';
    throw error;
  }
  return failure ? { failure } : {};
}

/** `fetch --all`; a remote that fails must not hide the commit another one brought, so it is returned. */
async function fetchAllRemotes(repo: GitRepository, options: FetchOptions): Promise<GitError | undefined> {
  try {
    await repo.writer.fetchAll(options);
    return undefined;
  } catch (error) {
    if (isCancellation(error) || !(error instanceof GitError)) throw error;
    return error;
  }
}

function missingCommit(repo: GitRepository, commit: string, run: RunSource, why: string): GitError {
  return new GitError(
    'unknownCommit',
    `Commit ${commit} of the ${describeRun(run)} is not in the repository ${repo.root}${why}.`,
    { repository: repo.root },
  );
}

function shallowHint(): string {
  return ': it is a shallow clone, so older commits are missing (git fetch --unshallow brings the full history)';
}

function afterFetchHint(remotes: string[], shallow: boolean, commit: string): string {
  const abbreviated = commit.length < 40 ? ' (an abbreviated id can only arrive with a branch, not on its own)' : '';
  return (
    ` even after fetching ${remotes.join(', ')}${abbreviated}: the run was logged from a commit that was never ` +
    `pushed there, or from another repository${shallow ? shallowHint() : ''}`
  );
}
