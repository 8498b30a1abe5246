import * as vscode from 'vscode';
import { ContextKey } from '../platform/commandIds';
import type { Settings } from '../platform/settings';
import { SettingKey } from '../platform/settings';
import type { TrackingStore } from '../tracking/trackingStore';
import type { ExperimentsTreeProvider } from './tree';
import type { SidebarNode } from './treeNodes';

/** Loads quicker than this never show the Cancel button, so fast loads do not make the title bar blink. */
const CANCEL_BUTTON_DELAY_MS = 400;

/**
 * Runs the sidebar's loads with a progress bar in the view and one AbortSignal each, and cancels
 * them all on request ("Cancel Loading" in the view's title bar while something is slow).
 */
export class LoadingTracker implements vscode.Disposable {
  private readonly controllers = new Set<AbortController>();
  private buttonTimer: ReturnType<typeof setTimeout> | undefined;
  private buttonShown = false;

  constructor(private readonly viewId: string) {}

  /** Runs `work` with progress shown in the view; rejects with MlflowCancelledError if cancelled. */
  async run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.controllers.add(controller);
    this.update();
    try {
      return await vscode.window.withProgress({ location: { viewId: this.viewId } }, () => work(controller.signal));
    } finally {
      this.controllers.delete(controller);
      this.update();
    }
  }

  get busy(): boolean {
    return this.controllers.size > 0;
  }

  cancelAll(): void {
    for (const controller of this.controllers) controller.abort();
  }

  dispose(): void {
    this.cancelAll();
    clearTimeout(this.buttonTimer);
  }

  private update(): void {
    if (this.busy && this.buttonTimer === undefined && !this.buttonShown) {
      this.buttonTimer = setTimeout(() => {
        this.buttonTimer = undefined;
        if (this.busy) this.showButton(true);
      }, CANCEL_BUTTON_DELAY_MS);
    } else if (!this.busy) {
      clearTimeout(this.buttonTimer);
      this.buttonTimer = undefined;
      if (this.buttonShown) this.showButton(false);
    }
  }

  private showButton(shown: boolean): void {
    this.buttonShown = shown;
    void vscode.commands.executeCommand('setContext', ContextKey.loading, shown);
  }
}

/**
 * Every `mlflow.runs.autoRefreshSeconds` (paused while the view is hidden, off at 0): a store that
 * can say when it changed (a local mlflow.db) is refreshed whole when, and only when, something was
 * committed since the last look, so a training script's new runs appear and a burst of commits costs
 * one refresh; other stores refresh the runs shown while any of them is RUNNING. Each refresh
 * waits for the previous one, so a slow server never has two in flight.
 */
export class AutoRefresh implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];
  private disposed = false;
  private lastStamp: { store: TrackingStore; stamp: string } | undefined;

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
    const model = this.provider.currentModel;
    const store = model?.store;
    if (store?.changeStamp) {
      if (await this.changed(store, store.changeStamp.bind(store))) await this.provider.refresh({ quiet: true });
    } else if (model?.hasRunningRuns()) {
      await this.provider.refresh({ onlyRunning: true, quiet: true });
    }
    this.schedule();
  }

  /**
   * True when the store's stamp moved since the last look at this same store; the first look at a
   * store counts as a change, since something may have been committed after the view read it.
   */
  private async changed(store: TrackingStore, changeStamp: () => Promise<string>): Promise<boolean> {
    let stamp: string;
    try {
      stamp = await changeStamp();
    } catch {
      // The refresh that follows a failure shows it; a stamp that cannot be read is no news.
      return false;
    }
    const last = this.lastStamp;
    this.lastStamp = { store, stamp };
    return last?.store !== store || last.stamp !== stamp;
  }
}
