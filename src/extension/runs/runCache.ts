import * as vscode from 'vscode';
import { ClientErrorCode, MlflowError } from '../tracking/errors';
import type { Run } from '../tracking/model';
import type { StoreConnection } from '../store/storeConnection';

/**
 * The runs the extension holds, by id, for the store in use: what a view fetched is remembered,
 * so a panel opened on a row shows the run the row showed without asking the store again. Emptied
 * when the store changes (another store's run of the same id is another run).
 */
export class RunCache implements vscode.Disposable {
  private readonly runs = new Map<string, Run>();
  private readonly changes = new vscode.EventEmitter<{ readonly experimentIds: readonly string[] }>();
  /** Fires when runs of these experiments changed (written, refreshed). */
  readonly onDidChange = this.changes.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connection: StoreConnection) {
    this.subscription = connection.onDidChange(() => this.runs.clear());
  }

  remember(runs: readonly Run[]): void {
    for (const run of runs) this.runs.set(run.info.runId, run);
  }

  get(runId: string): Run | undefined {
    return this.runs.get(runId);
  }

  /** The runs with these ids, in this order; those not remembered are fetched (and remembered). */
  async load(runIds: readonly string[]): Promise<Run[]> {
    const missing = runIds.filter((runId) => !this.runs.has(runId));
    if (missing.length > 0) {
      const state = await this.connection.current();
      if (state.kind !== 'ready') {
        const message = 'No MLflow tracking store is open: choose one in the MLflow view.';
        throw new MlflowError(message, ClientErrorCode.connection);
      }
      this.remember(await Promise.all(missing.map((runId) => state.store.getRun(runId))));
    }
    return runIds.map((runId) => this.runs.get(runId)!);
  }

  /** Forgets the runs of these experiments and tells the listeners. */
  changed(experimentIds: readonly string[]): void {
    const changed = new Set(experimentIds);
    for (const [runId, run] of this.runs) if (changed.has(run.info.experimentId)) this.runs.delete(runId);
    this.changes.fire({ experimentIds });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changes.dispose();
  }
}
