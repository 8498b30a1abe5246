import * as vscode from 'vscode';
import type { ScopedLogger } from '../platform/logger';
import { CheckoutRecords, HAS_CHECKOUT_RECORD } from './checkoutRecords';
import type { GitCommandContext } from './gitCommandContext';
import { loggedGitOptions } from './gitLog';
import type { GitDialogsInUse } from './vscodeGitDialogs';
import { vscodeGitWorkbench } from './vscodeGitWorkbench';

/** The git commands' context in VS Code: records in the workspace state, the key kept in step. */
export function vscodeGitContext(
  workspaceState: vscode.Memento,
  dialogs: GitDialogsInUse,
  logger: ScopedLogger,
): GitCommandContext {
  const records = new CheckoutRecords(workspaceState, (hasRecords) => {
    void vscode.commands.executeCommand('setContext', HAS_CHECKOUT_RECORD, hasRecords);
  });
  records.announce();
  return {
    dialogs: () => dialogs.current(),
    workbench: vscodeGitWorkbench,
    records,
    logger,
    gitOptions: loggedGitOptions(logger),
  };
}
