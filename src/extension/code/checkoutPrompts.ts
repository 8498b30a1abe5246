import type { CheckoutPrompts, UncommittedChangesChoice } from '../git/checkoutFlow';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import { notStashedNote } from '../git/notStashed';
import type { ReturnPrompts } from '../git/returnFlow';
import { describeRun } from '../git/runSource';
import type { WorkingTreeStatus } from '../git/workingTreeStatus';
import type { GitDialogs } from './gitDialogs';

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
