import * as vscode from 'vscode';
import { parsePanelState } from '../../webview/protocol';
import type { Run } from '../tracking/model';
import { ComparePanel } from '../compare/comparePanel';
import type { PanelServices } from './panelServices';
import { PanelViewType } from './panelWebview';
import { RunPanel } from '../runPanel/runPanel';

/** The context key menus use to offer "Add to Compare" only while a compare panel is open. */
const COMPARE_OPEN_CONTEXT = 'mlflow.compareOpen';

/**
 * Every open compare and run panel: opened from commands, restored after a window reload (the
 * serializers get the run ids the webviews saved), told when the theme or the store changes.
 * "Add to Compare" goes to the compare panel used last.
 */
export class Panels implements vscode.Disposable {
  private readonly compares: ComparePanel[] = [];
  private readonly runs: RunPanel[] = [];
  private lastCompare: ComparePanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly services: PanelServices;

  constructor(services: Omit<PanelServices, 'openRun'>, storeChanged: vscode.Event<void>) {
    this.services = { ...services, openRun: (runId, known) => this.openRun(runId, known) };
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PanelViewType.compare, {
        deserializeWebviewPanel: (panel, state) => this.restore(panel, state, 'compare'),
      }),
      vscode.window.registerWebviewPanelSerializer(PanelViewType.run, {
        deserializeWebviewPanel: (panel, state) => this.restore(panel, state, 'run'),
      }),
      vscode.window.onDidChangeActiveColorTheme(() =>
        this.all().forEach((panel) => panel.channel.post({ type: 'themeChanged' })),
      ),
      storeChanged(() => this.all().forEach((panel) => void panel.reload())),
    );
  }

  /** The open compare panels, oldest first (for the tests). */
  get comparePanels(): readonly ComparePanel[] {
    return this.compares;
  }

  get runPanels(): readonly RunPanel[] {
    return this.runs;
  }

  openCompare(runs: readonly Run[] | readonly string[]): ComparePanel {
    const panel = vscode.window.createWebviewPanel(PanelViewType.compare, 'Compare Runs', vscode.ViewColumn.Active, {
      enableFindWidget: true,
      retainContextWhenHidden: true,
    });
    const ids = runs.map((run) => (typeof run === 'string' ? run : run.info.runId));
    return this.trackCompare(
      new ComparePanel(
        panel,
        ids,
        this.services,
        runs.filter((run): run is Run => typeof run !== 'string'),
      ),
    );
  }

  /** Adds runs to the compare panel used last; undefined when none is open. */
  async addToCompare(runs: readonly Run[] | readonly string[]): Promise<ComparePanel | undefined> {
    const target = this.lastCompare;
    if (!target) return undefined;
    await target.addRuns(runs);
    target.panel.reveal(undefined, true);
    return target;
  }

  /**
   * Shows the run's panel, opening it when there is none. A preview (a click in the sidebar)
   * shows the run in the preview panel when there is one, and leaves the focus in the sidebar;
   * an explicit open keeps the panel it shows.
   */
  openRun(runId: string, known?: Run, { preview = false }: { preview?: boolean } = {}): RunPanel {
    const open = this.runs.find((panel) => panel.runId === runId);
    if (open) {
      if (!preview) open.preview = false;
      open.panel.reveal(undefined, preview);
      return open;
    }
    const reusable = preview ? this.runs.find((panel) => panel.preview) : undefined;
    if (reusable) {
      void reusable.showRun(runId, known);
      reusable.panel.reveal(undefined, true);
      return reusable;
    }
    const panel = vscode.window.createWebviewPanel(
      PanelViewType.run,
      `Run ${runId.slice(0, 8)}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: preview },
      { enableFindWidget: true, retainContextWhenHidden: true },
    );
    return this.trackRun(new RunPanel(panel, runId, this.services, known, preview));
  }

  dispose(): void {
    for (const panel of this.all()) panel.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private restore(panel: vscode.WebviewPanel, state: unknown, kind: 'compare' | 'run'): Promise<void> {
    const parsed = parsePanelState(state);
    const [first] = parsed?.runIds ?? [];
    if (!parsed || first === undefined) {
      // Nothing to show again: a panel without runs would only be an empty tab.
      this.services.logger.warn(`a ${kind} panel could not be restored: it saved no run ids`);
      panel.dispose();
      return Promise.resolve();
    }
    if (kind === 'compare') this.trackCompare(new ComparePanel(panel, parsed.runIds, this.services));
    else this.trackRun(new RunPanel(panel, first, this.services));
    return Promise.resolve();
  }

  private trackCompare(panel: ComparePanel): ComparePanel {
    this.compares.push(panel);
    this.lastCompare = panel;
    this.updateContext();
    panel.panel.onDidChangeViewState(({ webviewPanel }) => {
      if (webviewPanel.active) this.lastCompare = panel;
    });
    panel.onDidDispose(() => {
      this.compares.splice(this.compares.indexOf(panel), 1);
      if (this.lastCompare === panel) this.lastCompare = this.compares.at(-1);
      this.updateContext();
    });
    return panel;
  }

  private trackRun(panel: RunPanel): RunPanel {
    this.runs.push(panel);
    panel.onDidDispose(() => this.runs.splice(this.runs.indexOf(panel), 1));
    return panel;
  }

  private all(): (ComparePanel | RunPanel)[] {
    return [...this.compares, ...this.runs];
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', COMPARE_OPEN_CONTEXT, this.compares.length > 0);
  }
}
