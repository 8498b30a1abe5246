import * as vscode from 'vscode';
import { pickExperiments } from '../panels/panelRunPicker';
import { CommandId } from '../platform/commandIds';
import type { StoreConnection } from '../store/storeConnection';
import type { RunsTables } from './runsTables';

/** An experiment as a sidebar row hands it to a command: `{ kind: 'experiment', experimentId }`. */
function experimentIdOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value) return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const node = value as { kind?: unknown; experimentId?: unknown };
  return node.kind === 'experiment' && typeof node.experimentId === 'string' ? node.experimentId : undefined;
}

/**
 * The experiments "Open Runs Table" acts on: the selected experiment rows when the clicked one is
 * among them (one table over all), else the clicked one; ids given by a caller
 * (`executeCommand('mlflow.runsTable.open', ['1', '2'])` or `('mlflow.runsTable.open', '1')`).
 * Empty from the palette: the caller asks.
 */
export function experimentsOf(args: readonly unknown[]): string[] {
  const [clicked, selection] = args;
  if (Array.isArray(clicked)) return clicked.flatMap((value) => experimentIdOf(value) ?? []);
  const first = experimentIdOf(clicked);
  if (first === undefined) return [];
  const selected = Array.isArray(selection) ? selection.flatMap((value) => experimentIdOf(value) ?? []) : [];
  return selected.includes(first) ? selected : [first];
}

/** "Open Runs Table" from an experiment's menu or inline action, several selected, or the palette. */
export function runsTableCommands(
  tables: RunsTables,
  connection: StoreConnection,
): Partial<Record<typeof CommandId.openRunsTable, (...args: unknown[]) => unknown>> {
  return {
    [CommandId.openRunsTable]: async (...args: unknown[]) => {
      let experimentIds = experimentsOf(args);
      if (experimentIds.length === 0) {
        const state = await connection.current();
        if (state.kind !== 'ready') {
          void vscode.window.showInformationMessage(
            'Open an MLflow tracking store first (MLflow: Select Tracking Store).',
          );
          return undefined;
        }
        const picked = await pickExperiments(state.store, { title: 'Open Runs Table', canPickMany: true });
        experimentIds = picked?.map((experiment) => experiment.experimentId) ?? [];
      }
      return experimentIds.length > 0 ? tables.open(experimentIds) : undefined;
    },
  };
}
