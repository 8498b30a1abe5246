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
import { ArtifactFileSystem } from './artifactFiles';
import { RunPanel } from './runPanel';

/**
 * The run panel feature: every open run panel (restored after a window reload from the run id its
 * webview saved, told when the theme or the store changes), the artifacts opened in editors, and
 * its commands, "Open Run" and the preview a click on a run opens (reused by the next click, like
 * VS Code's preview editors). The panels load their runs through `runs`; from the palette, a
 * command takes the view's `selected` runs.
 */
export class RunPanels implements vscode.Disposable {
  private readonly panels: OpenPanels<RunPanel>;
  private readonly artifactFiles: ArtifactFileSystem;
  readonly commands: Partial<Record<CommandIdValue, (...args: unknown[]) => unknown>>;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly logger: ScopedLogger,
    private readonly connection: StoreConnection,
    private readonly runs: RunCache,
    private readonly selected: () => readonly Run[],
  ) {
    this.artifactFiles = new ArtifactFileSystem(connection);
    this.panels = new OpenPanels(PanelViewType.run, connection, (panel, state) => this.restore(panel, state));
    this.commands = {
      [CommandId.openRun]: async (...args: unknown[]) => {
        let [runId] = commandRunIds(args, runs, selected);
        if (runId === undefined) {
          const [picked] = (await pickRunsInStore(connection, { title: 'Open Run', canPickMany: false })) ?? [];
          if (picked === undefined) return;
          runs.remember([picked]);
          runId = picked.info.runId;
        }
        this.open(runId);
      },
      [CommandId.previewRun]: (...args: unknown[]) => {
        // The clicked row only: VS Code passes no selection with a row's own command.
        const [runId] = commandRunIds(args.slice(0, 1), runs, selected);
        if (runId !== undefined) this.open(runId, { preview: true });
      },
    };
  }

  /** The open run panels, oldest first (for the tests). */
  get runPanels(): readonly RunPanel[] {
    return this.panels.all;
  }

  /**
   * Shows the run's panel, opening it when there is none. A preview (a click in the sidebar)
   * shows the run in the preview panel when there is one, and leaves the focus in the sidebar;
   * an explicit open keeps the panel it shows.
   */
  open(runId: string, { preview = false }: { preview?: boolean } = {}): RunPanel {
    const open = this.panels.all.find((panel) => panel.runId === runId);
    if (open) {
      if (!preview) open.preview = false;
      open.panel.reveal(undefined, preview);
      return open;
    }
    const reusable = preview ? this.panels.all.find((panel) => panel.preview) : undefined;
    if (reusable) {
      void reusable.showRun(runId);
      reusable.panel.reveal(undefined, true);
      return reusable;
    }
    const panel = vscode.window.createWebviewPanel(
      PanelViewType.run,
      `Run ${runId.slice(0, 8)}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: preview },
      { enableFindWidget: true, retainContextWhenHidden: true },
    );
    return this.track(panel, runId, preview);
  }

  dispose(): void {
    this.panels.dispose();
    this.artifactFiles.dispose();
  }

  private restore(panel: vscode.WebviewPanel, state: unknown): void {
    const [runId] = parsePanelState(state)?.runIds ?? [];
    if (runId === undefined) {
      // Nothing to show again: a panel without a run would only be an empty tab.
      this.logger.warn('a run panel could not be restored: it saved no run ids');
      panel.dispose();
      return;
    }
    this.track(panel, runId, false);
  }

  private track(webviewPanel: vscode.WebviewPanel, runId: string, preview: boolean): RunPanel {
    const panel = new RunPanel(
      webviewPanel,
      runId,
      this.extensionUri,
      this.logger,
      this.connection,
      this.runs,
      (other) => this.open(other),
      preview,
    );
    return this.panels.add(panel);
  }
}
