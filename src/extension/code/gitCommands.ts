import { runSourceOf } from '../git/runSource';
import type { RunSource } from '../git/runSource';
import type { Run } from '../tracking/model';
import { CommandId } from '../platform/commandIds';
import { checkOutRun } from './checkOutRun';
import { diffRunCommitsCommand, diffRunWithWorkingTreeCommand } from './diffRuns';
import type { GitCommandContext } from './gitCommandContext';
import { openRunSource } from './openRunSource';
import { createBranchForCheckedOutRun, returnToPreviousBranch } from './returnToPrevious';
import { olderFirst, runsGivenDirectly } from './runArguments';
import type { CommandHandlers } from '../platform/registerCommand';
import { targetedRuns } from '../runs/runTarget';

/**
 * The code at a run's commit: check it out, open its source, diff it. The run commands take the
 * tree's arguments (clicked run, selection) or, from a panel, the runs themselves
 * (`executeCommand(CommandId.checkOutRunCommit, run)`, `executeCommand(CommandId.diffRunCommits, a, b)`).
 * Each returns what it did, for its callers and tests.
 */
export function gitCommands(selectedRuns: () => readonly Run[], git: GitCommandContext): CommandHandlers {
  const runs = (args: readonly unknown[]): readonly Run[] =>
    runsGivenDirectly(args) ?? targetedRuns(args) ?? selectedRuns();
  const oneRun =
    (action: (run: RunSource) => Promise<unknown>) =>
    (...args: unknown[]) => {
      const chosen = runs(args);
      if (chosen.length === 1) return action(runSourceOf(chosen[0]!));
      void git.dialogs().inform(`Select one run (${chosen.length} selected).`);
      return undefined;
    };
  return {
    [CommandId.checkOutRunCommit]: oneRun((run) => checkOutRun(git, run)),
    [CommandId.openSourceAtCommit]: oneRun((run) => openRunSource(git, run)),
    [CommandId.diffWithWorkingTree]: oneRun((run) => diffRunWithWorkingTreeCommand(git, run)),
    [CommandId.diffRunCommits]: (...args: unknown[]) => {
      const chosen = olderFirst(runs(args));
      if (chosen.length === 2) return diffRunCommitsCommand(git, runSourceOf(chosen[0]!), runSourceOf(chosen[1]!));
      void git.dialogs().inform(`Select two runs to compare their code (${chosen.length} selected).`);
      return undefined;
    },
    [CommandId.returnToPreviousBranch]: () => returnToPreviousBranch(git),
    [CommandId.createBranchForRun]: () => createBranchForCheckedOutRun(git),
  };
}
