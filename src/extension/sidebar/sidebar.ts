import * as vscode from 'vscode';
import { CommandId, ContextKey, EXPERIMENTS_VIEW_ID } from '../platform/commandIds';
import type { Logger } from '../platform/logger';
import { RecentList } from '../platform/recentList';
import type { CommandRegistry } from '../platform/registerCommand';
import type { Settings } from '../platform/settings';
import { CONNECTION_SETTINGS, SettingKey } from '../platform/settings';
import type { RunCache } from '../runs/runCache';
import { isRunTarget } from '../runs/runTarget';
import { storeTitle } from '../store/storeChoices';
import type { StoreConnection } from '../store/storeConnection';
import { DEFAULT_WORKSPACE } from '../tracking/model';
import type { Run } from '../tracking/model';
import type { TrackingStore } from '../tracking/trackingStore';
import { HeadRunsStatusBar, WorkspaceHeads } from './heads';
import { storeMessage } from './presentation';
import { showBidiControls } from '../../webview/shared/bidiControls';
import { AutoRefresh, LoadingTracker } from './loading';
import { RunQueryCommands } from './queryCommands';
import { ExperimentsTreeProvider, targetExperimentId } from './tree';
import type { SidebarNode } from './treeNodes';

function setContext(key: string, value: unknown): void {
  void vscode.commands.executeCommand('setContext', key, value);
}

/**
 * The MLflow view: the experiments tree with its HEAD marks, status bar item, auto-refresh and
 * loading, the view's own commands (refresh, deleted shown or hidden, cancel, workspace, load
 * more, retry) and the run-list commands (filter, sort, shown metric). It follows the rest of the
 * window: settings, the store in use (view title and menus), HEAD moving, folders coming and going.
 */
export class Sidebar implements vscode.Disposable {
  readonly provider: ExperimentsTreeProvider;
  readonly treeView: vscode.TreeView<SidebarNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly connection: StoreConnection,
    settings: Settings,
    cache: RunCache,
    workspaceState: vscode.Memento,
    logger: Logger,
    commands: CommandRegistry,
  ) {
    const log = logger.scoped('sidebar');
    const loading = this.track(new LoadingTracker(EXPERIMENTS_VIEW_ID));
    const heads = this.track(new WorkspaceHeads(logger.scoped('git')));
    const provider = this.track(
      new ExperimentsTreeProvider(connection, settings, heads, cache, loading, workspaceState, log),
    );
    this.provider = provider;
    const treeView = this.track(
      vscode.window.createTreeView(EXPERIMENTS_VIEW_ID, {
        treeDataProvider: provider,
        canSelectMany: true,
        showCollapseAll: true,
      }),
    );
    this.treeView = treeView;
    const headStatus = this.track(new HeadRunsStatusBar(provider, heads, log));
    this.track(new AutoRefresh(treeView, provider, settings));
    const filterHistory = new RecentList(workspaceState, 'mlflow.filterHistory', 10);
    this.track(new RunQueryCommands(provider, treeView, settings, headStatus, filterHistory, commands));

    const setShowDeleted = async (value: boolean): Promise<void> => {
      await provider.showDeleted.set(value);
      provider.reloadAll();
    };
    this.disposables.push(
      ...commands.registerAll({
        [CommandId.refresh]: () => provider.refresh(),
        [CommandId.showDeleted]: () => setShowDeleted(true),
        [CommandId.hideDeleted]: () => setShowDeleted(false),
        [CommandId.cancelLoading]: () => loading.cancelAll(),
        [CommandId.selectWorkspace]: (...args: unknown[]) =>
          this.selectWorkspace(typeof args[0] === 'string' ? args[0] : undefined),
        [CommandId.loadMoreRuns]: async (...args: unknown[]) => {
          const experimentId = targetExperimentId(args, treeView);
          if (experimentId !== undefined) await provider.loadMore(experimentId);
        },
        [CommandId.retryRuns]: (...args: unknown[]) => {
          const experimentId = targetExperimentId(args, treeView);
          if (experimentId !== undefined) provider.retryRuns(experimentId);
        },
      }),
    );

    setContext(ContextKey.storeState, undefined);
    this.disposables.push(
      settings.onDidChange((keys) => {
        // A changed setting wins over a store picked earlier, as the setting's description says.
        if (keys.includes(SettingKey.trackingUri) && connection.selectedUri !== undefined)
          void connection.clearSelection();
        else if (keys.some((key) => CONNECTION_SETTINGS.includes(key))) connection.reset();
        if (keys.includes(SettingKey.runsPageSize)) provider.reloadAll();
        if (keys.includes(SettingKey.runsPrimaryMetric)) provider.redraw();
      }),
      provider.onDidChangeModel(() => this.showStore(heads)),
      heads.onDidChange(() => provider.redraw()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        // A new folder may hold a store; a removed one may have been the store in use.
        if (connection.selectedUri === undefined) connection.reset();
      }),
    );
  }

  /** The runs selected in the tree: what a command on runs acts on when invoked from the palette. */
  selectedRuns(): Run[] {
    return this.treeView.selection.flatMap((node: unknown) => (isRunTarget(node) ? [node.run] : []));
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
  }

  private track<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  /** The store in use in the view's title and the menus' context keys. */
  private showStore(heads: WorkspaceHeads): void {
    const state = this.provider.storeState;
    setContext(ContextKey.storeState, state?.kind);
    const store = state?.kind === 'ready' ? state.store : undefined;
    setContext(ContextKey.storeWritable, store?.writable ?? false);
    setContext(
      ContextKey.storeIsServer,
      (store !== undefined && store.location.kind !== 'file') ||
        (state?.kind === 'failed' && /^https?:/i.test(state.uri)),
    );
    const described =
      state?.kind === 'ready' ? state.store.description : state?.kind === 'failed' ? state.uri : undefined;
    this.treeView.description = described === undefined ? undefined : showBidiControls(described);
    this.treeView.message = store ? storeMessage(storeTitle(store)) : undefined;
    if (store) heads.start();
    void this.showWorkspace(store);
  }

  /**
   * A store with several MLflow workspaces offers the picker in the view's title, and the view
   * names the workspace shown; a store with one (or none) shows neither.
   */
  private async showWorkspace(store: TrackingStore | undefined): Promise<void> {
    let workspaces: string[] = [];
    try {
      workspaces = (await store?.listWorkspaces?.()) ?? [];
    } catch {
      // The tree shows why the store cannot be read; no picker meanwhile.
    }
    setContext(ContextKey.hasWorkspaces, workspaces.length > 1);
    if (workspaces.length > 1 && store && this.provider.storeUri) {
      this.treeView.message = storeMessage(storeTitle(store), store.currentWorkspace ?? DEFAULT_WORKSPACE);
    }
  }

  /**
   * Shows another MLflow workspace of the store (picked from a list, or given by name), remembered
   * for the store; the tree is read again for it.
   */
  private async selectWorkspace(given: string | undefined): Promise<void> {
    const state = this.provider.storeState;
    if (state?.kind !== 'ready' || this.provider.storeUri === undefined || !state.store.listWorkspaces) return;
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
    await this.connection.useWorkspace(picked);
  }
}
