import type { CheckoutRecord } from '../../../../src/extension/git/checkoutRecord';
import { CheckoutRecords } from '../../../../src/extension/code/checkouts';
import type { StateStore } from '../../../../src/extension/code/checkouts';
import { GitCommands } from '../../../../src/extension/code/gitCommands';
import type { FileDiffRequest, GitDocument } from '../../../../src/extension/code/gitDocument';
import { scriptedDialogs } from '../../../support/scriptedGitDialogs';
import type { DialogScript, Shown } from '../../../support/scriptedGitDialogs';

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
  commands: GitCommands;
  shown: Shown[];
  opened: GitDocument[];
  diffs: FileDiffRequest[];
  windows: string[];
  /** Every git command run, as its argument list. */
  gitCommands: string[][];
  state: ReturnType<typeof memoryState>;
  records(): CheckoutRecord[];
}

/** The git commands over `folders` (the workspace), answering dialogs from `script`. */
export function testContext(folders: string[], script: DialogScript = {}, state = memoryState()): TestContext {
  const { dialogs, shown } = scriptedDialogs(script);
  const opened: GitDocument[] = [];
  const diffs: FileDiffRequest[] = [];
  const windows: string[] = [];
  const gitCommands: string[][] = [];
  const quiet = () => undefined;
  const commands = new GitCommands(
    () => dialogs,
    {
      openFileAtCommit: (document) => Promise.resolve(void opened.push(document)),
      openFileDiff: (request) => Promise.resolve(void diffs.push(request)),
      openFolderInNewWindow: (path) => Promise.resolve(void windows.push(path)),
    },
    new CheckoutRecords(state),
    () => folders,
    { trace: quiet, info: quiet, warn: quiet, error: quiet },
    { onCommand: (event) => gitCommands.push([...event.args]) },
  );
  const records = () => (state.values.get('mlflow.git.checkoutRecords') as CheckoutRecord[] | undefined) ?? [];
  return { commands, shown, opened, diffs, windows, gitCommands, state, records };
}

/** The dialogs of one kind, for assertions. */
export function shownOf(shown: Shown[], kind: Shown['kind']): Shown[] {
  return shown.filter((entry) => entry.kind === kind);
}
