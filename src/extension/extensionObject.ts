import * as vscode from 'vscode';
import { CommandId } from './platform/commandIds';
import { CommandRegistry } from './platform/registerCommand';
import { RunCache } from './runs/runCache';
import { RunCommands } from './runs/runCommands';
import { loggedGitOptions } from './code/gitLog';
import type { GitDialogs } from './code/gitDialogs';
import { vscodeGitContext } from './code/vscodeGitContext';
import { GitDialogsInUse } from './code/vscodeGitDialogs';
import { vscodeGitWorkbench } from './code/vscodeGitWorkbench';
import { gitCommands } from './code/gitCommands';
import { panelCommands } from './panels/panelCommands';
import { RecentList } from './platform/recentList';
import { Settings } from './platform/settings';
import { CredentialStore } from './store/credentials';
import { StoreConnection, workspaceStoreOpener } from './store/storeConnection';
import { StoreFeature } from './store/storeFeature';
import { GitDocumentReader } from './code/gitDocumentReader';
import { registerGitDocuments } from './code/gitDocumentProvider';
import { Logger } from './platform/logger';
import { openStore } from './tracking/openStore';
import type { TrackingStore } from './tracking/trackingStore';
import { ArtifactFileSystem } from './runPanel/artifactFileSystem';
import { Panels } from './panels/panels';
import { Sidebar } from './sidebar/sidebar';
import type { SidebarNode } from './sidebar/treeNodes';

/**
 * What `activate` returns (`vscode.extensions.getExtension(...).exports`): the tracking client, as
 * README.md promises it, and the sidebar's tree, for the integration tests to read what it shows.
 */
export interface ExtensionApi {
  /** The store the MLflow view shows, opened on first use; undefined when none is set up or it cannot be opened. */
  currentStore(): Promise<TrackingStore | undefined>;
  /** Opens any tracking URI as a store of its own (README's TypeScript example); the caller disposes it. */
  readonly openStore: typeof openStore;
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
 * and runs no git: the store is resolved when the MLflow view first asks for its rows. Each
 * feature gets its services by constructor and registers its own commands.
 */
export class Extension implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly api: ExtensionApi;

  constructor(context: vscode.ExtensionContext) {
    const logger = this.track(new Logger());
    const commands = new CommandRegistry(logger.scoped('commands'), () => logger.show());
    this.disposables.push(...commands.registerAll({ [CommandId.showLog]: () => logger.show() }));
    const settings = this.track(new Settings());
    const credentials = new CredentialStore(context.secrets);
    const opener = workspaceStoreOpener(settings, credentials, logger.scoped('rest'));
    const connection = this.track(new StoreConnection(opener, context.workspaceState));
    const cache = this.track(new RunCache(connection));
    const recentServers = new RecentList(context.globalState, 'mlflow.recentServers', 8);
    this.track(new StoreFeature(connection, settings, credentials, recentServers, commands));
    const sidebar = this.track(new Sidebar(connection, settings, cache, context.workspaceState, logger, commands));
    const selectedRuns = () => sidebar.selectedRuns();
    this.track(new RunCommands(connection, cache, selectedRuns, commands));

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
    this.disposables.push(
      ...commands.registerAll({
        ...gitCommands(selectedRuns, git),
        ...panelCommands(selectedRuns, connection, panels),
      }),
    );
    this.api = {
      currentStore: storeInUse,
      openStore,
      experimentsView: { treeDataProvider: sidebar.provider, treeView: sidebar.treeView },
    };
    if (context.extensionMode === vscode.ExtensionMode.Test) this.api = { ...this.api, gitDialogs, panels };
    logger.scoped('extension').info('activated');
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
  }

  private track<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }
}
