import type * as vscode from 'vscode';
import type { CommandIdValue } from '../platform/commandIds';
import type { RecentList } from '../platform/recentList';
import type { Settings } from '../platform/settings';
import type { CredentialStore } from '../store/credentialStore';
import type { StoreConnection } from '../store/storeConnection';
import type { ScopedLogger } from '../platform/logger';
import type { ExperimentsTreeProvider } from './experimentsTreeProvider';
import type { HeadRunsStatusBar } from './headRunsStatusBar';
import type { LoadingTracker } from './loadingTracker';
import type { RunQueries } from './runQueries';
import type { ShownMetricChoices } from './shownMetricChoices';
import type { SidebarNode } from './sidebarNodes';
import type { WorkspaceHeads } from './workspaceHeads';
import type { StoreWorkspaces } from '../store/storeWorkspaces';

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
