import type { CheckoutRecord } from '../../../../src/extension/git/checkoutRecord';
import { CheckoutRecords } from '../../../../src/extension/commands/git/checkoutRecords';
import type { StateStore } from '../../../../src/extension/commands/git/checkoutRecords';
import type { GitCommandContext } from '../../../../src/extension/commands/git/gitCommandContext';
import type { GitDialogs, PickItem } from '../../../../src/extension/commands/git/gitDialogs';
import type { FileDiffRequest } from '../../../../src/extension/gitDocuments/fileDiff';
import type { GitDocument } from '../../../../src/extension/gitDocuments/gitDocumentUri';

/** One dialog the flow showed, as the user would have seen it. */
export interface Shown {
  kind: 'modal' | 'inform' | 'pick' | 'progress';
  message: string;
  detail?: string;
  actions?: readonly string[];
  items?: string[];
}

export interface DialogScript {
  /** Answers to the modal questions, in the order they are asked; missing answers are Cancel. */
  modal?: (string | undefined)[];
  /** Answers to notifications offering actions, in order; missing answers close them. */
  inform?: (string | undefined)[];
  /** The label to pick in each quick pick, in order; missing answers dismiss it. */
  pick?: (string | undefined)[];
  /** Cancel every cancellable progress (a fetch) before its work starts. */
  cancelProgress?: boolean;
}

/** Dialogs answered from `script`, recording everything shown. */
export function scriptedDialogs(script: DialogScript = {}): { dialogs: GitDialogs; shown: Shown[] } {
  const shown: Shown[] = [];
  const modal = [...(script.modal ?? [])];
  const inform = [...(script.inform ?? [])];
  const pick = [...(script.pick ?? [])];
  const dialogs: GitDialogs = {
    askModal(message, detail, actions) {
      shown.push({ kind: 'modal', message, detail, actions });
      const answer = modal.shift();
      if (answer !== undefined && !actions.includes(answer)) throw new Error(`"${answer}" is not offered by: ${message} (${actions.join(', ')})`);
      return Promise.resolve(answer);
    },
    inform(message, actions = []) {
      shown.push({ kind: 'inform', message, actions });
      return Promise.resolve(actions.length ? inform.shift() : undefined);
    },
    pick<T extends PickItem>(items: readonly T[], title: string) {
      shown.push({ kind: 'pick', message: title, items: items.map((item) => item.label) });
      const label = pick.shift();
      return Promise.resolve(items.find((item) => item.label === label));
    },
    async withProgress(title, cancellable, task) {
      shown.push({ kind: 'progress', message: title });
      const controller = new AbortController();
      if (cancellable && script.cancelProgress) controller.abort();
      return task(controller.signal, () => undefined);
    },
  };
  return { dialogs, shown };
}

/** Workspace state in memory, as VS Code's Memento keeps it (values stored as JSON). */
export function memoryState(): StateStore & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: (key) => values.get(key),
    update: (key, value) => {
      values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
      return Promise.resolve();
    },
  };
}

export interface TestContext {
  context: GitCommandContext;
  shown: Shown[];
  opened: GitDocument[];
  diffs: FileDiffRequest[];
  windows: string[];
  /** Every git command run, as its argument list. */
  gitCommands: string[][];
  state: ReturnType<typeof memoryState>;
  records(): CheckoutRecord[];
}

/** A command context over `folders` (the workspace), answering dialogs from `script`. */
export function testContext(folders: string[], script: DialogScript = {}, state = memoryState()): TestContext {
  const { dialogs, shown } = scriptedDialogs(script);
  const opened: GitDocument[] = [];
  const diffs: FileDiffRequest[] = [];
  const windows: string[] = [];
  const gitCommands: string[][] = [];
  const quiet = () => undefined;
  const context: GitCommandContext = {
    dialogs: () => dialogs,
    workbench: {
      workspaceFolders: () => folders,
      openFileAtCommit: (document) => Promise.resolve(void opened.push(document)),
      openFileDiff: (request) => Promise.resolve(void diffs.push(request)),
      openFolderInNewWindow: (path) => Promise.resolve(void windows.push(path)),
    },
    records: new CheckoutRecords(state),
    logger: { trace: quiet, info: quiet, warn: quiet, error: quiet },
    gitOptions: { onCommand: (event) => gitCommands.push([...event.args]) },
  };
  const records = () => ((state.values.get('mlflow.git.checkoutRecords') as CheckoutRecord[] | undefined) ?? []);
  return { context, shown, opened, diffs, windows, gitCommands, state, records };
}

/** The dialogs of one kind, for assertions. */
export function shownOf(shown: Shown[], kind: Shown['kind']): Shown[] {
  return shown.filter((entry) => entry.kind === kind);
}
