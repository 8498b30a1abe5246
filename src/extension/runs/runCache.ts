import * as vscode from 'vscode';
import type { StoreConnection } from '../store/storeConnection';
import type { Run } from '../tracking/model';
import type { CallOptions } from '../tracking/trackingStore';

/** The runs of one or more experiments changed in the store (a write, a refresh that saw news). */
export interface RunsChanged {
  experimentIds: readonly string[];
}

/**
 * The runs the views have fetched, by id, for the store in use: what the tree, the panels and the
 * runs table last read, so one of them can hand a run to another without fetching it again. It is
 * emptied when the store changes; `changed` drops an experiment's runs and tells the others.
 */
export class RunCache implements vscode.Disposable {
  private readonly runs = new Map<string, Run>();
  private readonly changes = new vscode.EventEmitter<RunsChanged>();
  /** Fires after `changed`: views showing those experiments fetch again. */
  readonly onDidChange = this.changes.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connection: StoreConnection) {
    this.subscription = connection.onDidChange(() => this.runs.clear());
  }

  /** Keeps the runs as just fetched (a newer fetch replaces an older one). */
  remember(runs: Iterable<Run>): void {
    for (const run of runs) this.runs.set(run.info.runId, run);
  }

  get(runId: string): Run | undefined {
    return this.runs.get(runId);
  }

  /** The runs by id, from the cache when there, else from the store (and kept); in the order asked. */
  async load(runIds: readonly string[], options?: CallOptions): Promise<Run[]> {
    const missing = runIds.filter((runId) => !this.runs.has(runId));
    if (missing.length > 0) {
      const state = await this.connection.current();
      if (state.kind !== 'ready') throw new Error('No MLflow tracking store is open.');
      this.remember(await Promise.all(missing.map((runId) => state.store.getRun(runId, options))));
    }
    return runIds.flatMap((runId) => this.runs.get(runId) ?? []);
  }

  /** The experiments' runs changed in the store: forgets them and tells every view. */
  changed(experimentIds: readonly string[]): void {
    const changed = new Set(experimentIds);
    for (const [runId, run] of this.runs) if (changed.has(run.info.experimentId)) this.runs.delete(runId);
    this.changes.fire({ experimentIds: [...changed] });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changes.dispose();
    this.runs.clear();
  }
}
