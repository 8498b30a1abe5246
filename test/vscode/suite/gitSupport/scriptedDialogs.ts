// The git commands' dialogs answered from a script, inside the real workbench. Modal dialogs
// cannot be clicked from the extension host, so the extension (in test mode only) lets a test
// answer them; progress still goes through VS Code's own withProgress.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GitDialogs, PickItem, ProgressTask } from '../../../../src/extension/commands/git/gitDialogs';
import type { ExtensionApi } from '../../../../src/extension/extensionObject';
import { ourExtension } from '../support/extension';

export interface Shown {
  kind: 'modal' | 'inform' | 'pick' | 'progress';
  message: string;
  detail?: string;
  actions?: readonly string[];
  items?: string[];
}

export interface Script {
  modal?: (string | undefined)[];
  inform?: (string | undefined)[];
  pick?: (string | undefined)[];
}

/** Answers the next git dialogs from `script` until disposed; `shown` records every one. */
export async function answerGitDialogs(script: Script): Promise<{ shown: Shown[]; dispose(): void }> {
  const api = (await ourExtension().activate()) as ExtensionApi;
  assert.ok(api.gitDialogs, 'activate() hands out the git dialogs hook in test mode');
  const shown: Shown[] = [];
  const modal = [...(script.modal ?? [])];
  const inform = [...(script.inform ?? [])];
  const pick = [...(script.pick ?? [])];
  const dialogs: GitDialogs = {
    askModal(message, detail, actions) {
      shown.push({ kind: 'modal', message, detail, actions });
      return Promise.resolve(modal.shift());
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
    async withProgress<T>(title: string, cancellable: boolean, task: ProgressTask<T>): Promise<T> {
      shown.push({ kind: 'progress', message: title });
      return vscode.window.withProgress<T>({ location: vscode.ProgressLocation.Notification, title, cancellable }, (progress) =>
        task(new AbortController().signal, (message) => progress.report({ message })),
      );
    },
  };
  const registration = api.gitDialogs.use(dialogs);
  return {
    shown,
    dispose: () => {
      registration.dispose();
    },
  };
}
