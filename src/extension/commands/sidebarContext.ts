import type * as vscode from 'vscode';
import type { CommandIdValue } from './commandIds';
import type { RecentList } from '../config/recentList';
import type { Settings } from '../config/settings';
import type { CredentialStore } from '../connection/credentialStore';
import type { StoreConnection } from '../connection/storeConnection';
import type { ScopedLogger } from '../logging/logger';
import type { ExperimentsTreeProvider } from '../views/experimentsTreeProvider';
import type { HeadRunsStatusBar } from '../views/headRunsStatusBar';
import type { LoadingTracker } from '../views/loadingTracker';
import type { RunQueries } from '../views/runQueries';
import type { ShownMetricChoices } from '../views/shownMetricChoices';
import type { SidebarNode } from '../views/sidebarNodes';
import type { WorkspaceHeads } from '../views/workspaceHeads';
import type { StoreWorkspaces } from '../views/storeWorkspaces';

/** Whether deleted experiments and runs are listed; kept per workspace. */
export interface ShowDeletedState {
  readonly value: boolean;
  set(value: boolean): Promise<void>;
}

/** Everything the sidebar's commands act on, built once by the extension's wiring. */
export interface SidebarContext {
  provider: ExperimentsTreeProvider;
  treeView: vscode.TreeView<SidebarNode>;
  connection: StoreConnection;
  settings: Settings;
  queries: RunQueries;
  /** The metric each experiment's run rows show, when picked with Show Metric…. */
  shownMetrics: ShownMetricChoices;
  filterHistory: RecentList;
  recentServers: RecentList;
  credentials: CredentialStore;
  showDeleted: ShowDeletedState;
  /** The MLflow workspace shown per store (3.10+). */
  workspaces: StoreWorkspaces;
  loading: LoadingTracker;
  heads: WorkspaceHeads;
  headStatus: HeadRunsStatusBar;
  logger: ScopedLogger;
}

/** A command's handlers by id; the extension registers them all through `registerCommand`. */
export type CommandHandlers = Partial<Record<CommandIdValue, (...args: unknown[]) => unknown>>;
