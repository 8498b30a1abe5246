import * as vscode from 'vscode';
import type { GitRunnerOptions } from '../git/gitRunner';
import { runSourceOf } from '../git/runSource';
import type { RunSource } from '../git/runSource';
import { CommandId } from '../platform/commandIds';
import type { CommandIdValue } from '../platform/commandIds';
import type { ScopedLogger } from '../platform/logger';
import { targetedRuns } from '../runs/runTarget';
import type { Run } from '../tracking/model';
import { CheckoutRecords, HAS_CHECKOUT_RECORD } from './checkouts';
import { GitCommands, olderFirst } from './gitCommands';
import { GitDialogsInUse } from './gitDialogs';
import { GitDocumentReader } from './gitDocument';
import { registerGitDocuments, vscodeCodeEditors, workspaceFolderPaths } from './gitEditors';

/**
 * The code feature in VS Code: the `mlflow-git:` documents, the checkout records kept in the
 * workspace state (with the when-clause key in step), and the git commands on runs. A command on
 * runs takes the run it was invoked on, `(clicked?, selection?)` as `targetedRuns` reads them
 * (a sidebar row, a runs-table row, `{ run }`); from the palette, `selectedRuns` (the sidebar's
 * selection). Each command returns what it did, for its callers and tests.
 */
export class CodeFeature implements vscode.Disposable {
  /** The dialogs the commands ask through: VS Code's, or (in test mode only) a test's script. */
  readonly dialogs = new GitDialogsInUse();
  readonly commands: Partial<Record<CommandIdValue, (...args: unknown[]) => unknown>>;
  private readonly registration: vscode.Disposable;

  constructor(workspaceState: vscode.Memento, logger: ScopedLogger, selectedRuns: () => Run[]) {
    const git = loggedGitOptions(logger);
    this.registration = registerGitDocuments(new GitDocumentReader(workspaceFolderPaths, git), logger);
    const records = new CheckoutRecords(workspaceState, (hasRecords) => {
      void vscode.commands.executeCommand('setContext', HAS_CHECKOUT_RECORD, hasRecords);
    });
    records.announce();
    const commands = new GitCommands(
      () => this.dialogs.current(),
      vscodeCodeEditors,
      records,
      workspaceFolderPaths,
      logger,
      git,
    );
    const runs = (args: readonly unknown[]): Run[] => targetedRuns(args) ?? selectedRuns();
    const oneRun =
      (action: (run: RunSource) => Promise<unknown>) =>
      (...args: unknown[]) => {
        const chosen = runs(args);
        if (chosen.length === 1) return action(runSourceOf(chosen[0]!));
        void this.dialogs.current().inform(`Select one run (${chosen.length} selected).`);
        return undefined;
      };
    this.commands = {
      [CommandId.checkOutRunCommit]: oneRun((run) => commands.checkOutRun(run)),
      [CommandId.openSourceAtCommit]: oneRun((run) => commands.openRunSource(run)),
      [CommandId.diffWithWorkingTree]: oneRun((run) => commands.diffRunWithWorkingTree(run)),
      [CommandId.diffRunCommits]: (...args: unknown[]) => {
        const chosen = olderFirst(runs(args));
        if (chosen.length === 2) return commands.diffRunCommits(runSourceOf(chosen[0]!), runSourceOf(chosen[1]!));
        void this.dialogs.current().inform(`Select two runs to compare their code (${chosen.length} selected).`);
        return undefined;
      },
      [CommandId.returnToPreviousBranch]: () => commands.returnToPreviousBranch(),
      [CommandId.createBranchForRun]: () => commands.createBranchForCheckedOutRun(),
    };
  }

  dispose(): void {
    this.registration.dispose();
  }
}

/**
 * Runner options that log every git command the extension runs (its arguments, exit code and
 * time; the arguments are ours and hold no credentials), so the log shows what was done.
 */
function loggedGitOptions(logger: ScopedLogger): GitRunnerOptions {
  return {
    onCommand: ({ repository, args, exitCode, durationMs }) =>
      logger.trace(`git ${args.join(' ')} in ${repository}: exit ${exitCode ?? '?'}, ${durationMs} ms`),
  };
}
