import * as vscode from 'vscode';
import { CommandId } from '../platform/commandIds';
import type { CommandHandlers, SidebarContext } from './sidebarContext';
import { targetExperimentId } from './treeArguments';

/**
 * Shows another MLflow workspace of the store (picked from a list, or given by name), remembered
 * for the store; the tree is read again for it.
 */
async function selectWorkspace(context: SidebarContext, given: string | undefined): Promise<void> {
  const { provider } = context;
  const state = provider.storeState;
  const storeUri = provider.storeUri;
  if (state?.kind !== 'ready' || storeUri === undefined || !state.store.listWorkspaces || !state.store.useWorkspace)
    return;
  const workspaces = await state.store.listWorkspaces();
  const current = state.store.currentWorkspace;
  const picked =
    given ??
    (
      await vscode.window.showQuickPick(
        workspaces.map((name) => ({ label: name, description: name === current ? 'shown' : undefined })),
        { title: 'MLflow Workspace', placeHolder: 'The workspace whose experiments the sidebar shows' },
      )
    )?.label;
  if (picked === undefined || !workspaces.includes(picked)) return;
  await context.workspaces.remember(storeUri, picked);
  state.store.useWorkspace(picked);
  provider.reloadAll();
}

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
    [CommandId.selectWorkspace]: (...args: unknown[]) =>
      selectWorkspace(context, typeof args[0] === 'string' ? args[0] : undefined),
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
