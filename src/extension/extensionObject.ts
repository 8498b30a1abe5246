import * as vscode from 'vscode';
import { CommandId } from './platform/commandIds';
import type { CommandIdValue } from './platform/commandIds';
import { registerCommand } from './platform/registerCommand';
import { runCommands } from './runs/runCommands';
import { runQueryCommands } from './sidebar/runQueryCommands';
import type { CommandHandlers, SidebarContext } from './sidebar/sidebarContext';
import { sidebarCommands } from './sidebar/sidebarCommands';
import { storeCommands } from './store/storeCommands';
import { loggedGitOptions } from './code/gitLog';
import type { GitDialogs } from './code/gitDialogs';
import { vscodeGitContext } from './code/vscodeGitContext';
import { GitDialogsInUse } from './code/vscodeGitDialogs';
import { vscodeGitWorkbench } from './code/vscodeGitWorkbench';
import { gitCommands } from './code/gitCommands';
import { panelCommands } from './panels/panelCommands';
import { RecentList } from './platform/recentList';
import { Settings } from './platform/settings';
import { CredentialStore } from './store/credentialStore';
import { StoreConnection } from './store/storeConnection';
import { workspaceStoreOpener } from './store/storeOpener';
import { GitDocumentReader } from './code/gitDocumentReader';
import { registerGitDocuments } from './code/gitDocumentProvider';
import { Logger } from './platform/logger';
import { ArtifactFileSystem } from './runPanel/artifactFileSystem';
import { Panels } from './panels/panels';
import { AutoRefresh } from './sidebar/autoRefresh';
import { ExperimentsTreeProvider } from './sidebar/experimentsTreeProvider';
import { HeadRunsStatusBar } from './sidebar/headRunsStatusBar';
import { LoadingTracker } from './sidebar/loadingTracker';
import { RunQueries } from './sidebar/runQueries';
import { ShownMetricChoices } from './sidebar/shownMetricChoices';
import type { SidebarNode } from './sidebar/sidebarNodes';
import { EXPERIMENTS_VIEW_ID } from './platform/viewIds';
import { WorkspaceHeads } from './sidebar/workspaceHeads';
import { showDeletedState, sidebarReactions, treeContext } from './sidebar/sidebarWiring';
import { StoreWorkspaces } from './store/storeWorkspaces';
import { RunCache } from './runs/runCache';
import { runsTableCommands } from './runsTable/runsTableCommands';
import { RunsTables } from './runsTable/runsTables';

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
  /** Only when the extension runs under test: the open runs tables. */
  readonly runsTables?: RunsTables;
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
      new ExperimentsTreeProvider(
        connection,
        treeContext({ settings, queries, shownMetrics, showDeleted, heads, workspaces }),
        loading,
        sidebarLog,
      ),
    );
    const treeView = this.track(
      vscode.window.createTreeView(EXPERIMENTS_VIEW_ID, {
        treeDataProvider: provider,
        canSelectMany: true,
        showCollapseAll: true,
      }),
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
    this.track(
      registerGitDocuments(
        new GitDocumentReader(() => vscodeGitWorkbench.workspaceFolders(), loggedGitOptions(gitLog)),
        gitLog,
      ),
    );
    const gitDialogs = new GitDialogsInUse();
    const git = vscodeGitContext(context.workspaceState, gitDialogs, gitLog);
    const storeInUse = async () => {
      const state = await connection.current();
      return state.kind === 'ready' ? state.store : undefined;
    };
    this.track(new ArtifactFileSystem(storeInUse));
    const panelServices = {
      extensionUri: context.extensionUri,
      store: storeInUse,
      workspaceFolders: () => vscodeGitWorkbench.workspaceFolders(),
      logger: logger.scoped('panels'),
    };
    const panels = this.track(new Panels(panelServices, connection.onDidChange));
    const runCache = this.track(new RunCache(connection));
    const runsTables = this.track(
      new RunsTables(
        context.extensionUri,
        connection,
        runCache,
        context.workspaceState,
        settings,
        () => vscodeGitWorkbench.workspaceFolders(),
        logger.scoped('runsTable'),
      ),
    );
    this.registerCommands(logger, {
      [CommandId.showLog]: () => logger.show(),
      ...storeCommands(sidebar),
      ...sidebarCommands(sidebar),
      ...runQueryCommands(sidebar),
      ...runCommands(sidebar),
      ...gitCommands(sidebar, git),
      ...panelCommands(sidebar, panels),
      ...runsTableCommands(runsTables, connection),
    });
    this.api = { experimentsView: { treeDataProvider: provider, treeView } };
    if (context.extensionMode === vscode.ExtensionMode.Test) this.api = { ...this.api, gitDialogs, panels, runsTables };
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
