import type { CheckoutOutcome } from '../git/checkoutFlow';
import { checkOutRunCommit, createBranchForRun } from '../git/checkoutFlow';
import type { CheckoutRecord } from '../git/checkoutRecord';
import { parseCheckoutRecord } from '../git/checkoutRecord';
import { ensureCommitIn } from '../git/commitAvailability';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import type { FileChange } from '../git/fileChanges';
import { GitError } from '../git/gitErrors';
import type { GitRunnerOptions } from '../git/gitRunner';
import type { GitRepository } from '../git/repository';
import { openGitRepository } from '../git/repository';
import { resolveCandidateFolders } from '../git/repositoryFacts';
import type { RepositoryMatch } from '../git/repositoryMatcher';
import { matchRunToRepositories } from '../git/repositoryMatcher';
import type { ReturnOutcome } from '../git/returnFlow';
import { returnToPreviousCheckout } from '../git/returnFlow';
import { diffRunCommits, diffRunWithWorkingTree } from '../git/runDiffs';
import type { RunSource } from '../git/runSource';
import { describeRun, requireRunCommit } from '../git/runSource';
import { readRunSourceAtCommit } from '../git/sourceAtCommit';
import type { ScopedLogger } from '../platform/logger';
import type { Run } from '../tracking/model';
import { FETCH_AND_RETRY, checkoutPrompts } from './checkouts';
import type { CheckoutRecords } from './checkouts';
import type { GitDialogs } from './gitDialogs';
import type { CommitSide, FileDiffRequest, GitDocument } from './gitDocument';

export const CREATE_BRANCH = 'Create Branch';

const NO_RECORD = 'No run checkout to return from: "Check Out Run\'s Commit" keeps what was checked out before it.';

/**
 * What the git commands open: VS Code's editors and windows (`vscodeCodeEditors`), or, in the
 * plain-Node tests of these commands, a record of what would have opened.
 */
export interface CodeEditors {
  /** Opens a file as it was at a commit, read-only, beside the active editor. */
  openFileAtCommit(document: GitDocument): Promise<void>;
  /** Opens the diff editor for one changed file. */
  openFileDiff(request: FileDiffRequest): Promise<void>;
  /** Opens a folder (a new worktree) in a new window. */
  openFolderInNewWindow(path: string): Promise<void>;
}

/**
 * The git commands on a run's code: check out its commit and return from it, open its source,
 * diff it with the working tree or with another run's commit. Each finds the run's repository
 * among the workspace's (asking when several match, offering to fetch a missing commit), asks
 * through `dialogs` (the user's, or a test's script) and returns what it did, for its callers and
 * tests. Every repository opened logs its git commands through `git`.
 */
export class GitCommands {
  constructor(
    private readonly dialogs: () => GitDialogs,
    private readonly editors: CodeEditors,
    private readonly records: CheckoutRecords,
    private readonly workspaceFolders: () => string[],
    private readonly logger: ScopedLogger,
    private readonly git: GitRunnerOptions = {},
  ) {}

  /**
   * "Check Out Run's Commit": the run's repository, then the checkout with its questions under a
   * progress notification. A detached HEAD is said to be one and a branch is offered; the record
   * that "Return to Previous Branch" needs is kept; a new worktree opens in a new window.
   */
  async checkOutRun(run: RunSource): Promise<CheckoutOutcome | undefined> {
    const repo = await this.repositoryForRun(run);
    if (!repo) return undefined;
    const dialogs = this.dialogs();
    const title = `Checking out the commit of the ${describeRun(run)}`;
    const outcome = await dialogs.withProgress(title, false, () =>
      checkOutRunCommit(repo, run, checkoutPrompts(dialogs)),
    );
    this.logger.info(`check out ${run.runId} in ${repo.root}: ${outcome.kind}`);
    switch (outcome.kind) {
      case 'checkedOut': {
        await this.records.add(outcome.record);
        if ((await dialogs.inform(outcome.message, [CREATE_BRANCH])) === CREATE_BRANCH) {
          const branch = await createBranchForRun(repo, run);
          void dialogs.inform(
            `Created the branch ${branch} at ${shortCommitId(outcome.record.commit)} and switched to it.`,
          );
        }
        break;
      }
      case 'worktreeAdded':
        void dialogs.inform(outcome.message);
        await this.editors.openFolderInNewWindow(outcome.path);
        break;
      case 'alreadyAtCommit':
        void dialogs.inform(outcome.message);
        break;
      case 'cancelled':
        break;
    }
    return outcome;
  }

  /**
   * "Return to Previous Branch": back to what the latest run checkout left (refused, changing
   * nothing, when the tree is dirty or commits would be stranded), then the offer to pop the stash
   * that checkout made. The record is forgotten once used, or when it cannot be read.
   */
  async returnToPreviousBranch(): Promise<ReturnOutcome | undefined> {
    const dialogs = this.dialogs();
    const record = await this.latestRecord();
    if (!record) return undefined;
    const repo = openGitRepository(record.repository, this.git);
    const title = `Returning to ${record.previous.kind === 'branch' ? record.previous.branch : shortCommitId(record.previous.commit)}`;
    const outcome = await dialogs.withProgress(title, false, () =>
      returnToPreviousCheckout(repo, record, checkoutPrompts(dialogs)),
    );
    await this.records.dropLatest();
    this.logger.info(`returned in ${repo.root} to ${outcome.restored}; stash ${outcome.stash}`);
    void dialogs.inform(outcome.message);
    return outcome;
  }

  /**
   * "Create Branch for Checked-Out Run": the branch offered after a checkout, for when the offer
   * was closed. Only while HEAD is still detached (at the run's commit or commits made on it).
   */
  async createBranchForCheckedOutRun(): Promise<string | undefined> {
    const record = await this.latestRecord();
    if (!record) return undefined;
    const repo = openGitRepository(record.repository, this.git);
    const head = await repo.reader.head();
    if (head.kind !== 'detached') {
      void this.dialogs().inform(
        `HEAD in ${repo.root} is not detached (it is on ${head.branch}): there is no run checkout to make a branch for.`,
      );
      return undefined;
    }
    const branch = await createBranchForRun(repo, { runId: record.runId, runName: record.runName });
    void this.dialogs().inform(`Created the branch ${branch} at ${shortCommitId(head.commit)} and switched to it.`);
    return branch;
  }

  /**
   * "Open Source at Commit": the run's `mlflow.source.name`, made relative to its repository, as
   * it was at the run's commit, in a read-only editor beside the current one. Nothing is checked out.
   */
  async openRunSource(run: RunSource): Promise<GitDocument | undefined> {
    const repo = await this.repositoryForRun(run);
    if (!repo) return undefined;
    const source = await readRunSourceAtCommit(repo, run);
    if (source.foundBy !== 'path') {
      this.logger.info(
        `source "${run.sourceName ?? ''}" of run ${run.runId} found as ${source.path} (${source.foundBy})`,
      );
    }
    const document: GitDocument = { repository: repo.root, commit: source.commit, path: source.path };
    if (run.runName) document.runName = run.runName;
    await this.editors.openFileAtCommit(document);
    return document;
  }

  /**
   * "Diff with Working Tree": the files changed between the run's commit and the working tree
   * (committed or not, untracked included), in a quick pick with their status; the one chosen
   * opens in the diff editor. Returns what was opened.
   */
  async diffRunWithWorkingTree(run: RunSource): Promise<FileDiffRequest | undefined> {
    const repo = await this.repositoryForRun(run);
    if (!repo) return undefined;
    const diff = await diffRunWithWorkingTree(repo, run);
    return this.openChosenChange(diff.changes, diff.message, (change) => ({
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
  async diffRunCommits(older: RunSource, newer: RunSource): Promise<FileDiffRequest | undefined> {
    const newerCommit = requireRunCommit(newer);
    const repo = await this.repositoryForRun(older);
    if (!repo) return undefined;
    if ((await ensureCommitIn(repo, newerCommit, newer, checkoutPrompts(this.dialogs()))) === undefined)
      return undefined;
    const diff = await diffRunCommits(repo, older, newer);
    if (diff.kind === 'sameCommit') {
      void this.dialogs().inform(diff.message);
      return undefined;
    }
    return this.openChosenChange(diff.changes, diff.message, (change) => ({
      repository: repo.root,
      change,
      from: side(diff.from, diff.fromRun),
      to: side(diff.to, diff.toRun),
    }));
  }

  private async openChosenChange(
    changes: FileChange[],
    message: string,
    request: (change: FileChange) => FileDiffRequest,
  ): Promise<FileDiffRequest | undefined> {
    if (changes.length === 0) {
      void this.dialogs().inform(message);
      return undefined;
    }
    const change = await pickChange(this.dialogs(), changes, message);
    if (!change) return undefined;
    const chosen = request(change);
    await this.editors.openFileDiff(chosen);
    return chosen;
  }

  private async latestRecord(): Promise<CheckoutRecord | undefined> {
    const stored = this.records.latest();
    if (stored === undefined) {
      void this.dialogs().inform(NO_RECORD);
      return undefined;
    }
    try {
      return parseCheckoutRecord(stored);
    } catch (error) {
      await this.records.dropLatest();
      if (!(error instanceof GitError)) throw error;
      throw new GitError(
        error.reason,
        `${error.message} It was forgotten; any stash it made is still in git stash list.`,
        { cause: error },
      );
    }
  }

  /**
   * The workspace repository a run's code belongs to, holding the run's commit; undefined when the
   * user cancels. The commit tag is checked before any git runs. One match is used; several are
   * offered in a quick pick saying why each matched; a missing commit can be fetched ("Fetch and
   * Retry"); no match at all is explained, with the offer to fetch when a repository has remotes.
   */
  private async repositoryForRun(run: RunSource): Promise<GitRepository | undefined> {
    const commit = requireRunCommit(run);
    const folders = this.workspaceFolders();
    const result = await matchRunToRepositories(folders, run, this.git);
    if (result.kind === 'none') return this.fetchIntoChosenRepository(run, folders, result.explanation);
    const match = await this.chooseMatch(run, result.matches);
    if (!match) return undefined;
    const repo = openGitRepository(match.root, this.git);
    const present = await ensureCommitIn(repo, commit, run, checkoutPrompts(this.dialogs()));
    return present === undefined ? undefined : repo;
  }

  private async chooseMatch(run: RunSource, matches: RepositoryMatch[]): Promise<RepositoryMatch | undefined> {
    if (matches.length === 1) return matches[0];
    const items = matches.map((match) => ({
      label: match.root,
      description: match.submoduleOf ? `submodule of ${match.submoduleOf}` : '',
      detail: match.detail,
      match,
    }));
    const title = `Repositories that match the ${describeRun(run)}`;
    return (await this.dialogs().pick(items, title, 'Which repository holds the code of this run?'))?.match;
  }

  /**
   * No repository matched: the explanation is shown in full. When the run's commit may simply not
   * have been fetched yet (a repository of the workspace has remotes), the dialog offers to fetch
   * it there and go on.
   */
  private async fetchIntoChosenRepository(
    run: RunSource,
    folders: string[],
    explanation: string,
  ): Promise<GitRepository | undefined> {
    this.logger.warn(explanation);
    const fetchable = await this.repositoriesWithRemotes(folders);
    const [headline = '', ...rest] = explanation.split('\n');
    const offer = fetchable.length > 0 ? [FETCH_AND_RETRY] : [];
    const more = offer.length
      ? `\n\n"${FETCH_AND_RETRY}" fetches the commit from the remotes of ${fetchable.length === 1 ? fetchable[0] : 'a repository you choose'}.`
      : '';
    if ((await this.dialogs().askModal(headline, rest.join('\n') + more, offer)) !== FETCH_AND_RETRY) return undefined;
    const root =
      fetchable.length === 1
        ? fetchable[0]
        : (
            await this.dialogs().pick(
              fetchable.map((label) => ({ label })),
              'Fetch and Retry',
              'Fetch the commit into which repository?',
            )
          )?.label;
    if (root === undefined) return undefined;
    const repo = openGitRepository(root, this.git);
    const prompts = checkoutPrompts(this.dialogs(), { fetchConfirmed: true });
    const present = await ensureCommitIn(repo, requireRunCommit(run), run, prompts);
    return present === undefined ? undefined : repo;
  }

  private async repositoriesWithRemotes(folders: string[]): Promise<string[]> {
    const roots = new Set(
      (await resolveCandidateFolders(folders, this.git)).flatMap((candidate) =>
        candidate.root ? [candidate.root] : [],
      ),
    );
    const withRemotes = await Promise.all(
      [...roots].map(async (root) => {
        const remotes = await openGitRepository(root, this.git)
          .reader.remotes()
          .catch(() => []);
        return remotes.length > 0 ? root : undefined;
      }),
    );
    return withRemotes.filter((root): root is string => root !== undefined);
  }
}

/** A quick pick of changed files: the path, and what happened to it. */
async function pickChange(dialogs: GitDialogs, changes: FileChange[], title: string): Promise<FileChange | undefined> {
  const items = changes.map((change) => ({ label: change.path, description: changeDescription(change), change }));
  return (await dialogs.pick(items, title, 'Choose a file to compare'))?.change;
}

/** `modified`, `renamed from utils/data.py`, `untracked`... */
function changeDescription(change: FileChange): string {
  const status = change.status === 'typeChanged' ? 'type changed' : change.status;
  return change.oldPath !== undefined ? `${status} from ${change.oldPath}` : status;
}

/** Two runs, the one started first on the left (the order of selection when times are missing). */
export function olderFirst(runs: readonly Run[]): Run[] {
  const start = (run: Run) => run.info.startTime ?? Number.POSITIVE_INFINITY;
  return [...runs].sort((a, b) => (start(a) === start(b) ? 0 : start(a) < start(b) ? -1 : 1));
}

function side(commit: string, run: RunSource): CommitSide {
  return run.runName ? { commit, runName: run.runName } : { commit };
}
