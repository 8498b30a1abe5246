import type * as vscode from 'vscode';
import type { Run } from '../tracking/model';
import type { StoreConnection } from '../store/storeConnection';

/** What the cache needs of the connection: the store in use, and word when it or its workspace changes. */
type RunSourceConnection = Pick<StoreConnection, 'current' | 'onDidChange' | 'onDidChangeWorkspace'>;

/** The change event a write fires. */
interface RunsChanged {
  readonly experimentIds: readonly string[];
}

/**
 * The runs of the store in use as the views last fetched them, one copy per run id, shared by the
 * sidebar, the panels and the runs table: a view that loaded a run hands it to the others (no
 * second request for what is on screen), and a write announces which experiments changed so every
 * view fetches them again. Emptied when the store or its MLflow workspace changes, since a run id
 * then names another store's run, or none.
 */
export class RunCache implements vscode.Disposable {
  private readonly runs = new Map<string, Run>();
  // A plain listener set rather than vscode.EventEmitter: the cache then loads no 'vscode' at run
  // time, so its tests run in plain Node against a real store.
  private readonly listeners = new Set<(event: RunsChanged) => void>();
  /** Fires after a write to runs of these experiments: views showing them fetch them again. */
  readonly onDidChange: vscode.Event<RunsChanged> = (listener, thisArgs?: unknown, disposables?) => {
    const bound = (event: RunsChanged): void => void listener.call(thisArgs, event);
    this.listeners.add(bound);
    const subscription = { dispose: () => void this.listeners.delete(bound) };
    disposables?.push(subscription);
    return subscription;
  };
  private readonly subscriptions: vscode.Disposable[];
  /** Bumped when the cache is emptied, so a fetch begun before that does not refill it with stale runs. */
  private generation = 0;

  constructor(private readonly connection: RunSourceConnection) {
    this.subscriptions = [
      connection.onDidChange(() => this.clear()),
      connection.onDidChangeWorkspace(() => this.clear()),
    ];
  }

  /** Keeps these runs; a run already kept is replaced (the newest copy wins). */
  remember(runs: readonly Run[]): void {
    for (const run of runs) this.runs.set(run.info.runId, run);
  }

  get(runId: string): Run | undefined {
    return this.runs.get(runId);
  }

  /**
   * The runs of these ids, in the order given: the kept ones as they are, the others fetched from
   * the store in use (and kept). Rejects when the store cannot be opened or a run cannot be read.
   */
  async load(runIds: readonly string[]): Promise<Run[]> {
    const missing = [...new Set(runIds.filter((runId) => !this.runs.has(runId)))];
    const fetched = new Map<string, Run>();
    if (missing.length > 0) {
      const generation = this.generation;
      const state = await this.connection.current();
      if (state.kind !== 'ready') throw new Error('No MLflow tracking store is open.');
      const runs = await Promise.all(missing.map((runId) => state.store.getRun(runId)));
      // Kept under the id asked for: what a store answers is not trusted to name the run asked.
      missing.forEach((runId, index) => fetched.set(runId, runs[index]!));
      if (generation === this.generation) for (const [runId, run] of fetched) this.runs.set(runId, run);
    }
    return runIds.map((runId) => (this.runs.get(runId) ?? fetched.get(runId))!);
  }

  /** Says that runs of these experiments were written: their kept copies go, and every view showing them fetches them again. */
  changed(experimentIds: readonly string[]): void {
    // The kept copies of those experiments' runs are stale now: the next `load` fetches them.
    const stale = new Set(experimentIds);
    for (const [runId, run] of this.runs) if (stale.has(run.info.experimentId)) this.runs.delete(runId);
    const event = { experimentIds: [...new Set(experimentIds)] };
    // Every listener hears of it even when one throws; the first failure is then the caller's.
    let failure: { error: unknown } | undefined;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.listeners.clear();
    this.runs.clear();
  }

  private clear(): void {
    this.generation++;
    this.runs.clear();
  }
}
