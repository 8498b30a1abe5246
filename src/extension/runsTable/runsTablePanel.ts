import * as vscode from 'vscode';
import type {
  RunsTableHostMessage,
  RunsTableState,
  RunsTableWebviewMessage,
  TableExperiment,
} from '../../webview/protocol';
import { defaultRunsTableState, parseRunsTableWebviewMessage } from '../../webview/protocol';
import { RUN_COLOR_VARIABLES } from '../../webview/shared/palette';
import { saveExport } from '../panels/panelHost';
import type { GitRepository } from '../git/repository';
import { findRepositoryRoot, openGitRepository } from '../git/repository';
import { MessageChannel } from '../panels/panelHost';
import { setUpWebview } from '../panels/panelHost';
import { CommandId } from '../platform/commandIds';
import type { ScopedLogger } from '../platform/logger';
import { messageText, NAME_MAX, shortName } from '../platform/untrustedText';
import type { RunCache } from '../runs/runCache';
import type { RunTarget } from '../runs/runTarget';
import { errorMessage, isCancellation } from '../tracking/errors';
import type { Run } from '../tracking/model';
import type { TrackingStore } from '../tracking/trackingStore';
import { commitOrder, headAs } from './commitOrder';
import { filterProblem } from './filterCheck';
import { fetchMetricRanges } from './metricRanges';
import { TableLoading, rowsMessage, sameQuery } from './runPaging';
import type { RunsPage, TableQuery } from './runPaging';
import type { RunsTableStates } from './runsTableStates';
import { liveRefresh } from './liveRefresh';
import { TableRows } from './tableRows';

type Message<T extends RunsTableWebviewMessage['type']> = Extract<RunsTableWebviewMessage, { type: T }>;

/** The run commands that write to the store: offered (and accepted) only where the store writes. */
const WRITING_COMMANDS: ReadonlySet<string> = new Set([
  CommandId.renameRun,
  CommandId.setRunTag,
  CommandId.editRunDescription,
  CommandId.deleteRun,
  CommandId.restoreRun,
]);

/** Commits of the current branch read for "group by commit": far more than any experiment spans. */
const LOG_LIMIT = 5000;

/**
 * One runs table: the experiments it shows (ids are what it keeps across a reload, with the view
 * state), the runs it pages in from the store and streams to the webview, and what it does for the
 * webview's requests, each checked against the runs of the current query (a webview only names runs
 * it was sent). Commands on the selection go through the same command implementations as the
 * sidebar's context menu, with the runs as `RunTarget`s.
 */
export class RunsTablePanel implements vscode.Disposable {
  readonly channel: MessageChannel<RunsTableHostMessage, RunsTableWebviewMessage>;
  readonly onDidDispose: vscode.Event<void>;
  private readonly disposed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly loading = new TableLoading();
  private readonly rows: TableRows;
  /** The runs of the current query, in the order they arrived. */
  private readonly loaded = new Map<string, Run>();
  private query: TableQuery | undefined;
  private done = false;
  private failed = false;
  private state: RunsTableState | undefined;
  private store: TrackingStore | undefined;
  private repository: Promise<GitRepository | undefined> | undefined;
  private ranges: AbortController | undefined;
  private refreshing: Promise<void> | undefined;
  private lastStamp: string | undefined;
  /** What the loading posts while `start` has not sent `init` yet: posted right after it. */
  private held: (() => void)[] | undefined;
  private isDisposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly experimentIds: readonly string[],
    restored: RunsTableState | undefined,
    private readonly openStore: () => Promise<TrackingStore | undefined>,
    private readonly runCache: RunCache,
    private readonly states: RunsTableStates,
    private readonly workspaceFolders: () => string[],
    private readonly logger: ScopedLogger,
    extensionUri: vscode.Uri,
    private readonly comparedRuns: () => readonly (readonly string[])[],
    private readonly sidebarFilter: () => Promise<string | undefined>,
  ) {
    this.state = restored ?? states.get(experimentIds);
    this.rows = new TableRows(workspaceFolders);
    this.onDidDispose = this.disposed.event;
    this.channel = new MessageChannel(panel.webview, logger, parseRunsTableWebviewMessage);
    this.disposables.push(
      this.channel,
      this.channel.onDidReceive((message) => void this.handle(message)),
      panel.onDidDispose(() => this.dispose()),
      // Back on the table after comparing: the swatches show what the compare panels hold now.
      panel.onDidChangeViewState(({ webviewPanel }) => webviewPanel.visible && this.sendCompared()),
    );
    panel.title = 'Runs';
    setUpWebview(panel.webview, extensionUri, 'runsTable');
  }

  /** The runs of the current query as loaded so far (for the tests). */
  get loadedRuns(): readonly Run[] {
    return [...this.loaded.values()];
  }

  /** The query shown (undefined before the webview said ready). */
  get currentQuery(): TableQuery | undefined {
    return this.query;
  }

  /** Starts again from the store (the store in use changed). */
  async reload(): Promise<void> {
    this.store = undefined;
    this.repository = undefined;
    this.lastStamp = undefined;
    await this.start();
  }

  /**
   * The live refresh, on the sidebar's cadence: when the store says it changed (or cannot say, and
   * a run shown is still running), the changed and new runs of the query are sent to be merged in
   * place, keeping the webview's scroll, sort and selection. One refresh at a time.
   */
  refreshIfChanged(): Promise<void> {
    this.refreshing ??= this.refreshNow().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.loading.cancel();
    this.ranges?.abort();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }

  private async handle(message: RunsTableWebviewMessage): Promise<void> {
    try {
      await this.dispatch(message);
    } catch (error) {
      if (isCancellation(error)) return;
      this.logger.error(`runs table: ${message.type} failed`, error);
      // A store's or git's message is untrusted text: no links or icons in a notification.
      void vscode.window.showErrorMessage(`MLflow runs table: ${messageText(errorMessage(error))}`);
    }
  }

  private async dispatch(message: RunsTableWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'runsTable/ready':
        this.sendCompared();
        return this.start();
      case 'runsTable/query': {
        const query = { experimentIds: this.experimentIds, ...pick(message) };
        if (this.query && sameQuery(query, this.query) && !this.failed) return;
        this.query = query;
        return this.load();
      }
      case 'runsTable/retry':
        return this.query ? this.load() : this.start();
      case 'runsTable/checkFilter': {
        const problem = filterProblem(message.filter);
        this.channel.post({ type: 'runsTable/filterChecked', filter: message.filter, ...(problem ? { problem } : {}) });
        return;
      }
      case 'runsTable/metricRanges':
        return this.sendRanges(message);
      case 'runsTable/run':
        return this.runCommand(message);
      case 'runsTable/diffCommits': {
        const [older, newer] = message.runIds.map((runId) => this.loaded.get(runId));
        if (!older || !newer || older === newer) return this.refuse(message.type);
        await vscode.commands.executeCommand(CommandId.diffRunCommits, { run: older }, [
          { run: older },
          { run: newer },
        ]);
        return;
      }
      case 'runsTable/saveState':
        this.state = message.state;
        await this.states.save(this.experimentIds, message.state);
        return;
      case 'runsTable/export':
        await saveExport('csv', message.fileName, message.text);
        return;
      case 'runsTable/copy':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage('Copied the selected runs', 3000);
        return;
      case 'runsTable/filterSidebar':
        return this.filterSidebar();
      case 'problem':
        return;
    }
  }

  /**
   * The sidebar's own Filter Runs command, given the filter of the query shown (the host's, not one
   * the webview names), for each experiment of the table: one home for the sidebar's filter state.
   */
  private async filterSidebar(): Promise<void> {
    const filter = this.query?.filter ?? '';
    try {
      for (const experimentId of this.experimentIds)
        await vscode.commands.executeCommand(CommandId.filterRuns, experimentId, filter);
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not filter the sidebar's runs: ${messageText(errorMessage(error))}`);
    }
  }

  /**
   * Asks the store for the runs of the query shown (the saved one at first) before anything else,
   * so the first page is on its way while the experiments are described and the repository found;
   * then sends the experiments and the view, and only after them the runs (the webview lays rows
   * out by the experiments it was told of). A query the webview sent meanwhile wins: its paging
   * replaced this one's.
   */
  private async start(): Promise<void> {
    if (!this.state) {
      // A table never arranged starts where the sidebar's list is: with its filter.
      const filter = await this.sidebarFilter();
      if (filter) this.state = { ...defaultRunsTableState(), filter };
    }
    this.query ??= {
      experimentIds: this.experimentIds,
      filter: this.state?.filter ?? '',
      orderBy: this.state?.orderBy ?? [],
      showDeleted: this.state?.showDeleted ?? false,
    };
    const held: (() => void)[] = [];
    this.held = held;
    const loading = this.load();
    try {
      const store = await this.currentStore();
      const experiments = await this.describeExperiments(store);
      this.updateTitle(experiments);
      this.channel.post({
        type: 'runsTable/init',
        experiments,
        ...(this.state ? { state: this.state } : {}),
        writable: store?.writable ?? false,
        hasRepository: (await this.gitRepository()) !== undefined,
      });
    } finally {
      if (this.held === held) this.held = undefined;
      for (const post of held) post();
    }
    await loading;
  }

  /** Posts a message of the loading now, or once `init` is out when `start` is still describing the table. */
  private afterInit(post: () => void): void {
    if (this.held) this.held.push(post);
    else post();
  }

  private async load(): Promise<void> {
    const query = this.query;
    if (!query) return;
    this.ranges?.abort();
    this.loaded.clear();
    this.done = false;
    this.failed = false;
    const store = await this.currentStore();
    if (!store) {
      this.failed = true;
      this.loading.cancel();
      const generation = this.loading.current;
      this.afterInit(() =>
        this.channel.post({
          type: 'runsTable/failed',
          generation,
          message: 'No MLflow tracking store is open: choose one in the MLflow view.',
        }),
      );
      return;
    }
    const { finished } = this.loading.start(
      store,
      query,
      (generation, page) => this.receivePage(generation, page),
      (generation, error) => {
        this.failed = true;
        this.logger.warn(`runs table: loading the runs failed: ${errorMessage(error)}`);
        this.afterInit(() => this.channel.post({ type: 'runsTable/failed', generation, message: errorMessage(error) }));
      },
    );
    await finished;
  }

  private receivePage(generation: number, page: RunsPage): void {
    for (const run of page.runs) this.loaded.set(run.info.runId, run);
    this.runCache.remember(page.runs);
    const message = rowsMessage(
      generation,
      page.runs.map((run) => this.rows.rowOf(run)),
      page,
    );
    // A page of a query replaced while it waited for `init` is dropped, as TableLoading drops late pages.
    this.afterInit(() => {
      if (generation === this.loading.current) this.channel.post(message);
    });
    if (page.done) {
      this.done = true;
      void this.sendCommits();
    }
  }

  /** The commits of the loaded runs in the order of the current branch's history, and HEAD. */
  private async sendCommits(): Promise<void> {
    const repository = await this.gitRepository();
    if (!repository) return;
    try {
      const [log, head] = await Promise.all([repository.reader.commitLog(LOG_LIMIT), repository.reader.head()]);
      const runCommits = [...this.loaded.values()].flatMap((run) => this.rows.rowOf(run).commit ?? []);
      const commits = commitOrder(runCommits, log);
      const headCommit = head.kind === 'unborn' ? undefined : head.commit;
      const shownHead = headAs(commits, headCommit);
      this.afterInit(() =>
        this.channel.post({ type: 'runsTable/commits', commits, ...(shownHead ? { head: shownHead } : {}) }),
      );
    } catch (error) {
      this.logger.warn(`runs table: the history of ${repository.root} could not be read: ${errorMessage(error)}`);
    }
  }

  private async sendRanges(message: Message<'runsTable/metricRanges'>): Promise<void> {
    const runs = message.runIds.map((runId) => this.loaded.get(runId));
    if (runs.some((run) => run === undefined)) return this.refuse(message.type);
    const known = new Set(runs.flatMap((run) => Object.keys(run!.data.metrics)));
    if (!message.keys.every((key) => known.has(key))) return this.refuse(message.type);
    const store = await this.currentStore();
    if (!store) return;
    this.ranges?.abort();
    const controller = new AbortController();
    this.ranges = controller;
    await fetchMetricRanges(
      store,
      message.runIds,
      message.keys,
      (ranges) => !controller.signal.aborted && this.channel.post({ type: 'runsTable/metricRanges', ranges }),
      { signal: controller.signal },
    );
  }

  private async runCommand(message: Message<'runsTable/run'>): Promise<void> {
    const runs = message.runIds.map((runId) => this.loaded.get(runId));
    if (runs.length === 0 || runs.some((run) => run === undefined)) return this.refuse(message.type);
    const targets: RunTarget[] = runs.map((run) => ({ run: run! }));
    const writes = WRITING_COMMANDS.has(message.command);
    if (writes && !(await this.currentStore())?.writable) return this.refuse(message.type);
    const command =
      message.command === 'compare'
        ? CommandId.compareRuns
        : message.command === 'diffCode'
          ? CommandId.diffRunCommits
          : message.command === 'openRun'
            ? CommandId.openRun
            : message.command;
    await vscode.commands.executeCommand(command, targets[0], targets);
    // A write changed the runs: show them as the store has them now.
    if (writes) await this.refreshIfChanged();
  }

  /**
   * The runs open in a compare panel, each marked with its colour there: the theme colour of its
   * place in the panel (after the sixth run the panel mixes the hues; the swatch keeps the hue).
   * The compare panel used last wins for a run compared twice.
   */
  private sendCompared(): void {
    const colors: Record<string, string> = {};
    for (const runIds of this.comparedRuns())
      runIds.forEach((runId, index) => {
        colors[runId] = `var(${RUN_COLOR_VARIABLES[index % RUN_COLOR_VARIABLES.length]!})`;
      });
    this.channel.post({ type: 'runsTable/compared', runIds: Object.keys(colors), colors });
  }

  private async refreshNow(): Promise<void> {
    const query = this.query;
    const store = this.store;
    if (!query || !store || !this.done || this.failed) return;
    const generation = this.loading.current;
    if (store.changeStamp) {
      let stamp: string;
      try {
        stamp = await store.changeStamp();
      } catch {
        return;
      }
      const unchanged = this.lastStamp === stamp;
      this.lastStamp = stamp;
      if (unchanged) return;
    }
    try {
      const changed = await liveRefresh(store, query, this.loaded, { wholeQuery: store.changeStamp !== undefined });
      if (generation !== this.loading.current || changed.length === 0) return;
      for (const run of changed) this.loaded.set(run.info.runId, run);
      this.runCache.remember(changed);
      this.channel.post({ type: 'runsTable/update', generation, rows: changed.map((run) => this.rows.rowOf(run)) });
    } catch (error) {
      this.logger.warn(`runs table: the live refresh failed: ${errorMessage(error)}`);
    }
  }

  private async currentStore(): Promise<TrackingStore | undefined> {
    this.store ??= await this.openStore();
    return this.store;
  }

  /** The repository of the first workspace folder in one: its history orders the commit groups. */
  private gitRepository(): Promise<GitRepository | undefined> {
    this.repository ??= (async () => {
      for (const folder of this.workspaceFolders()) {
        const root = await findRepositoryRoot(folder).catch(() => undefined);
        if (root) return openGitRepository(root);
      }
      return undefined;
    })();
    return this.repository;
  }

  private async describeExperiments(store: TrackingStore | undefined): Promise<TableExperiment[]> {
    return Promise.all(
      this.experimentIds.map(async (id) => {
        try {
          return { id, name: store ? (await store.getExperiment(id)).name : id };
        } catch (error) {
          this.logger.warn(`runs table: experiment ${id} could not be read: ${errorMessage(error)}`);
          return { id, name: id };
        }
      }),
    );
  }

  /** The experiment names as the tab title (untrusted text: bidi controls shown, cut short). */
  private updateTitle(experiments: readonly TableExperiment[]): void {
    const [first] = experiments;
    if (!first) return;
    this.panel.title =
      experiments.length === 1
        ? shortName(first.name)
        : shortName(experiments.map((experiment) => experiment.name).join(', '), NAME_MAX);
  }

  private refuse(type: string): void {
    this.logger.warn(`runs table: refused ${type}: it names runs or metrics this table did not send`);
  }
}

function pick(message: Message<'runsTable/query'>): Omit<TableQuery, 'experimentIds'> {
  return { filter: message.filter, orderBy: [...message.orderBy], showDeleted: message.showDeleted };
}
