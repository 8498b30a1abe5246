import * as vscode from 'vscode';
import { parsePanelState } from '../../webview/protocol';
import { CommandId } from '../platform/commandIds';
import type { CommandIdValue } from '../platform/commandIds';
import type { ScopedLogger } from '../platform/logger';
import { PanelViewType } from '../panels/panelHost';
import { OpenPanels } from '../panels/openPanels';
import { commandRunIds, pickRunsInStore } from '../panels/panelRunPicker';
import type { RunCache } from '../runs/runCache';
import type { StoreConnection } from '../store/storeConnection';
import type { Run } from '../tracking/model';
import { ComparePanel } from './comparePanel';

/** The context key menus use to offer "Add to Compare" only while a compare panel is open. */
const COMPARE_OPEN_CONTEXT = 'mlflow.compareOpen';

/**
 * The compare feature: every open compare panel (opened by its commands, restored after a window
 * reload from the run ids its webview saved, told when the theme or the store changes) and its
 * commands, "Compare Runs" (the runs a command was invoked on, else picked from the palette) and
 * "Add to Compare" (to the compare panel used last). The panels load their runs through `runs`;
 * from the palette, a command takes the view's `selected` runs.
 */
export class ComparePanels implements vscode.Disposable {
  private readonly panels: OpenPanels<ComparePanel>;
  private lastUsed: ComparePanel | undefined;
  readonly commands: Partial<Record<CommandIdValue, (...args: unknown[]) => unknown>>;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly logger: ScopedLogger,
    private readonly connection: StoreConnection,
    private readonly runs: RunCache,
    private readonly selected: () => readonly Run[],
  ) {
    this.panels = new OpenPanels(PanelViewType.compare, connection, (panel, state) => this.restore(panel, state));
    this.commands = {
      [CommandId.compareRuns]: (...args: unknown[]) => this.compareRuns(args),
      [CommandId.addToCompare]: (...args: unknown[]) => this.addToCompare(args),
    };
  }

  /** The open compare panels, oldest first (for the tests). */
  get comparePanels(): readonly ComparePanel[] {
    return this.panels.all;
  }

  /** Opens a compare panel on these runs (loaded through the run cache). */
  open(runIds: readonly string[]): ComparePanel {
    const panel = vscode.window.createWebviewPanel(PanelViewType.compare, 'Compare Runs', vscode.ViewColumn.Active, {
      enableFindWidget: true,
      retainContextWhenHidden: true,
    });
    return this.track(panel, runIds);
  }

  dispose(): void {
    this.panels.dispose();
  }

  private async compareRuns(args: readonly unknown[]): Promise<void> {
    let runIds = commandRunIds(args, this.runs, this.selected);
    if (runIds.length < 2) {
      const picked = await this.pick('Compare Runs', runIds);
      if (!picked) return;
      runIds = picked;
    }
    if (runIds.length === 0) return;
    this.open(runIds);
  }

  private async addToCompare(args: readonly unknown[]): Promise<void> {
    let runIds = commandRunIds(args, this.runs, this.selected);
    if (runIds.length === 0) {
      const picked = await this.pick('Add to Compare', []);
      if (!picked || picked.length === 0) return;
      runIds = picked;
    }
    const target = this.lastUsed;
    if (!target) {
      this.open(runIds);
      return;
    }
    await target.addRuns(runIds);
    target.panel.reveal(undefined, true);
  }

  /** Runs picked from the palette (those already chosen start picked), remembered; undefined when cancelled. */
  private async pick(title: string, chosen: readonly string[]): Promise<string[] | undefined> {
    const preselected = chosen.flatMap((runId) => this.runs.get(runId) ?? []);
    const picked = await pickRunsInStore(this.connection, { title, canPickMany: true, preselected });
    if (!picked) return undefined;
    this.runs.remember(picked);
    return picked.map((run) => run.info.runId);
  }

  private restore(panel: vscode.WebviewPanel, state: unknown): void {
    const runIds = parsePanelState(state)?.runIds ?? [];
    if (runIds.length === 0) {
      // Nothing to show again: a panel without runs would only be an empty tab.
      this.logger.warn('a compare panel could not be restored: it saved no run ids');
      panel.dispose();
      return;
    }
    this.track(panel, runIds);
  }

  private track(webviewPanel: vscode.WebviewPanel, runIds: readonly string[]): ComparePanel {
    const panel = new ComparePanel(webviewPanel, runIds, this.extensionUri, this.logger, this.connection, this.runs);
    this.panels.add(panel, () => {
      if (this.lastUsed === panel) this.lastUsed = this.panels.all.at(-1);
      this.updateContext();
    });
    this.lastUsed = panel;
    this.updateContext();
    webviewPanel.onDidChangeViewState(({ webviewPanel: changed }) => {
      if (changed.active) this.lastUsed = panel;
    });
    return panel;
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', COMPARE_OPEN_CONTEXT, this.panels.all.length > 0);
  }
}
