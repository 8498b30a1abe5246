import * as vscode from 'vscode';
import { CodeFeature } from './code/codeFeature';
import type { GitDialogs } from './code/gitDialogs';
import type { ComparePanel } from './compare/comparePanel';
import { ComparePanels } from './compare/comparePanels';
import { CommandId } from './platform/commandIds';
import { Logger } from './platform/logger';
import { RecentList } from './platform/recentList';
import { CommandRegistry } from './platform/registerCommand';
import { Settings } from './platform/settings';
import type { RunPanel } from './runPanel/runPanel';
import { RunPanels } from './runPanel/runPanels';
import { RunCache } from './runs/runCache';
import { RunCommands } from './runs/runCommands';
import { runsTableCommands } from './runsTable/runsTableCommands';
import { RunsTables } from './runsTable/runsTables';
import { workspaceFolderPaths } from './code/gitEditors';
import { Sidebar } from './sidebar/sidebar';
import type { SidebarNode } from './sidebar/treeNodes';
import { CredentialStore } from './store/credentials';
import { StoreConnection, workspaceStoreOpener } from './store/storeConnection';
import { StoreFeature } from './store/storeFeature';
import { openStore } from './tracking/openStore';
import type { TrackingStore } from './tracking/trackingStore';

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
  readonly panels?: { readonly comparePanels: readonly ComparePanel[]; readonly runPanels: readonly RunPanel[] };
  /** Only when the extension runs under test: the open runs tables. */
  readonly runsTables?: RunsTables;
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
    const code = this.track(new CodeFeature(context.workspaceState, logger.scoped('git'), selectedRuns));
    const panelLog = logger.scoped('panels');
    const compare = this.track(new ComparePanels(context.extensionUri, panelLog, connection, cache, selectedRuns));
    const runPanels = this.track(new RunPanels(context.extensionUri, panelLog, connection, cache, selectedRuns));
    const runsTables = this.track(
      new RunsTables(
        context.extensionUri,
        connection,
        cache,
        context.workspaceState,
        settings,
        workspaceFolderPaths,
        logger.scoped('runsTable'),
        () => compare.comparePanels.map((panel) => panel.runIdList),
        sidebar.provider.queries,
      ),
    );
    this.disposables.push(
      ...commands.registerAll({
        ...code.commands,
        ...compare.commands,
        ...runPanels.commands,
        ...runsTableCommands(runsTables, connection),
      }),
    );

    const currentStore = async (): Promise<TrackingStore | undefined> => {
      const state = await connection.current();
      return state.kind === 'ready' ? state.store : undefined;
    };
    this.api = {
      currentStore,
      openStore,
      experimentsView: { treeDataProvider: sidebar.provider, treeView: sidebar.treeView },
    };
    if (context.extensionMode === vscode.ExtensionMode.Test) {
      const panels = { comparePanels: compare.comparePanels, runPanels: runPanels.runPanels };
      this.api = { ...this.api, gitDialogs: code.dialogs, panels, runsTables };
    }
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
