// The git commands' dialogs answered from a script, inside the real workbench. Modal dialogs
// cannot be clicked from the extension host, so the extension (in test mode only) lets a test
// answer them; progress still goes through VS Code's own withProgress.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GitDialogs, ProgressTask } from '../../../../src/extension/code/gitDialogs';
import type { ExtensionApi } from '../../../../src/extension/extensionObject';
import { scriptedDialogs } from '../../../support/scriptedGitDialogs';
import type { DialogScript, Shown } from '../../../support/scriptedGitDialogs';
import { ourExtension } from '../support/extension';

/** Answers the next git dialogs from `script` until disposed; `shown` records every one. */
export async function answerGitDialogs(script: DialogScript): Promise<{ shown: Shown[]; dispose(): void }> {
  const api = (await ourExtension().activate()) as ExtensionApi;
  assert.ok(api.gitDialogs, 'activate() hands out the git dialogs hook in test mode');
  const { dialogs, shown } = scriptedDialogs(script);
  const inWorkbench: GitDialogs = {
    ...dialogs,
    async withProgress<T>(title: string, cancellable: boolean, task: ProgressTask<T>): Promise<T> {
      shown.push({ kind: 'progress', message: title });
      return vscode.window.withProgress<T>(
        { location: vscode.ProgressLocation.Notification, title, cancellable },
        (progress) => task(new AbortController().signal, (message) => progress.report({ message })),
      );
    },
  };
  const registration = api.gitDialogs.use(inWorkbench);
  return {
    shown,
    dispose: () => {
      registration.dispose();
    },
  };
}
