import { GitError } from './gitErrors';
import type { GitRepository } from './repository';

/**
 * The git operations that keep their state in files of the git folder, each with the file that
 * says it is under way and what ends it. A stash resets the index, which silently drops that
 * state (a resolved merge stashed and popped comes back as plain changes: the next commit loses
 * its second parent), so the flows refuse while one is under way.
 */
export const OPERATIONS = [
  { marker: 'MERGE_HEAD', what: 'a merge', finish: 'finish it with git commit, or abandon it with git merge --abort' },
  {
    marker: 'CHERRY_PICK_HEAD',
    what: 'a cherry-pick',
    finish: 'finish it with git cherry-pick --continue, or abandon it with git cherry-pick --abort',
  },
  {
    marker: 'REVERT_HEAD',
    what: 'a revert',
    finish: 'finish it with git revert --continue, or abandon it with git revert --abort',
  },
  {
    marker: 'rebase-merge',
    what: 'a rebase',
    finish: 'finish it with git rebase --continue, or abandon it with git rebase --abort',
  },
  {
    marker: 'rebase-apply',
    what: 'a rebase (or git am)',
    finish: 'finish it with git rebase --continue (git am --continue), or abandon it with --abort',
  },
  { marker: 'BISECT_LOG', what: 'a bisect', finish: 'end it with git bisect reset' },
] as const;

export type Operation = (typeof OPERATIONS)[number];

/**
 * Refuses, changing nothing, when a merge, cherry-pick, revert, rebase or bisect is under way in
 * `repo`; `action` names what was refused ("checking out the run's commit").
 */
export async function refuseDuringOperation(repo: GitRepository, action: string): Promise<void> {
  const operation = await repo.reader.operationInProgress();
  if (!operation) return;
  throw new GitError(
    'operationInProgress',
    `${repo.root} is in the middle of ${operation.what} (${operation.marker} is present): ${operation.finish}, then try ${action} again. Nothing was changed.`,
    { repository: repo.root },
  );
}
