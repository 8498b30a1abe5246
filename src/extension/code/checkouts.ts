import type { CheckoutPrompts, UncommittedChangesChoice } from '../git/checkoutFlow';
import type { CheckoutRecord } from '../git/checkoutRecord';
import { continueExcursion, parseCheckoutRecord } from '../git/checkoutRecord';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import { notStashedNote } from '../git/notStashed';
import type { ReturnPrompts } from '../git/returnFlow';
import { describeRun } from '../git/runSource';
import type { WorkingTreeStatus } from '../git/workingTreeStatus';
import type { GitDialogs } from './gitDialogs';

// What a run checkout asks (the questions of the checkout and return flows, as dialogs) and what
// it keeps (the records "Return to Previous Branch" returns from).

/** Where the records are kept: VS Code's workspace state (a Memento) or anything like it. */
export interface StateStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/**
 * The when-clause key of "Return to Previous Branch" and "Create Branch for Checked-Out Run": true
 * while a checkout is recorded, so they show on run rows and in the view's "..." menu only then.
 */
export const HAS_CHECKOUT_RECORD = 'mlflow.hasCheckoutRecord';

const KEY = 'mlflow.git.checkoutRecords';
/** Older records are dropped beyond this many (each one's stash stays in git regardless). */
const MAX_RECORDS = 20;

/**
 * What "Return to Previous Branch" returns from: the excursions to run commits made in this
 * workspace, the latest last. Checking out one run after another, stashing or not, extends the
 * latest record: Return goes back to the branch the first checkout left and brings back every
 * stash made on the way (a record per checkout stranded the user on the previous run's commit).
 * Stored values are read back as untrusted data and checked when used.
 */
export class CheckoutRecords {
  constructor(
    private readonly state: StateStore,
    private readonly onChange: (hasRecords: boolean) => void = () => undefined,
  ) {}

  /** The latest record as stored (unchecked), or undefined when there is none. */
  latest(): unknown {
    const stored = this.stored();
    return stored[stored.length - 1];
  }

  get size(): number {
    return this.stored().length;
  }

  /** Adds the record of a checkout just made, extending the latest when it continues it. */
  async add(record: CheckoutRecord): Promise<void> {
    const stored = this.stored();
    const latest = checked(stored[stored.length - 1]);
    const merged = latest && continueExcursion(latest, record);
    const next = merged ? [...stored.slice(0, -1), merged] : [...stored, record];
    await this.save(next.slice(-MAX_RECORDS));
  }

  /** Forgets the latest record (after returning from it, or when it cannot be used). */
  async dropLatest(): Promise<void> {
    await this.save(this.stored().slice(0, -1));
  }

  /** Tells the listener whether a record exists (e.g. for a when-clause), as stored now. */
  announce(): void {
    this.onChange(this.size > 0);
  }

  private stored(): unknown[] {
    const value = this.state.get(KEY);
    return Array.isArray(value) ? (value as unknown[]) : [];
  }

  private async save(records: unknown[]): Promise<void> {
    await this.state.update(KEY, records);
    this.announce();
  }
}

function checked(value: unknown): CheckoutRecord | undefined {
  try {
    return value === undefined ? undefined : parseCheckoutRecord(value);
  } catch {
    return undefined;
  }
}

export const FETCH_AND_RETRY = 'Fetch and Retry';
export const STASH_AND_CHECK_OUT = 'Stash and Check Out';
export const CHECK_OUT_IN_NEW_WORKTREE = 'Check Out in New Worktree';
export const POP_STASH = 'Pop Stash';

/** Paths named in a question, at most. */
const PATHS_SHOWN = 8;

/**
 * The questions of the checkout and return flows, asked as modal dialogs. `fetchConfirmed`: the
 * user already chose "Fetch and Retry" (from the explanation of why no repository matched).
 */
export function checkoutPrompts(
  dialogs: GitDialogs,
  options: { fetchConfirmed?: boolean } = {},
): CheckoutPrompts & ReturnPrompts {
  return {
    async confirmFetch({ repository, commit, run, remotes, shallow }) {
      if (options.fetchConfirmed) return true;
      const detail =
        `Fetch from ${remotes.join(', ')} and look for it again? Nothing in the working tree changes.` +
        (shallow ? '\nThe repository is a shallow clone, so older commits are missing from it.' : '');
      const message = `Commit ${shortCommitId(commit)} of the ${describeRun(run)} is not in ${repository}.`;
      return (await dialogs.askModal(message, detail, [FETCH_AND_RETRY])) === FETCH_AND_RETRY;
    },
    withFetchProgress(title, fetch) {
      return dialogs.withProgress(title, true, (signal, report) =>
        fetch(signal, (progress) => report(`${progress.stage} ${progress.percent}%`)),
      );
    },
    async chooseForUncommittedChanges({ repository, run, status }): Promise<UncommittedChangesChoice> {
      const message = `${repository} has uncommitted changes. How should the commit of the ${describeRun(run)} be checked out?`;
      const detail =
        `${describeChanges(status)}\n\nNothing is discarded. "${STASH_AND_CHECK_OUT}" keeps every change listed above, untracked files ` +
        'included, in a stash named after the run ("Return to Previous Branch" offers to restore it).' +
        `${notStashedNote(status)} "${CHECK_OUT_IN_NEW_WORKTREE}" checks the commit out in a new folder beside the repository and leaves this one untouched.`;
      const choice = await dialogs.askModal(message, detail, [STASH_AND_CHECK_OUT, CHECK_OUT_IN_NEW_WORKTREE]);
      if (choice === STASH_AND_CHECK_OUT) return 'stash';
      return choice === CHECK_OUT_IN_NEW_WORKTREE ? 'worktree' : 'cancel';
    },
    async confirmPopStash({ repository, stashes }) {
      const one = stashes.length === 1;
      const message = `Restore the changes stashed when run commits were checked out in ${repository}?`;
      const names = stashes.map((stash) => `"${stash.message}"`).join(', ');
      const detail = one
        ? `"${POP_STASH}" applies and drops the stash ${names}. Cancel keeps it in the stash list (git stash list).`
        : `"${POP_STASH}" applies and drops the ${stashes.length} stashes, oldest first: ${names}. Cancel keeps them in the stash list (git stash list).`;
      return (await dialogs.askModal(message, detail, [POP_STASH])) === POP_STASH;
    },
  };
}

/** `Staged: a.py. Unstaged: b.py, c.py. Untracked: 3 files (d.txt, ...).` (what a stash takes) */
export function describeChanges(status: WorkingTreeStatus): string {
  const kinds: [string, string[]][] = [
    ['Staged', status.staged],
    ['Unstaged', status.unstaged],
    ['Untracked', status.untracked],
    ['Unmerged', status.unmerged],
  ];
  return kinds
    .filter(([, paths]) => paths.length > 0)
    .map(([kind, paths]) => `${kind}: ${listPaths(paths)}.`)
    .join('\n');
}

function listPaths(paths: string[]): string {
  const shown = paths.slice(0, PATHS_SHOWN).join(', ');
  if (paths.length <= PATHS_SHOWN) return shown;
  return `${paths.length} files (${shown}, ...)`;
}
