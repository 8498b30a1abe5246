import * as vscode from 'vscode';
import { userInfo } from 'node:os';
import { CommandId, ContextKey } from '../platform/commandIds';
import type { ScopedLogger } from '../platform/logger';
import { formatMetricValue } from '../../webview/shared/format';
import type { Settings } from '../platform/settings';
import { escapeMarkdown, messageText, shortName } from '../platform/untrustedText';
import type { RunCache } from '../runs/runCache';
import { runContextValue, runDescription, runIcon, runLabel } from '../runs/runPresentation';
import type { IconSpec, RunDisplayContext } from '../runs/runPresentation';
import type { StoreConnection, StoreState } from '../store/storeConnection';
import { isCancellation, errorMessage, MlflowAuthError } from '../tracking/errors';
import type { Experiment, Metric, Run } from '../tracking/model';
import { showBidiControls } from '../../webview/shared/bidiControls';
import type { WorkspaceHeads } from './heads';
import type { LoadingTracker } from './loading';
import {
  describeError,
  experimentContextValue,
  experimentDescription,
  experimentIcon,
  experimentTooltip,
  runTooltip,
} from './presentation';
import type { ErrorDisplay, ExperimentRunsSummary } from './presentation';
import { SidebarModel } from './runList';
import type { ExperimentRunList, RunForest } from './runList';
import { describeFilterKeyProblems, describeSortField, RunQueries, shownMetric, ShownMetricChoices } from './runQuery';
import type { RunQuery, RunSort } from './runQuery';
import { NodeCache } from './treeNodes';
import type { ExperimentNode, SidebarNode } from './treeNodes';

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
  /** The message a sign-in was last offered for: offered once per message, not on every redraw of the error row. */
  private signInOffered: string | undefined;
  /** Each experiment's filter and sort, per store. */
  readonly queries: RunQueries;
  /** The metric each experiment's run rows show, when picked with Show Metric…. */
  readonly shownMetrics: ShownMetricChoices;
  /** Whether deleted experiments and runs are listed. */
  readonly showDeleted: ShowDeleted;
  /** The OS user, whose name run rows leave out. */
  private readonly currentUser = osUser();

  constructor(
    private readonly connection: StoreConnection,
    private readonly settings: Settings,
    private readonly heads: WorkspaceHeads,
    private readonly cache: RunCache,
    private readonly loading: LoadingTracker,
    workspaceState: vscode.Memento,
    private readonly logger: ScopedLogger,
  ) {
    this.queries = new RunQueries(workspaceState);
    this.shownMetrics = new ShownMetricChoices(workspaceState);
    this.showDeleted = new ShowDeleted(workspaceState);
    this.subscriptions.push(
      connection.onDidChange(() => this.forgetStore()),
      connection.onDidChangeWorkspace(() => this.reloadAll()),
      // A write to runs (from any view) shows in the lists of their experiments.
      cache.onDidChange(({ experimentIds }) => void this.reloadRuns(experimentIds)),
    );
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

  /** The TreeItem for one node, from what is loaded now; a node whose data is gone says so. */
  getTreeItem(node: SidebarNode): vscode.TreeItem {
    return this.row(node);
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
      const list = model.runList(experimentId);
      await this.loading.run((signal) => list.loadNextPage({ signal }));
      this.cache.remember(list.runs);
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
        this.cache.remember(list.runs);
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
      for (const list of model.loadedRunLists()) this.cache.remember(list.runs);
    } catch (error) {
      if (isCancellation(error)) return;
      this.logger.warn(`refresh failed: ${errorMessage(error)}`);
      if (options.quiet) return;
      this.rootError = error;
      this.offerSignIn(error);
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
      if (state.kind === 'failed') this.offerSignIn(state.error);
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
        this.offerSignIn(error);
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
        this.cache.remember(list.runs);
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
      this.model = new SidebarModel(state.store, {
        pageSize: () => this.settings.runsPageSize,
        showDeleted: () => this.showDeleted.value,
        queryFor: (experimentId) => this.queries.get(state.uri, experimentId),
      });
      this.modelUri = state.uri;
      this.clearErrors();
    }
    return this.model;
  }

  private row(node: SidebarNode): vscode.TreeItem {
    const { model } = this;
    switch (node.kind) {
      case 'experiment': {
        const experiment = model?.experiment(node.experimentId);
        if (!model || !experiment) return infoItem(node, 'Experiment no longer listed');
        const list = model.runList(node.experimentId);
        return experimentItem(node, experiment, list.options.query, list.isLoaded ? list.summary : undefined);
      }
      case 'run': {
        const list = model?.runList(node.experimentId);
        const forest = list?.forest();
        const run = forest?.run(node.runId);
        if (!model || !list || !forest || !run) return infoItem(node, 'Run no longer listed');
        const hasChildren = forest.childrenOf(node.runId).length > 0;
        const base = this.displayContext(model);
        const { sort } = list.options.query;
        const counts = list.knownKeys().metric;
        const shown = shownMetric({
          chosen: this.modelUri === undefined ? undefined : this.shownMetrics.get(this.modelUri, node.experimentId),
          setting: base.primaryMetric,
          sort,
          counts,
        });
        const context = { ...base, primaryMetric: shown?.key ?? '' };
        const notes = [placementNote(forest, node.runId, sort)];
        if (!forest.isListed(node.runId))
          notes.push('Shown as the parent of listed runs; it is not in the list itself.');
        const note = notes.filter((text) => text !== undefined).join(' ') || undefined;
        return runItem(node, run, hasChildren, context, note, bestChildMetric(forest, node.runId, sort));
      }
      case 'loadMore':
        return loadMoreItem(node, model?.runList(node.experimentId).summary ?? { loaded: 0, complete: false });
      case 'message':
        return this.messageRow(node);
    }
  }

  /** An error row (with its Retry or Sign In), or a row saying there is nothing to list. */
  private messageRow(node: SidebarNode & { kind: 'message' }): vscode.TreeItem {
    const { state } = this;
    const where = state?.kind === 'ready' ? state.store.description : state?.kind === 'failed' ? state.uri : '';
    if (node.experimentId === undefined) {
      return errorItem(node, describeError(state?.kind === 'failed' ? state.error : this.rootError, where));
    }
    const error = this.runErrors.get(node.experimentId);
    if (error !== undefined) return errorItem(node, describeError(error, where));
    const filter = this.model?.runList(node.experimentId).options.query.filter;
    if (filter === undefined || !this.model) return infoItem(node, 'No runs');
    // Most filters that match nothing name a key no run has: say which, and the key meant.
    const problems = describeFilterKeyProblems(filter, this.model.knownKeys(node.experimentId));
    return infoItem(node, 'No runs match the filter', problems.join('; ') || undefined);
  } /** What a run row needs to know beyond the run: now, HEAD, the store's capabilities. */
  private displayContext(model: SidebarModel): RunDisplayContext {
    return {
      now: Date.now(),
      currentUser: this.currentUser,
      primaryMetric: this.settings.runsPrimaryMetric,
      headCommits: this.heads.current,
      repositoryRoots: this.heads.roots,
      canWrite: model.store.writable,
      hasWebUi: model.store.webUiUrl !== undefined,
    };
  }

  /** A failure at the top of the tree that a sign-in may fix (a 401) offers one. */
  private offerSignIn(error: unknown): void {
    if (!(error instanceof MlflowAuthError) || this.signInOffered === error.message) return;
    this.signInOffered = error.message;
    void vscode.window.showWarningMessage(messageText(error.message), 'Sign In…').then((choice) => {
      if (choice) void vscode.commands.executeCommand(CommandId.signIn);
    });
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

/** The sort metric of the descendant that places a parent, when the runs are sorted by a metric it has. */
function bestChildMetric(forest: RunForest, runId: string, sort: RunSort): Metric | undefined {
  const by = forest.placedBy(runId);
  if (by === undefined || sort.field.kind !== 'metric') return undefined;
  return forest.run(by)?.data.metrics[sort.field.key];
}

/** Why a parent stands where it does, for its tooltip: the run placing it, and the rule. */
function placementNote(forest: RunForest, runId: string, sort: RunSort): string | undefined {
  const by = forest.placedBy(runId);
  const child = by === undefined ? undefined : forest.run(by);
  if (!child) return undefined;
  const metric = sort.field.kind === 'metric' ? child.data.metrics[sort.field.key] : undefined;
  const value = metric ? ` (${formatMetricValue(metric.value)})` : '';
  return (
    `Placed by its child run ${runLabel(child)}${value}: sorted by ${describeSortField(sort.field)}, ` +
    'a parent stands where its best-placed child does, so a sweep sorts as one result.'
  );
}

/** Untrusted text becomes markdown that renders as text: no HTML, no command links, no icons. */
function tooltip(markdown: string): vscode.MarkdownString {
  const result = new vscode.MarkdownString(markdown, false);
  result.isTrusted = false;
  result.supportHtml = false;
  return result;
}

function icon(spec: IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(spec.id, spec.color ? new vscode.ThemeColor(spec.color) : undefined);
}

export function experimentItem(
  node: SidebarNode,
  experiment: Experiment,
  query: RunQuery,
  summary: ExperimentRunsSummary | undefined,
): vscode.TreeItem {
  // Names are cut and their bidi controls shown (a row is no place for 6,000 characters or a U+202E); the tooltip has them in full.
  const item = new vscode.TreeItem(shortName(experiment.name), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = showBidiControls(experimentDescription(experiment, query, summary));
  item.tooltip = tooltip(experimentTooltip(experiment, query));
  item.contextValue = experimentContextValue(experiment, query);
  item.iconPath = icon(experimentIcon(experiment, query));
  return item;
}

export function runItem(
  node: SidebarNode,
  run: Run,
  hasChildren: boolean,
  context: RunDisplayContext,
  note?: string,
  bestChild?: Metric,
): vscode.TreeItem {
  const state = hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(shortName(runLabel(run)), state);
  item.id = node.id;
  item.description = showBidiControls(runDescription(run, context, bestChild));
  item.tooltip = tooltip(runTooltip(run, context, note));
  item.contextValue = runContextValue(run, context);
  item.iconPath = icon(runIcon(run));
  // A click shows the run in the preview run panel (Enter does too); ctrl/shift-clicks only select.
  item.command = { command: CommandId.previewRun, title: 'Open Run', arguments: [node] };
  return item;
}

export function loadMoreItem(
  node: SidebarNode & { experimentId: string },
  summary: ExperimentRunsSummary,
): vscode.TreeItem {
  const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = `${summary.loaded} loaded`;
  item.contextValue = 'loadMore';
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = { command: CommandId.loadMoreRuns, title: 'Load More Runs', arguments: [node.experimentId] };
  return item;
}

/** A row that says what failed, with the action that may fix it on click and inline. */
export function errorItem(node: SidebarNode, display: ErrorDisplay): vscode.TreeItem {
  const item = new vscode.TreeItem(showBidiControls(display.label), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = showBidiControls(display.description);
  const hint = display.action === 'signIn' ? 'Click to sign in.' : 'Click to try again.';
  item.tooltip = tooltip(`${display.detail.split('\n').map(escapeMarkdown).join('  \n')}\n\n*${hint}*`);
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  // `storeError` (the store as a whole: Retry reopens it) or `runsError` (one experiment's runs).
  const underExperiment = node.kind === 'message' && node.experimentId !== undefined;
  item.contextValue = `${underExperiment ? 'runsError' : 'storeError'}${display.action === 'signIn' ? ' error.signIn' : ''}`;
  const retry: vscode.Command = underExperiment
    ? { command: CommandId.retryRuns, title: 'Retry', arguments: [node.experimentId] }
    : { command: CommandId.retryConnection, title: 'Retry' };
  item.command = display.action === 'signIn' ? { command: CommandId.signIn, title: 'Sign In' } : retry;
  return item;
}

/** A row that only informs (no runs, no match); a warning (a filter key no run has) shows beside it. */
export function infoItem(node: SidebarNode, label: string, warning?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = 'info';
  item.iconPath = warning
    ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
    : new vscode.ThemeIcon('info');
  if (warning) {
    item.description = showBidiControls(warning);
    item.tooltip = showBidiControls(warning);
  }
  return item;
}

const SHOW_DELETED_KEY = 'mlflow.showDeleted';

/** "Show Deleted", kept per workspace and mirrored in a context key for the view's menus. */
export class ShowDeleted {
  private shown: boolean;

  constructor(private readonly memento: vscode.Memento) {
    this.shown = memento.get<unknown>(SHOW_DELETED_KEY) === true;
    void vscode.commands.executeCommand('setContext', ContextKey.showDeleted, this.shown);
  }

  get value(): boolean {
    return this.shown;
  }

  async set(value: boolean): Promise<void> {
    this.shown = value;
    void vscode.commands.executeCommand('setContext', ContextKey.showDeleted, value);
    await this.memento.update(SHOW_DELETED_KEY, value);
  }
}

/** The OS user, whose name run rows leave out; '' when the system cannot say. */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

function isSidebarNode(value: unknown): value is SidebarNode {
  if (typeof value !== 'object' || value === null) return false;
  const node = value as Record<string, unknown>;
  return typeof node.kind === 'string' && typeof node.id === 'string';
}

/**
 * The experiment a command acts on: an experiment id given by a caller, a clicked experiment,
 * run or "Load more" row, else the experiment of the first selected row.
 */
export function targetExperimentId(
  args: readonly unknown[],
  treeView: vscode.TreeView<SidebarNode>,
): string | undefined {
  const [first] = args;
  if (typeof first === 'string' && first) return first;
  const node = isSidebarNode(first) ? first : treeView.selection[0];
  return node?.experimentId;
}
