import * as vscode from 'vscode';
import { CommandId } from './commands/commandIds';
import type { CommandIdValue } from './commands/commandIds';
import { registerCommand } from './commands/registerCommand';
import { runCommands } from './commands/runCommands';
import { runQueryCommands } from './commands/runQueryCommands';
import type { CommandHandlers, SidebarContext } from './commands/sidebarContext';
import { sidebarCommands } from './commands/sidebarCommands';
import { storeCommands } from './commands/storeCommands';
import { loggedGitOptions } from './commands/git/gitLog';
import type { GitDialogs } from './commands/git/gitDialogs';
import { vscodeGitContext } from './commands/git/vscodeGitContext';
import { GitDialogsInUse } from './commands/git/vscodeGitDialogs';
import { vscodeGitWorkbench } from './commands/git/vscodeGitWorkbench';
import { gitCommands } from './commands/gitCommands';
import { panelCommands } from './commands/panelCommands';
import { RecentList } from './config/recentList';
import { Settings } from './config/settings';
import { CredentialStore } from './connection/credentialStore';
import { StoreConnection } from './connection/storeConnection';
import { workspaceStoreOpener } from './connection/storeOpener';
import { GitDocumentReader } from './gitDocuments/gitDocumentReader';
import { registerGitDocuments } from './gitDocuments/gitDocumentProvider';
import { Logger } from './logging/logger';
import { ArtifactFileSystem } from './panels/artifactFileSystem';
import { Panels } from './panels/panels';
import { AutoRefresh } from './views/autoRefresh';
import { ExperimentsTreeProvider } from './views/experimentsTreeProvider';
import { HeadRunsStatusBar } from './views/headRunsStatusBar';
import { LoadingTracker } from './views/loadingTracker';
import { RunQueries } from './views/runQueries';
import { ShownMetricChoices } from './views/shownMetricChoices';
import type { SidebarNode } from './views/sidebarNodes';
import { EXPERIMENTS_VIEW_ID } from './views/viewIds';
import { WorkspaceHeads } from './views/workspaceHeads';
import { showDeletedState, sidebarReactions, treeContext } from './views/sidebarWiring';
import { StoreWorkspaces } from './views/storeWorkspaces';

/** What `activate` returns: the sidebar's tree, for the integration tests to read what it shows. */
export interface ExtensionApi {
  readonly experimentsView: {
    readonly treeDataProvider: vscode.TreeDataProvider<SidebarNode>;
    readonly treeView: vscode.TreeView<SidebarNode>;
  };
  /** Only when the extension runs under test: answers the git commands' dialogs from a script. */
  readonly gitDialogs?: { use(dialogs: GitDialogs): vscode.Disposable };
  /** Only when the extension runs under test: the open compare and run panels. */
  readonly panels?: Panels;
}

/**
 * The one disposable object that owns what the extension registers. Building it touches no store
 * and runs no git: the store is resolved when the MLflow view first asks for its rows.
 */
export class Extension implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly api: ExtensionApi;

  constructor(context: vscode.ExtensionContext) {
    const logger = this.track(new Logger());
    const settings = this.track(new Settings());
    const credentials = new CredentialStore(context.secrets);
    const opener = workspaceStoreOpener(settings, credentials, logger.scoped('rest'));
    const connection = this.track(new StoreConnection(opener, context.workspaceState));
    const queries = new RunQueries(context.workspaceState);
    const shownMetrics = new ShownMetricChoices(context.workspaceState);
    const showDeleted = showDeletedState(context.workspaceState);
    const workspaces = new StoreWorkspaces(context.workspaceState);
    const loading = this.track(new LoadingTracker(EXPERIMENTS_VIEW_ID));
    const heads = this.track(new WorkspaceHeads(logger.scoped('git')));
    const sidebarLog = logger.scoped('sidebar');
    const provider = this.track(
      new ExperimentsTreeProvider(connection, treeContext({ settings, queries, shownMetrics, showDeleted, heads, workspaces }), loading, sidebarLog),
    );
    const treeView = this.track(
      vscode.window.createTreeView(EXPERIMENTS_VIEW_ID, { treeDataProvider: provider, canSelectMany: true, showCollapseAll: true }),
    );
    const headStatus = this.track(new HeadRunsStatusBar(provider, heads, sidebarLog));
    this.track(new AutoRefresh(treeView, provider, settings));

    const sidebar: SidebarContext = {
      provider,
      treeView,
      connection,
      settings,
      queries,
      shownMetrics,
      filterHistory: new RecentList(context.workspaceState, 'mlflow.filterHistory', 10),
      recentServers: new RecentList(context.globalState, 'mlflow.recentServers', 8),
      credentials,
      showDeleted,
      workspaces,
      loading,
      heads,
      headStatus,
      logger: sidebarLog,
    };
    this.disposables.push(...sidebarReactions(sidebar));
    const gitLog = logger.scoped('git');
    this.track(registerGitDocuments(new GitDocumentReader(() => vscodeGitWorkbench.workspaceFolders(), loggedGitOptions(gitLog)), gitLog));
    const gitDialogs = new GitDialogsInUse();
    const git = vscodeGitContext(context.workspaceState, gitDialogs, gitLog);
    const storeInUse = async () => {
      const state = await connection.current();
      return state.kind === 'ready' ? state.store : undefined;
    };
    this.track(new ArtifactFileSystem(storeInUse));
    const panelServices = { extensionUri: context.extensionUri, store: storeInUse, workspaceFolders: () => vscodeGitWorkbench.workspaceFolders(), logger: logger.scoped('panels') };
    const panels = this.track(new Panels(panelServices, connection.onDidChange));
    this.registerCommands(logger, {
      [CommandId.showLog]: () => logger.show(),
      ...storeCommands(sidebar),
      ...sidebarCommands(sidebar),
      ...runQueryCommands(sidebar),
      ...runCommands(sidebar),
      ...gitCommands(sidebar, git),
      ...panelCommands(sidebar, panels),
    });
    this.api = { experimentsView: { treeDataProvider: provider, treeView } };
    if (context.extensionMode === vscode.ExtensionMode.Test) this.api = { ...this.api, gitDialogs, panels };
    logger.scoped('extension').info('activated');
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
  }

  private registerCommands(logger: Logger, handlers: CommandHandlers): void {
    const commandLog = logger.scoped('commands');
    for (const [id, handler] of Object.entries(handlers) as [CommandIdValue, CommandHandlers[CommandIdValue]][]) {
      if (handler) this.track(registerCommand(id, handler, commandLog, () => logger.show()));
    }
  }

  private track<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }
}
