import type { CheckoutOutcome } from '../git/checkoutFlow';
import { checkOutRunCommit, createBranchForRun } from '../git/checkoutFlow';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import type { RunSource } from '../git/runSource';
import { describeRun } from '../git/runSource';
import { checkoutPrompts } from './checkoutPrompts';
import type { GitCommandContext } from './gitCommandContext';
import { repositoryForRun } from './runRepository';

export const CREATE_BRANCH = 'Create Branch';

/**
 * "Check Out Run's Commit": the run's repository, then the checkout with its questions under a
 * progress notification. A detached HEAD is said to be one and a branch is offered; the record
 * that "Return to Previous Branch" needs is kept; a new worktree opens in a new window.
 */
export async function checkOutRun(context: GitCommandContext, run: RunSource): Promise<CheckoutOutcome | undefined> {
  const repo = await repositoryForRun(context, run);
  if (!repo) return undefined;
  const dialogs = context.dialogs();
  const title = `Checking out the commit of the ${describeRun(run)}`;
  const outcome = await dialogs.withProgress(title, false, () =>
    checkOutRunCommit(repo, run, checkoutPrompts(dialogs)),
  );
  context.logger.info(`check out ${run.runId} in ${repo.root}: ${outcome.kind}`);
  switch (outcome.kind) {
    case 'checkedOut': {
      await context.records.add(outcome.record);
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
      await context.workbench.openFolderInNewWindow(outcome.path);
      break;
    case 'alreadyAtCommit':
      void dialogs.inform(outcome.message);
      break;
    case 'cancelled':
      break;
  }
  return outcome;
}
