import * as vscode from 'vscode';
import { ContextKey } from '../platform/viewIds';

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
