import * as vscode from 'vscode';
import type { StoreConnection } from '../store/storeConnection';

/** What a feature's open panel offers to the list that keeps it. */
export interface OpenPanel {
  readonly channel: { post(message: { type: 'themeChanged' }): void };
  readonly onDidDispose: vscode.Event<void>;
  reload(): Promise<void>;
  dispose(): void;
}

/**
 * The open panels of one kind (compare, run, runs table), oldest first: each is restored after a
 * window reload by `restore` (given what its webview saved), told when the theme changes (charts
 * read their colours once), reloaded when the store changes (its runs belong to the old one), and
 * dropped from the list when closed. What differs between the kinds stays in their feature.
 */
export class OpenPanels<P extends OpenPanel> implements vscode.Disposable {
  private readonly panels: P[] = [];
  private readonly disposables: vscode.Disposable[];

  constructor(
    viewType: string,
    connection: StoreConnection,
    restore: (panel: vscode.WebviewPanel, state: unknown) => void,
  ) {
    this.disposables = [
      vscode.window.registerWebviewPanelSerializer(viewType, {
        deserializeWebviewPanel: (panel, state) => Promise.resolve(restore(panel, state)),
      }),
      vscode.window.onDidChangeActiveColorTheme(() =>
        this.panels.forEach((panel) => panel.channel.post({ type: 'themeChanged' })),
      ),
      connection.onDidChange(() => this.panels.forEach((panel) => void panel.reload())),
    ];
  }

  /** The open panels, oldest first. */
  get all(): readonly P[] {
    return this.panels;
  }

  /** Keeps `panel` until it is closed; `closed` runs after it has left the list. */
  add(panel: P, closed?: () => void): P {
    this.panels.push(panel);
    panel.onDidDispose(() => {
      this.panels.splice(this.panels.indexOf(panel), 1);
      closed?.();
    });
    return panel;
  }

  dispose(): void {
    for (const panel of [...this.panels]) panel.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
