// What the workbench would show, captured inside the extension host: the extension and its tests
// share one `vscode` API object, so replacing window.show*/withProgress/showQuickPick/
// createQuickPick for a while records every text the extension hands VS Code to show (and
// answers: messages and input boxes are dismissed, a quick pick is answered by `pick`). Quick picks made with
// createQuickPick stay real: they are recorded and the test reads and hides them.
import * as vscode from 'vscode';

/** One text the extension gave VS Code to show, and where. */
export interface ShownText {
  where: string;
  text: string;
}

type Window = typeof vscode.window;
type Replaced = Pick<
  Window,
  | 'showInformationMessage'
  | 'showWarningMessage'
  | 'showErrorMessage'
  | 'withProgress'
  | 'showQuickPick'
  | 'createQuickPick'
  | 'showInputBox'
>;

export interface Capture {
  shown: ShownText[];
  /** The quick picks made through createQuickPick, live. */
  quickPicks: vscode.QuickPick<vscode.QuickPickItem>[];
  dispose(): void;
}

/**
 * Records what is shown until disposed. `pick` answers showQuickPick from its items (undefined
 * dismisses it); every message is dismissed (its promise resolves to undefined).
 */
export function captureShownText(pick: (items: readonly vscode.QuickPickItem[]) => unknown = () => undefined): Capture {
  const window = vscode.window as { -readonly [K in keyof Replaced]: Replaced[K] } & Window;
  const original: Replaced = {
    showInformationMessage: window.showInformationMessage,
    showWarningMessage: window.showWarningMessage,
    showErrorMessage: window.showErrorMessage,
    withProgress: window.withProgress,
    showQuickPick: window.showQuickPick,
    createQuickPick: window.createQuickPick,
    showInputBox: window.showInputBox,
  };
  const shown: ShownText[] = [];
  const quickPicks: vscode.QuickPick<vscode.QuickPickItem>[] = [];
  const record = (where: string, text: string | undefined): void => {
    if (text !== undefined && text !== '') shown.push({ where, text });
  };
  const message = (kind: string) =>
    ((text: string, ...rest: unknown[]) => {
      record(kind, text);
      for (const item of rest) {
        if (typeof item === 'string') record(`${kind} action`, item);
        else if (item && typeof item === 'object' && 'detail' in item)
          record(`${kind} detail`, (item as vscode.MessageOptions).detail);
      }
      return Promise.resolve(undefined);
    }) as Window['showInformationMessage'];
  window.showInformationMessage = message('information');
  window.showWarningMessage = message('warning');
  window.showErrorMessage = message('error');
  window.withProgress = ((options: vscode.ProgressOptions, task: Parameters<Window['withProgress']>[1]) => {
    record('progress title', options.title);
    const token = new vscode.CancellationTokenSource().token;
    return task({ report: (value) => record('progress message', value.message) }, token);
  }) as Window['withProgress'];
  window.showQuickPick = (async (
    items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>,
    options?: vscode.QuickPickOptions,
  ) => {
    const listed = await items;
    record('quick pick title', options?.title);
    record('quick pick placeholder', options?.placeHolder);
    for (const item of listed) recordItem(record, item);
    return pick(listed);
  }) as unknown as Window['showQuickPick'];
  window.showInputBox = (options?: vscode.InputBoxOptions) => {
    record('input box title', options?.title);
    record('input box prompt', options?.prompt);
    record('input box placeholder', options?.placeHolder);
    return Promise.resolve(undefined);
  };
  window.createQuickPick = (() => {
    const picker = original.createQuickPick();
    quickPicks.push(picker);
    return picker;
  }) as Window['createQuickPick'];
  return {
    shown,
    quickPicks,
    dispose: () => Object.assign(window, original),
  };
}

/** Records a quick pick's title and items as they stand. */
export function recordQuickPick(capture: Capture, picker: vscode.QuickPick<vscode.QuickPickItem>): void {
  const record = (where: string, text: string | undefined): void => {
    if (text !== undefined && text !== '') capture.shown.push({ where, text });
  };
  record('quick pick title', picker.title);
  record('quick pick placeholder', picker.placeholder);
  for (const item of picker.items) recordItem(record, item);
}

function recordItem(record: (where: string, text: string | undefined) => void, item: vscode.QuickPickItem): void {
  record('quick pick label', item.label);
  record('quick pick description', item.description);
  record('quick pick detail', item.detail);
}
