import * as vscode from 'vscode';
import type { StoreConnection, StoreState } from '../store/storeConnection';
import type { ScopedLogger } from '../platform/logger';
import { isCancellation, errorMessage } from '../tracking/errors';
import type { ExperimentRunList } from './experimentRunList';
import type { LoadingTracker } from './loadingTracker';
import type { RunDisplayContext } from '../runs/runPresentation';
import type { RunQuery } from './runQuery';
import { NodeCache } from './sidebarNodes';
import type { ExperimentNode, SidebarNode } from './sidebarNodes';
import { SidebarModel } from './sidebarModel';
import type { SidebarOptions } from './sidebarModel';
import { sidebarRow } from './sidebarRows';

/** What the provider needs besides the connection: the options of a model and the run rows' context. */
export interface TreeContext extends Omit<SidebarOptions, 'queryFor'> {
  queryFor(storeUri: string, experimentId: string): RunQuery;
  displayContext(model: SidebarModel): RunDisplayContext;
  /** The metric picked with Show Metric… for an experiment of a store, if any. */
  chosenMetric(storeUri: string, experimentId: string): string | undefined;
  /** The MLflow workspace to show of the store at `storeUri` (stores with workspaces, MLflow 3.10+). */
  workspaceFor(storeUri: string): string;
  /** Told about a failure at the top of the tree (e.g. to offer signing in on a 401). */
  onRootError(error: unknown): void;
}

/**
 * The MLflow tree: experiments, their runs a page at a time, child runs under their parents.
 * Data comes from a `SidebarModel` of the store in use; a new store means a new model. Failures
 * become one row saying what failed, with Retry; nothing is ever an empty tree by accident.
 */
export class ExperimentsTreeProvider implements vscode.TreeDataProvider<SidebarNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SidebarNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly modelChanged = new vscode.EventEmitter<SidebarModel | undefined>();
  /** Fires when the store in use was found, failed or went away, and when its experiments were (re)loaded. */
  readonly onDidChangeModel = this.modelChanged.event;
  private readonly nodes = new NodeCache();
  private readonly subscriptions: vscode.Disposable[] = [];
  private model: SidebarModel | undefined;
  private modelUri: string | undefined;
  private state: StoreState | undefined;
  private rootError: unknown;
  private readonly runErrors = new Map<string, unknown>();

  constructor(
    private readonly connection: StoreConnection,
    private readonly context: TreeContext,
    private readonly loading: LoadingTracker,
    private readonly logger: ScopedLogger,
  ) {
    this.subscriptions.push(connection.onDidChange(() => this.forgetStore()));
  }

  /** The model of the store in use, once the view has shown it. */
  get currentModel(): SidebarModel | undefined {
    return this.model;
  }

  get storeState(): StoreState | undefined {
    return this.state;
  }

  /** The URI of the store whose experiments are shown (queries are kept per store). */
  get storeUri(): string | undefined {
    return this.model ? this.modelUri : undefined;
  }

  getTreeItem(node: SidebarNode): vscode.TreeItem {
    return sidebarRow(node, {
      model: this.model,
      state: this.state,
      rootError: this.rootError,
      runErrors: this.runErrors,
      displayContext: (model) => this.context.displayContext(model),
      chosenMetric: (experimentId) =>
        this.modelUri === undefined ? undefined : this.context.chosenMetric(this.modelUri, experimentId),
    });
  }

  async getChildren(node?: SidebarNode): Promise<SidebarNode[]> {
    if (node === undefined) return this.rootChildren();
    if (node.kind === 'experiment') return this.experimentChildren(node.experimentId);
    if (node.kind === 'run') {
      const forest = this.model?.runList(node.experimentId).forest();
      return (forest?.childrenOf(node.runId) ?? []).map((runId) =>
        this.nodes.run(node.experimentId, runId, forest?.run(runId)),
      );
    }
    return [];
  }

  getParent(node: SidebarNode): SidebarNode | undefined {
    if (node.kind === 'experiment' || (node.kind === 'message' && node.experimentId === undefined)) return undefined;
    const experimentId = node.experimentId!;
    if (node.kind === 'run') {
      const forest = this.model?.runList(experimentId).forest();
      const parent = forest?.parentOf(node.runId);
      if (parent !== undefined) return this.nodes.run(experimentId, parent, forest?.run(parent));
    }
    return this.nodes.experiment(experimentId);
  }

  experimentNode(experimentId: string): ExperimentNode {
    return this.nodes.experiment(experimentId);
  }

  /** Fetches the next page of an experiment's runs. */
  async loadMore(experimentId: string): Promise<void> {
    const model = this.model;
    if (!model) return;
    try {
      await this.loading.run((signal) => model.runList(experimentId).loadNextPage({ signal }));
    } catch (error) {
      this.noteRunError(experimentId, error);
    }
    this.changed.fire(this.nodes.experiment(experimentId));
  }

  /** Fetches the listed runs of these experiments again (after a write), keeping how many are shown. */
  async reloadRuns(experimentIds: Iterable<string>): Promise<void> {
    const model = this.model;
    if (!model) return;
    for (const experimentId of new Set(experimentIds)) {
      const list = model.runList(experimentId);
      if (!list.isLoaded) continue;
      try {
        await this.loading.run((signal) => list.reload({ signal }));
      } catch (error) {
        this.noteRunError(experimentId, error);
      }
      this.changed.fire(this.nodes.experiment(experimentId));
    }
  }

  /** Draws every row again from what is loaded (HEAD moved, a display setting changed); fetches nothing. */
  redraw(): void {
    this.changed.fire(undefined);
  }

  /** The experiment's query changed (filter, sort): its runs are fetched again with it. */
  queryChanged(experimentId: string): void {
    this.model?.dropRunList(experimentId);
    this.runErrors.delete(experimentId);
    this.changed.fire(this.nodes.experiment(experimentId));
  }

  /** Something that shapes every list changed (deleted shown, page size): start over with this store. */
  reloadAll(): void {
    this.model = undefined;
    this.clearErrors();
    this.changed.fire(undefined);
  }

  /** Tries an experiment's runs again after a failure. */
  retryRuns(experimentId: string): void {
    this.runErrors.delete(experimentId);
    this.model?.dropRunList(experimentId);
    this.changed.fire(this.nodes.experiment(experimentId));
  }

  /** Retry after a failure at the top: reopen the store and load everything again. */
  retry(): void {
    this.connection.reset();
  }

  /**
   * Fetches everything shown again and swaps it in at once, so expanded and selected rows stay
   * and nothing blinks. With no store yet, or a failed one, it looks for a store again.
   */
  async refresh(options: { onlyRunning?: boolean; quiet?: boolean } = {}): Promise<void> {
    const model = this.model;
    if (!model || this.rootError !== undefined || this.state?.kind !== 'ready') {
      if (!options.quiet) this.retry();
      return;
    }
    try {
      const work = (signal?: AbortSignal) => model.refresh({ signal, onlyRunning: options.onlyRunning });
      await (options.quiet ? work() : this.loading.run(work));
    } catch (error) {
      if (isCancellation(error)) return;
      this.logger.warn(`refresh failed: ${errorMessage(error)}`);
      if (options.quiet) return;
      this.rootError = error;
      this.context.onRootError(error);
    }
    if (model !== this.model) return;
    this.changed.fire(undefined);
    if (!options.onlyRunning) this.modelChanged.fire(model);
  }

  dispose(): void {
    for (const disposable of this.subscriptions) disposable.dispose();
    this.changed.dispose();
    this.modelChanged.dispose();
  }

  private async rootChildren(): Promise<SidebarNode[]> {
    const state = await this.connection.current();
    if (state !== this.state) {
      this.state = state;
      if (state.kind === 'failed') this.context.onRootError(state.error);
      if (state.kind !== 'ready') this.modelChanged.fire(undefined);
    }
    if (state.kind === 'none') return [];
    if (state.kind === 'failed') return [this.nodes.message()];
    const model = this.modelFor(state);
    if (model.experiments === undefined && this.rootError === undefined) {
      try {
        await this.loading.run((signal) => model.loadExperiments({ signal }));
        this.modelChanged.fire(model);
      } catch (error) {
        if (model !== this.model) return [];
        this.rootError = error;
        this.logger.warn(`listing experiments failed: ${errorMessage(error)}`);
        this.context.onRootError(error);
      }
    }
    if (this.rootError !== undefined || model.experiments === undefined) return [this.nodes.message()];
    return model.experiments.map((experiment) => this.nodes.experiment(experiment.experimentId));
  }

  private async experimentChildren(experimentId: string): Promise<SidebarNode[]> {
    const model = this.model;
    if (!model) return [];
    const list = model.runList(experimentId);
    if (!list.isLoaded && !this.runErrors.has(experimentId)) {
      try {
        await this.loading.run((signal) => list.loadNextPage({ signal }));
        // The experiment's row shows the run count, known only now.
        setTimeout(() => this.changed.fire(this.nodes.experiment(experimentId)), 0);
      } catch (error) {
        if (model.runList(experimentId) === list) this.noteRunError(experimentId, error);
      }
      // A new query or store while this page was on its way: show what is current instead.
      if (model !== this.model) return [];
      if (model.runList(experimentId) !== list) return this.experimentChildren(experimentId);
    }
    if (this.runErrors.has(experimentId) || !list.isLoaded) return [this.nodes.message(experimentId)];
    return this.runRows(experimentId, list);
  }

  private runRows(experimentId: string, list: ExperimentRunList): SidebarNode[] {
    const forest = list.forest();
    const rows: SidebarNode[] = forest.roots.map((runId) => this.nodes.run(experimentId, runId, forest.run(runId)));
    if (list.hasMore) rows.push(this.nodes.loadMore(experimentId));
    return rows.length > 0 ? rows : [this.nodes.message(experimentId)];
  }

  private noteRunError(experimentId: string, error: unknown): void {
    this.runErrors.set(experimentId, error);
    if (!isCancellation(error)) {
      this.logger.warn(`listing runs of experiment ${experimentId} failed: ${errorMessage(error)}`);
    }
  }

  private modelFor(state: StoreState & { kind: 'ready' }): SidebarModel {
    if (!this.model || this.modelUri !== state.uri || this.model.store !== state.store) {
      state.store.useWorkspace?.(this.context.workspaceFor(state.uri));
      this.model = new SidebarModel(state.store, {
        pageSize: () => this.context.pageSize(),
        showDeleted: () => this.context.showDeleted(),
        queryFor: (experimentId) => this.context.queryFor(state.uri, experimentId),
      });
      this.modelUri = state.uri;
      this.clearErrors();
    }
    return this.model;
  }

  private forgetStore(): void {
    this.model = undefined;
    this.modelUri = undefined;
    this.state = undefined;
    this.clearErrors();
    this.nodes.clear();
    this.modelChanged.fire(undefined);
    this.changed.fire(undefined);
  }

  private clearErrors(): void {
    this.rootError = undefined;
    this.runErrors.clear();
  }
}
