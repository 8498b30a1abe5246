import * as vscode from 'vscode';
import { parseRunsTablePanelState } from '../../webview/protocol';
import type { RunsTableState } from '../../webview/protocol';
import { OpenPanels } from '../panels/openPanels';
import { PanelViewType } from '../panels/panelHost';
import type { ScopedLogger } from '../platform/logger';
import type { Settings } from '../platform/settings';
import { SettingKey } from '../platform/settings';
import type { RunCache } from '../runs/runCache';
import type { RunQueries } from '../sidebar/runQuery';
import type { StoreConnection } from '../store/storeConnection';
import type { TrackingStore } from '../tracking/trackingStore';
import { RunsTablePanel } from './runsTablePanel';
import { RunsTableStates } from './runsTableStates';

/**
 * Every open runs table: opened by the command, restored after a window reload (the serializer
 * gets the experiment ids and view state the webview saved), told when the theme or the store
 * changes, and refreshed live on the sidebar's auto-refresh cadence (`mlflow.runs.autoRefreshSeconds`)
 * while visible. Opening the table of experiments already shown reveals that table.
 */
export class RunsTables implements vscode.Disposable {
  private readonly tables: OpenPanels<RunsTablePanel>;
  private readonly settingsChange: vscode.Disposable;
  private readonly states: RunsTableStates;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly connection: StoreConnection,
    private readonly runCache: RunCache,
    workspaceState: vscode.Memento,
    private readonly settings: Settings,
    private readonly workspaceFolders: () => string[],
    private readonly logger: ScopedLogger,
    private readonly comparedRuns: () => readonly (readonly string[])[],
    private readonly sidebarQueries: RunQueries,
  ) {
    this.states = new RunsTableStates(workspaceState);
    this.tables = new OpenPanels(PanelViewType.runsTable, connection, (panel, state) => this.restore(panel, state));
    this.settingsChange = settings.onDidChange(
      (keys) => keys.includes(SettingKey.runsAutoRefreshSeconds) && this.schedule(),
    );
  }

  /** The open tables, oldest first (for the tests). */
  get panels(): readonly RunsTablePanel[] {
    return this.tables.all;
  }

  /** Opens the table of these experiments, or shows the one already open. */
  open(experimentIds: readonly string[]): RunsTablePanel {
    const ids = [...new Set(experimentIds)];
    const open = this.tables.all.find((table) => sameIds(table.experimentIds, ids));
    if (open) {
      open.panel.reveal();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(PanelViewType.runsTable, 'Runs', vscode.ViewColumn.Active, {
      enableFindWidget: true,
      retainContextWhenHidden: true,
    });
    return this.track(panel, ids, undefined);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.tables.dispose();
    this.settingsChange.dispose();
  }

  private restore(panel: vscode.WebviewPanel, state: unknown): void {
    const parsed = parseRunsTablePanelState(state);
    if (!parsed) {
      // Nothing to show again: a table of no experiment would only be an empty tab.
      this.logger.warn('a runs table could not be restored: it saved no experiment ids');
      panel.dispose();
      return;
    }
    this.track(panel, parsed.experimentIds, parsed.state);
  }

  private track(panel: vscode.WebviewPanel, experimentIds: string[], state: RunsTableState | undefined) {
    const table = new RunsTablePanel(
      panel,
      experimentIds,
      state,
      () => this.store(),
      this.runCache,
      this.states,
      this.workspaceFolders,
      this.logger,
      this.extensionUri,
      this.comparedRuns,
      () => this.sidebarFilter(experimentIds),
    );
    this.tables.add(table, () => this.schedule());
    this.schedule();
    return table;
  }

  private async store(): Promise<TrackingStore | undefined> {
    const state = await this.connection.current();
    return state.kind === 'ready' ? state.store : undefined;
  }

  /**
   * The filter the sidebar lists these experiments' runs with (Filter Runs), for a table that has
   * no view of its own yet: the way back from the sidebar. Over several experiments only a filter
   * they all share, since one table runs one query.
   */
  private async sidebarFilter(experimentIds: readonly string[]): Promise<string | undefined> {
    const state = await this.connection.current();
    if (state.kind !== 'ready') return undefined;
    const filters = new Set(experimentIds.map((id) => this.sidebarQueries.get(state.uri, id).filter ?? ''));
    const [filter] = filters;
    return filters.size === 1 && filter ? filter : undefined;
  }

  /** The next live refresh, when a table is open and the setting is not 0. */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const seconds = this.settings.runsAutoRefreshSeconds;
    if (seconds === 0 || this.tables.all.length === 0) return;
    this.timer = setTimeout(() => void this.tick(), seconds * 1000);
  }

  /** Refreshes the visible tables one after the other, so a slow server never has two refreshes in flight. */
  private async tick(): Promise<void> {
    for (const table of [...this.tables.all]) if (table.panel.visible) await table.refreshIfChanged();
    this.schedule();
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}
