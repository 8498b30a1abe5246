import * as vscode from 'vscode';
import { userInfo } from 'node:os';
import { CommandId } from '../platform/commandIds';
import type { ShowDeletedState, SidebarContext } from './sidebarContext';
import type { Settings } from '../platform/settings';
import { CONNECTION_SETTINGS, SettingKey } from '../platform/settings';
import { MlflowAuthError } from '../tracking/errors';
import type { TreeContext } from './experimentsTreeProvider';
import type { RunQueries } from './runQueries';
import type { ShownMetricChoices } from './shownMetricChoices';
import { ContextKey } from '../platform/viewIds';
import type { WorkspaceHeads } from './workspaceHeads';
import { storeTitle } from '../store/storeTitle';
import { messageText } from '../platform/untrustedText';
import type { StoreWorkspaces } from '../store/storeWorkspaces';
import type { TrackingStore } from '../tracking/trackingStore';
import type { SidebarNode } from './sidebarNodes';
import { DEFAULT_WORKSPACE } from '../tracking/model';

const SHOW_DELETED_KEY = 'mlflow.showDeleted';

function setContext(key: string, value: unknown): void {
  void vscode.commands.executeCommand('setContext', key, value);
}

/** "Show Deleted", kept per workspace and mirrored in a context key for the view's menus. */
export function showDeletedState(memento: vscode.Memento): ShowDeletedState {
  let value = memento.get<unknown>(SHOW_DELETED_KEY) === true;
  setContext(ContextKey.showDeleted, value);
  return {
    get value() {
      return value;
    },
    async set(next: boolean) {
      value = next;
      setContext(ContextKey.showDeleted, next);
      await memento.update(SHOW_DELETED_KEY, next);
    },
  };
}

/** What the tree asks of the rest of the extension: settings, queries, HEAD, and where to report a 401. */
export function treeContext(parts: {
  settings: Settings;
  queries: RunQueries;
  shownMetrics: ShownMetricChoices;
  showDeleted: ShowDeletedState;
  heads: WorkspaceHeads;
  workspaces: StoreWorkspaces;
}): TreeContext {
  const { settings, queries, shownMetrics, showDeleted, heads, workspaces } = parts;
  const currentUser = osUser();
  let signInOffered: string | undefined;
  return {
    pageSize: () => settings.runsPageSize,
    showDeleted: () => showDeleted.value,
    queryFor: (storeUri, experimentId) => queries.get(storeUri, experimentId),
    chosenMetric: (storeUri, experimentId) => shownMetrics.get(storeUri, experimentId),
    workspaceFor: (storeUri) => workspaces.workspaceFor(storeUri),
    displayContext: (model) => ({
      now: Date.now(),
      currentUser,
      primaryMetric: settings.runsPrimaryMetric,
      headCommits: heads.current,
      repositoryRoots: heads.roots,
      canWrite: model.store.canWrite,
      hasWebUi: model.store.kind === 'rest' && /^https?:\/\//i.test(model.store.trackingUri),
    }),
    onRootError: (error) => {
      // Offered once per message, not on every redraw of the error row.
      if (!(error instanceof MlflowAuthError) || signInOffered === error.message) return;
      signInOffered = error.message;
      void vscode.window.showWarningMessage(messageText(error.message), 'Sign In…').then((choice) => {
        if (choice) void vscode.commands.executeCommand(CommandId.signIn);
      });
    },
  };
}

/**
 * A store with several MLflow workspaces offers the picker in the view's title, and the view
 * names the workspace shown; a store with one (or none) shows neither.
 */
async function showWorkspace(
  treeView: vscode.TreeView<SidebarNode>,
  store: TrackingStore | undefined,
  storeUri: string | undefined,
): Promise<void> {
  let workspaces: string[] = [];
  try {
    workspaces = (await store?.listWorkspaces?.()) ?? [];
  } catch {
    // The tree shows why the store cannot be read; no picker meanwhile.
  }
  setContext(ContextKey.hasWorkspaces, workspaces.length > 1);
  if (workspaces.length > 1 && store && storeUri) {
    treeView.message = `Store: ${storeTitle(store)} · workspace ${store.currentWorkspace ?? DEFAULT_WORKSPACE}`;
  }
}

/** The OS user, whose name run rows leave out; '' when the system cannot say. */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

/**
 * How the sidebar follows the rest of the window: settings, the store it shows (view title and
 * menus), HEAD moving, workspace folders coming and going.
 */
export function sidebarReactions(context: SidebarContext): vscode.Disposable[] {
  const { provider, treeView, connection, settings, heads } = context;
  setContext(ContextKey.storeState, undefined);
  return [
    settings.onDidChange((keys) => {
      // A changed setting wins over a store picked earlier, as the setting's description says.
      if (keys.includes(SettingKey.trackingUri) && connection.selectedUri !== undefined)
        void connection.clearSelection();
      else if (keys.some((key) => CONNECTION_SETTINGS.includes(key))) connection.reset();
      if (keys.includes(SettingKey.runsPageSize)) provider.reloadAll();
      if (keys.includes(SettingKey.runsPrimaryMetric)) provider.redraw();
    }),
    provider.onDidChangeModel(() => {
      const state = provider.storeState;
      setContext(ContextKey.storeState, state?.kind);
      const store = state?.kind === 'ready' ? state.store : undefined;
      setContext(ContextKey.storeWritable, store?.canWrite ?? false);
      setContext(
        ContextKey.storeIsServer,
        store?.kind === 'rest' || (state?.kind === 'failed' && /^https?:/i.test(state.uri)),
      );
      treeView.description =
        state?.kind === 'ready' ? state.store.description : state?.kind === 'failed' ? state.uri : undefined;
      treeView.message = store ? `Store: ${storeTitle(store)}` : undefined;
      if (store) heads.start();
      void showWorkspace(treeView, store, provider.storeUri);
    }),
    heads.onDidChange(() => provider.redraw()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      // A new folder may hold a store; a removed one may have been the store in use.
      if (connection.selectedUri === undefined) connection.reset();
    }),
  ];
}
