import type * as vscode from 'vscode';
import type { Settings } from '../config/settings';
import { SettingKey } from '../config/settings';
import type { ExperimentsTreeProvider } from './experimentsTreeProvider';
import type { SidebarNode } from './sidebarNodes';

/**
 * Refreshes the runs shown while any of them is RUNNING, every `mlflow.runs.autoRefreshSeconds`;
 * paused while the view is hidden, off at 0. Each refresh waits for the previous one, so a slow
 * server never has two in flight.
 */
export class AutoRefresh implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];
  private disposed = false;

  constructor(
    private readonly treeView: vscode.TreeView<SidebarNode>,
    private readonly provider: ExperimentsTreeProvider,
    private readonly settings: Settings,
  ) {
    this.subscriptions = [
      treeView.onDidChangeVisibility(() => this.schedule()),
      settings.onDidChange((keys) => keys.includes(SettingKey.runsAutoRefreshSeconds) && this.schedule()),
    ];
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const disposable of this.subscriptions) disposable.dispose();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const seconds = this.settings.runsAutoRefreshSeconds;
    if (this.disposed || seconds === 0 || !this.treeView.visible) return;
    this.timer = setTimeout(() => void this.tick(), seconds * 1000);
  }

  private async tick(): Promise<void> {
    if (this.provider.currentModel?.hasRunningRuns()) await this.provider.refresh({ onlyRunning: true, quiet: true });
    this.schedule();
  }
}
