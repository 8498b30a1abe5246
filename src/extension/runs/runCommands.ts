import * as vscode from 'vscode';
import { messageText } from '../platform/untrustedText';
import { MlflowError } from '../tracking/errors';
import { SystemTags } from '../tracking/model';
import type { TrackingStore } from '../tracking/trackingStore';
import { runCommit, runLabel } from './runPresentation';
import { CommandId } from '../platform/commandIds';
import { runNameProblem, runPageUrl, tagKeyProblem, tagValueProblem } from './runEdits';
import type { CommandHandlers, SidebarContext } from '../sidebar/sidebarContext';
import { targetRuns } from '../sidebar/treeArguments';
import type { TargetRun } from '../sidebar/treeArguments';

/** At most this many browser tabs are opened at once. */
const MAX_PAGES_OPENED = 10;

/**
 * What can be done to one or more selected runs from the sidebar. Writes go to the store (a
 * server: local stores are read-only and their menus offer no writes) and the runs' experiments
 * are fetched again afterwards. A caller may pass the value a command would ask for after the
 * (run, selection) arguments, e.g. ('mlflow.run.rename', run, [run], 'new name').
 */
export function runCommands(context: SidebarContext): CommandHandlers {
  const targets = (args: readonly unknown[]): TargetRun[] => targetRuns(args, context.treeView, context.provider);
  return {
    [CommandId.copyRunId]: (...args: unknown[]) =>
      copy(
        targets(args).map(({ run }) => run.info.runId),
        'run ID',
      ),
    [CommandId.copyCommitId]: (...args: unknown[]) =>
      copy(
        targets(args).flatMap(({ run }) => runCommit(run) ?? []),
        'commit ID',
      ),
    [CommandId.openRunInBrowser]: (...args: unknown[]) => openInBrowser(context, targets(args)),
    [CommandId.renameRun]: (...args: unknown[]) => rename(context, targets(args), args[2]),
    [CommandId.setRunTag]: (...args: unknown[]) => setTag(context, targets(args), args[2], args[3]),
    [CommandId.editRunDescription]: (...args: unknown[]) => editDescription(context, targets(args), args[2]),
    [CommandId.deleteRun]: (...args: unknown[]) => deleteOrRestore(context, targets(args), 'delete'),
    [CommandId.restoreRun]: (...args: unknown[]) => deleteOrRestore(context, targets(args), 'restore'),
  };
}

async function copy(values: readonly string[], what: string): Promise<void> {
  if (values.length === 0) {
    void vscode.window.showInformationMessage(`The selected runs have no ${what}.`);
    return;
  }
  await vscode.env.clipboard.writeText(values.join('\n'));
  vscode.window.setStatusBarMessage(
    `Copied ${values.length === 1 ? `the ${what}` : `${values.length} ${what}s`}`,
    3000,
  );
}

async function openInBrowser(context: SidebarContext, runs: readonly TargetRun[]): Promise<void> {
  const store = context.provider.currentModel?.store;
  if (!store) return;
  for (const { run } of runs.slice(0, MAX_PAGES_OPENED)) {
    const url = runPageUrl(store.trackingUri, run.info.experimentId, run.info.runId);
    if (url === undefined) {
      void vscode.window.showInformationMessage(`${messageText(store.description)} has no web UI to open a run in.`);
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }
}

async function rename(context: SidebarContext, runs: readonly TargetRun[], given: unknown): Promise<void> {
  const [target] = runs;
  if (!target) return;
  const name =
    typeof given === 'string'
      ? given
      : await vscode.window.showInputBox({
          title: 'Rename Run',
          value: runLabel(target.run),
          prompt: `New name of run ${target.run.info.runId}`,
          validateInput: runNameProblem,
        });
  if (name === undefined) return;
  const problem = runNameProblem(name);
  if (problem) throw invalid(problem);
  await write(context, [target], (store, runId) => store.updateRun(runId, { runName: name.trim() }));
}

async function setTag(
  context: SidebarContext,
  runs: readonly TargetRun[],
  givenKey: unknown,
  givenValue: unknown,
): Promise<void> {
  if (runs.length === 0) return;
  const subject = runs.length === 1 ? `run ${messageText(runLabel(runs[0]!.run))}` : `${runs.length} runs`;
  const key =
    typeof givenKey === 'string'
      ? givenKey
      : await vscode.window.showInputBox({
          title: `Set Tag on ${subject}`,
          prompt: 'Tag key',
          validateInput: tagKeyProblem,
        });
  if (key === undefined) return;
  const keyProblem = tagKeyProblem(key);
  if (keyProblem) throw invalid(keyProblem);
  const existing = runs.length === 1 ? runs[0]!.run.data.tags[key] : undefined;
  const value =
    typeof givenValue === 'string'
      ? givenValue
      : await vscode.window.showInputBox({
          title: `Set Tag on ${subject}`,
          prompt: `Value of ${messageText(key)}`,
          value: existing,
          validateInput: tagValueProblem,
        });
  if (value === undefined) return;
  const valueProblem = tagValueProblem(value);
  if (valueProblem) throw invalid(valueProblem);
  await write(context, runs, (store, runId) => store.setTag(runId, key, value));
}

async function editDescription(context: SidebarContext, runs: readonly TargetRun[], given: unknown): Promise<void> {
  const [target] = runs;
  if (!target) return;
  const current = target.run.data.tags[SystemTags.note];
  const text =
    typeof given === 'string'
      ? given
      : await vscode.window.showInputBox({
          title: `Description of ${messageText(runLabel(target.run))}`,
          value: current ?? '',
          prompt: 'Shown as the run description in MLflow (the mlflow.note.content tag). Empty removes it.',
          validateInput: tagValueProblem,
        });
  if (text === undefined || text === (current ?? '')) return;
  const valueProblem = tagValueProblem(text);
  if (valueProblem) throw invalid(valueProblem);
  await write(context, [target], (store, runId) =>
    text === '' ? store.deleteTag(runId, SystemTags.note) : store.setTag(runId, SystemTags.note, text),
  );
}

async function deleteOrRestore(
  context: SidebarContext,
  runs: readonly TargetRun[],
  action: 'delete' | 'restore',
): Promise<void> {
  const wanted = runs.filter(({ run }) => (run.info.lifecycleStage === 'deleted') === (action === 'restore'));
  if (wanted.length === 0) return;
  const verb = action === 'delete' ? 'Delete' : 'Restore';
  const subject = wanted.length === 1 ? `run "${messageText(runLabel(wanted[0]!.run))}"` : `${wanted.length} runs`;
  const detail =
    action === 'delete'
      ? 'Deleted runs are hidden but kept by MLflow until its garbage collection; "Restore Run" brings them back.'
      : 'The runs become active again.';
  const confirmed = await vscode.window.showWarningMessage(`${verb} ${subject}?`, { modal: true, detail }, verb);
  if (confirmed !== verb) return;
  await write(context, wanted, (store, runId) =>
    action === 'delete' ? store.deleteRun(runId) : store.restoreRun(runId),
  );
}

/** Runs `operation` on each run with progress, then fetches the runs' experiments again (also after a failure). */
async function write(
  context: SidebarContext,
  runs: readonly TargetRun[],
  operation: (store: TrackingStore, runId: string) => Promise<unknown>,
): Promise<void> {
  const store = context.provider.currentModel?.store;
  if (!store) return;
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'MLflow' },
      async (progress) => {
        for (const [index, { run }] of runs.entries()) {
          progress.report({ message: `${messageText(runLabel(run))} (${index + 1} of ${runs.length})` });
          await operation(store, run.info.runId);
        }
      },
    );
  } finally {
    await context.provider.reloadRuns(runs.map(({ run }) => run.info.experimentId));
  }
}

/** A value given by a caller that the input box would not have accepted. */
function invalid(problem: string): MlflowError {
  return new MlflowError(problem, 'INVALID_PARAMETER_VALUE');
}
