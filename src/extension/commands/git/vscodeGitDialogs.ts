import * as vscode from 'vscode';
import type { GitDialogs, PickItem } from './gitDialogs';

/** The git commands' dialogs as VS Code shows them. */
export const vscodeGitDialogs: GitDialogs = {
  async askModal(message, detail, actions) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  },
  async inform(message, actions = []) {
    return vscode.window.showInformationMessage(message, ...actions);
  },
  async pick<T extends PickItem>(items: readonly T[], title: string, placeHolder: string) {
    return vscode.window.showQuickPick([...items], { title, placeHolder, matchOnDescription: true, matchOnDetail: true });
  },
  async withProgress(title, cancellable, task) {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable }, async (progress, token) => {
      // git stops through an AbortSignal; the progress offers a CancellationToken.
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        return await task(controller.signal, (message) => progress.report({ message }));
      } finally {
        subscription.dispose();
      }
    });
  },
};

/**
 * The dialogs in use: VS Code's, unless a test of the extension (and only a test: the hook is
 * handed out in test mode alone) answers them from a script for a while.
 */
export class GitDialogsInUse {
  private scripted: GitDialogs | undefined;

  current(): GitDialogs {
    return this.scripted ?? vscodeGitDialogs;
  }

  /** Uses `dialogs` until the returned disposable is disposed. */
  use(dialogs: GitDialogs): vscode.Disposable {
    this.scripted = dialogs;
    return new vscode.Disposable(() => {
      if (this.scripted === dialogs) this.scripted = undefined;
    });
  }
}
