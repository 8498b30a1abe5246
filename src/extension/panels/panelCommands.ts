import * as vscode from 'vscode';
import type { Run } from '../tracking/model';
import type { Panels } from './panels';
import { CommandId } from '../platform/commandIds';
import { pickRuns } from './panelRunPicker';
import type { CommandHandlers } from '../platform/registerCommand';
import { targetedRuns } from '../runs/runTarget';
import type { StoreConnection } from '../store/storeConnection';

/**
 * The panels' commands: "Compare Runs" (the runs selected in the sidebar, else picked from the
 * palette), "Add to Compare" (to the compare panel used last), "Open Run", and the preview a
 * click on a run opens (reused by the next click, like VS Code's preview editors). A caller may pass
 * run ids instead of tree rows: `('mlflow.compare.open', ['id1', 'id2'])`.
 */
export function panelCommands(selectedRuns: () => Run[], connection: StoreConnection, panels: Panels): CommandHandlers {
  const chosen = (args: readonly unknown[]): Run[] | string[] => {
    const [first] = args;
    if (Array.isArray(first) && first.length > 0 && first.every((id) => typeof id === 'string')) return first;
    if (typeof first === 'string' && first) return [first];
    return targetedRuns(args) ?? selectedRuns();
  };
  return {
    [CommandId.compareRuns]: async (...args: unknown[]) => {
      let runs = chosen(args);
      if (runs.length < 2) {
        const picked = await pick(connection, 'Compare Runs', true, runs);
        if (!picked) return;
        runs = picked;
      }
      if (runs.length === 0) return;
      panels.openCompare(runs);
    },
    [CommandId.addToCompare]: async (...args: unknown[]) => {
      let runs = chosen(args);
      if (runs.length === 0) {
        const picked = await pick(connection, 'Add to Compare', true, []);
        if (!picked || picked.length === 0) return;
        runs = picked;
      }
      if (!(await panels.addToCompare(runs))) panels.openCompare(runs);
    },
    [CommandId.openRun]: async (...args: unknown[]) => {
      let [run] = chosen(args);
      if (run === undefined) {
        [run] = (await pick(connection, 'Open Run', false, [])) ?? [];
        if (run === undefined) return;
      }
      openRun(panels, run, false);
    },
    [CommandId.previewRun]: (...args: unknown[]) => {
      // The clicked row only: VS Code passes no selection with a row's own command.
      const [run] = chosen(args.slice(0, 1));
      if (run !== undefined) openRun(panels, run, true);
    },
  };
}

/** A run given by id, or as the tree last fetched it (which spares the panel a request). */
function openRun(panels: Panels, run: Run | string, preview: boolean): void {
  if (typeof run === 'string') panels.openRun(run, undefined, { preview });
  else panels.openRun(run.info.runId, run, { preview });
}

async function pick(
  connection: StoreConnection,
  title: string,
  canPickMany: boolean,
  preselected: Run[] | string[],
): Promise<Run[] | undefined> {
  const state = await connection.current();
  if (state.kind !== 'ready') {
    void vscode.window.showInformationMessage('Open an MLflow tracking store first (MLflow: Select Tracking Store).');
    return undefined;
  }
  return pickRuns(state.store, {
    title,
    canPickMany,
    preselected: preselected.filter((run): run is Run => typeof run !== 'string'),
  });
}
