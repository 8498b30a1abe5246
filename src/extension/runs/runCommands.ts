import * as vscode from 'vscode';
import { messageText } from '../platform/untrustedText';
import { MlflowError } from '../tracking/errors';
import { SystemTags } from '../tracking/model';
import type { Run } from '../tracking/model';
import type { TrackingStore } from '../tracking/trackingStore';
import { CommandId } from '../platform/commandIds';
import type { CommandRegistry } from '../platform/registerCommand';
import type { StoreConnection } from '../store/storeConnection';
import type { RunCache } from './runCache';
import { runNameProblem, runPageUrl, tagKeyProblem, tagValueProblem } from './runEdits';
import { runLabel, runCommit } from './runPresentation';
import { targetedRuns } from './runTarget';

/** At most this many browser tabs are opened at once. */
const MAX_PAGES_OPENED = 10;

/**
 * What can be done to one or more runs, from the sidebar's rows or the runs table's (`{ run }`
 * targets), or from the palette (the sidebar's selection then). Writes go to the store in use (a
 * server: local stores are read-only and their menus offer no writes); afterwards the run cache
 * says which experiments changed, and the views showing them fetch them again. A caller may pass
 * the value a command would ask for after the (run, selection) arguments, e.g.
 * ('mlflow.run.rename', run, [run], 'new name').
 */
export class RunCommands implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  /** `selectedRuns`: the runs selected in the sidebar, for a command invoked with none. */
  constructor(
    private readonly connection: StoreConnection,
    private readonly cache: RunCache,
    private readonly selectedRuns: () => readonly Run[],
    commands: CommandRegistry,
  ) {
    const targets = (args: readonly unknown[]): readonly Run[] => targetedRuns(args) ?? this.selectedRuns();
    this.disposables = commands.registerAll({
      [CommandId.copyRunId]: (...args: unknown[]) =>
        copy(
          targets(args).map((run) => run.info.runId),
          'run ID',
        ),
      [CommandId.copyCommitId]: (...args: unknown[]) =>
        copy(
          targets(args).flatMap((run) => runCommit(run) ?? []),
          'commit ID',
        ),
      [CommandId.openRunInBrowser]: (...args: unknown[]) => this.openInBrowser(targets(args)),
      [CommandId.renameRun]: (...args: unknown[]) => this.rename(targets(args), args[2]),
      [CommandId.setRunTag]: (...args: unknown[]) => this.setTag(targets(args), args[2], args[3]),
      [CommandId.editRunDescription]: (...args: unknown[]) => this.editDescription(targets(args), args[2]),
      [CommandId.deleteRun]: (...args: unknown[]) => this.deleteOrRestore(targets(args), 'delete'),
      [CommandId.restoreRun]: (...args: unknown[]) => this.deleteOrRestore(targets(args), 'restore'),
    });
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  /** The store the runs were shown from, when it is open. */
  private get store(): TrackingStore | undefined {
    const state = this.connection.settled;
    return state?.kind === 'ready' ? state.store : undefined;
  }

  private async openInBrowser(runs: readonly Run[]): Promise<void> {
    const store = this.store;
    if (!store) return;
    for (const run of runs.slice(0, MAX_PAGES_OPENED)) {
      const url =
        store.webUiUrl === undefined ? undefined : runPageUrl(store.webUiUrl, run.info.experimentId, run.info.runId);
      if (url === undefined) {
        void vscode.window.showInformationMessage(`${messageText(store.description)} has no web UI to open a run in.`);
        return;
      }
      await vscode.env.openExternal(vscode.Uri.parse(url, true));
    }
  }

  private async rename(runs: readonly Run[], given: unknown): Promise<void> {
    const [run] = runs;
    if (!run) return;
    const name =
      typeof given === 'string'
        ? given
        : await vscode.window.showInputBox({
            title: 'Rename Run',
            value: runLabel(run),
            prompt: `New name of run ${run.info.runId}`,
            validateInput: runNameProblem,
          });
    if (name === undefined) return;
    const problem = runNameProblem(name);
    if (problem) throw invalid(problem);
    await this.write([run], (store, runId) => store.updateRun(runId, { runName: name.trim() }));
  }

  private async setTag(runs: readonly Run[], givenKey: unknown, givenValue: unknown): Promise<void> {
    if (runs.length === 0) return;
    const subject = runs.length === 1 ? `run ${messageText(runLabel(runs[0]!))}` : `${runs.length} runs`;
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
    const existing = runs.length === 1 ? runs[0]!.data.tags[key] : undefined;
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
    await this.write(runs, (store, runId) => store.setTag(runId, key, value));
  }

  private async editDescription(runs: readonly Run[], given: unknown): Promise<void> {
    const [run] = runs;
    if (!run) return;
    const current = run.data.tags[SystemTags.note];
    const text =
      typeof given === 'string'
        ? given
        : await vscode.window.showInputBox({
            title: `Description of ${messageText(runLabel(run))}`,
            value: current ?? '',
            prompt: 'Shown as the run description in MLflow (the mlflow.note.content tag). Empty removes it.',
            validateInput: tagValueProblem,
          });
    if (text === undefined || text === (current ?? '')) return;
    const valueProblem = tagValueProblem(text);
    if (valueProblem) throw invalid(valueProblem);
    await this.write([run], (store, runId) =>
      text === '' ? store.deleteTag(runId, SystemTags.note) : store.setTag(runId, SystemTags.note, text),
    );
  }

  private async deleteOrRestore(runs: readonly Run[], action: 'delete' | 'restore'): Promise<void> {
    const wanted = runs.filter((run) => (run.info.lifecycleStage === 'deleted') === (action === 'restore'));
    if (wanted.length === 0) return;
    const verb = action === 'delete' ? 'Delete' : 'Restore';
    const subject = wanted.length === 1 ? `run "${messageText(runLabel(wanted[0]!))}"` : `${wanted.length} runs`;
    const detail =
      action === 'delete'
        ? 'Deleted runs are hidden but kept by MLflow until its garbage collection; "Restore Run" brings them back.'
        : 'The runs become active again.';
    const confirmed = await vscode.window.showWarningMessage(`${verb} ${subject}?`, { modal: true, detail }, verb);
    if (confirmed !== verb) return;
    await this.write(wanted, (store, runId) =>
      action === 'delete' ? store.deleteRun(runId) : store.restoreRun(runId),
    );
  }

  /** Runs `operation` on each run with progress, then fetches the runs' experiments again (also after a failure). */
  private async write(
    runs: readonly Run[],
    operation: (store: TrackingStore, runId: string) => Promise<unknown>,
  ): Promise<void> {
    const store = this.store;
    if (!store) return;
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'MLflow' },
        async (progress) => {
          for (const [index, run] of runs.entries()) {
            progress.report({ message: `${messageText(runLabel(run))} (${index + 1} of ${runs.length})` });
            await operation(store, run.info.runId);
          }
        },
      );
    } finally {
      this.cache.changed(runs.map((run) => run.info.experimentId));
    }
  }
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

/** A value given by a caller that the input box would not have accepted. */
function invalid(problem: string): MlflowError {
  return new MlflowError(problem, 'INVALID_PARAMETER_VALUE');
}
