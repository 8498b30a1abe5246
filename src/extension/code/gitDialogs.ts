import * as vscode from 'vscode';
import { messageText } from '../platform/untrustedText';

/** One entry of a quick pick. */
export interface PickItem {
  label: string;
  description?: string;
  detail?: string;
}

/** Work shown with progress: `signal` fires when the user cancels, `report` updates the message. */
export type ProgressTask<T> = (signal: AbortSignal, report: (message: string) => void) => Promise<T>;

/**
 * The dialogs of the git commands, no more than four kinds. Everything around them (the words of
 * each question, what each answer does) is the commands' own code, so a test that answers these
 * from a script runs the same flows the user does.
 */
export interface GitDialogs {
  /** A modal warning with `actions` (VS Code adds Cancel): the action chosen, or undefined. */
  askModal(message: string, detail: string, actions: readonly string[]): Promise<string | undefined>;
  /** A notification, with optional actions: the action clicked, or undefined when closed. */
  inform(message: string, actions?: readonly string[]): Promise<string | undefined>;
  /** A quick pick: the item chosen, or undefined when dismissed. */
  pick<T extends PickItem>(items: readonly T[], title: string, placeHolder: string): Promise<T | undefined>;
  /** Runs `task` under a progress notification, which offers Cancel when `cancellable`. */
  withProgress<T>(title: string, cancellable: boolean, task: ProgressTask<T>): Promise<T>;
}

/**
 * The git commands' dialogs as VS Code shows them. Their texts carry run names, paths and git's
 * output, so each is shown through `messageText`: a notification would make a link of
 * `[x](command:…)` in a run name, a quick pick an icon of `$(x)`. An answer is handed back as the
 * caller's own action or item, not the text shown.
 */
const vscodeGitDialogs: GitDialogs = {
  async askModal(message, detail, actions) {
    const shown = actions.map(messageText);
    const answer = await vscode.window.showWarningMessage(
      messageText(message),
      { modal: true, detail: messageText(detail) },
      ...shown,
    );
    return answer === undefined ? undefined : actions[shown.indexOf(answer)];
  },
  async inform(message, actions = []) {
    const shown = actions.map(messageText);
    const answer = await vscode.window.showInformationMessage(messageText(message), ...shown);
    return answer === undefined ? undefined : actions[shown.indexOf(answer)];
  },
  async pick<T extends PickItem>(items: readonly T[], title: string, placeHolder: string) {
    const shown = items.map((item, index) => ({ ...shownPickItem(item), index }));
    const options = {
      title: messageText(title),
      placeHolder: messageText(placeHolder),
      matchOnDescription: true,
      matchOnDetail: true,
    };
    const answer = await vscode.window.showQuickPick(shown, options);
    return answer === undefined ? undefined : items[answer.index];
  },
  async withProgress(title, cancellable, task) {
    const location = vscode.ProgressLocation.Notification;
    return vscode.window.withProgress({ location, title: messageText(title), cancellable }, async (progress, token) => {
      // git stops through an AbortSignal; the progress offers a CancellationToken.
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        return await task(controller.signal, (message) => progress.report({ message: messageText(message) }));
      } finally {
        subscription.dispose();
      }
    });
  },
};

function shownPickItem(item: PickItem): PickItem {
  const shown: PickItem = { label: messageText(item.label) };
  if (item.description !== undefined) shown.description = messageText(item.description);
  if (item.detail !== undefined) shown.detail = messageText(item.detail);
  return shown;
}

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
