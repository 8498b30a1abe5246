import type * as vscode from 'vscode';
import type { RunsTableState } from '../../webview/protocol';
import { runsTableState } from '../../webview/protocol';

const KEY_PREFIX = 'mlflow.runsTable.state:';

/**
 * The table's view (filter, sort, columns, grouping, selection) remembered per experiment, or per
 * set of experiments for a table over several, in the workspace state: opening the table again
 * shows it as it was left. What comes back is checked like any message, since an older version of
 * the extension (or a hand-edited state) may have stored something else.
 */
export class RunsTableStates {
  constructor(private readonly workspaceState: vscode.Memento) {}

  get(experimentIds: readonly string[]): RunsTableState | undefined {
    const stored: unknown = this.workspaceState.get(key(experimentIds));
    return runsTableState(stored) ? stored : undefined;
  }

  save(experimentIds: readonly string[], state: RunsTableState): Thenable<void> {
    return this.workspaceState.update(key(experimentIds), state);
  }
}

/** The same experiments in any order are the same table. */
function key(experimentIds: readonly string[]): string {
  return KEY_PREFIX + [...new Set(experimentIds)].sort().join(',');
}
