import { CommandId } from './commandIds';
import type { CommandHandlers, SidebarContext } from './sidebarContext';
import { targetExperimentId } from './treeArguments';

/** The view's own buttons: refresh, deleted shown or hidden, cancel, load more, retry. */
export function sidebarCommands(context: SidebarContext): CommandHandlers {
  const { provider, treeView } = context;
  const setShowDeleted = async (value: boolean): Promise<void> => {
    await context.showDeleted.set(value);
    provider.reloadAll();
  };
  return {
    [CommandId.refresh]: () => provider.refresh(),
    [CommandId.showDeleted]: () => setShowDeleted(true),
    [CommandId.hideDeleted]: () => setShowDeleted(false),
    [CommandId.cancelLoading]: () => context.loading.cancelAll(),
    [CommandId.loadMoreRuns]: async (...args: unknown[]) => {
      const experimentId = targetExperimentId(args, treeView);
      if (experimentId !== undefined) await provider.loadMore(experimentId);
    },
    [CommandId.retryRuns]: (...args: unknown[]) => {
      const experimentId = targetExperimentId(args, treeView);
      if (experimentId !== undefined) provider.retryRuns(experimentId);
    },
  };
}
