import * as vscode from 'vscode';
import type { RunView, WebviewMessage } from '../../webview/protocol';
import { openFileAtCommit, openFileDiff, workspaceFolderPaths } from '../code/gitEditors';
import { RunCodeLookup } from '../code/runCode';
import { CommandId } from '../platform/commandIds';
import type { ScopedLogger } from '../platform/logger';
import { PanelHost, saveExport } from '../panels/panelHost';
import { toRunView } from '../panels/runViews';
import type { RunCache } from '../runs/runCache';
import type { StoreConnection } from '../store/storeConnection';
import { errorMessage, isCancellation } from '../tracking/errors';
import type { Run } from '../tracking/model';
import type { CallOptions, TrackingStore } from '../tracking/trackingStore';

/** Runs fetched at once when a panel opens many. */
const CONCURRENCY = 8;

const NO_STORE = 'No MLflow tracking store is open: choose one in the MLflow view.';

interface LoadedRuns {
  runs: Run[];
  views: RunView[];
  /** One sentence per run that could not be loaded. */
  problems: string[];
}

/**
 * One compare panel: the runs it shows (their ids are all it keeps across a reload), the data it
 * sends once its webview says `ready`, and what it does for the webview's requests, each checked
 * against the runs, metric keys, source links and changed files this panel handed out.
 */
export class ComparePanel extends PanelHost {
  private runIds: string[];
  private loading: Promise<LoadedRuns | undefined>;
  private code = new RunCodeLookup(workspaceFolderPaths);

  constructor(
    panel: vscode.WebviewPanel,
    runIds: readonly string[],
    extensionUri: vscode.Uri,
    logger: ScopedLogger,
    private readonly connection: StoreConnection,
    private readonly runs: RunCache,
  ) {
    super(panel, 'compare', extensionUri, logger);
    this.runIds = [...new Set(runIds)];
    this.updateTitle();
    this.loading = this.load();
  }

  /** The runs compared, in their order. */
  get runIdList(): readonly string[] {
    return this.runIds;
  }

  /** Adds runs (those already shown are skipped) and sends everything again. */
  async addRuns(runIds: readonly string[]): Promise<void> {
    // Taken before anything is awaited: a second "Add to Compare" of a run while the first is at
    // work finds it here already (filtered before an await and appended after, both added it).
    const added = [...new Set(runIds)].filter((id) => !this.runIds.includes(id));
    if (added.length === 0) return;
    this.runIds = [...this.runIds, ...added];
    this.updateTitle();
    this.loading = this.load();
    await this.send();
  }

  /** Fetches the runs again (the store changed) and sends them. */
  protected async refetch(): Promise<void> {
    this.code = new RunCodeLookup(workspaceFolderPaths);
    this.loading = this.load();
    await this.send();
  }

  private async load(): Promise<LoadedRuns | undefined> {
    const state = await this.connection.current();
    if (state.kind !== 'ready') return { runs: [], views: [], problems: [NO_STORE] };
    try {
      return await loadRuns(state.store, this.runs, this.runIds, { signal: this.abort.signal });
    } catch (error) {
      if (isCancellation(error)) return undefined;
      return { runs: [], views: [], problems: [`Loading the runs failed: ${errorMessage(error)}`] };
    }
  }

  private async send(): Promise<void> {
    const loading = this.loading;
    const loaded = await loading;
    // Runs added meanwhile: the newer load sends, so an older list never lands after it.
    if (!loaded || loading !== this.loading) return;
    this.channel.post({ type: 'compareData', runs: loaded.views, problems: loaded.problems });
    const code = await this.code.describe(loaded.runs);
    this.channel.post({ type: 'codeInfo', runs: code });
  }

  protected async dispatch(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.send();
      case 'requestMetricHistory':
        return this.sendHistory(message);
      case 'requestCodeDiff':
        return this.sendDiff(message);
      case 'openSource': {
        const document = this.code.sources.get(message.linkId);
        if (!document) return this.refuse(message);
        await openFileAtCommit(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
        return;
      }
      case 'openDiff': {
        const file = this.code.files.get(message.fileId);
        if (!file) return this.refuse(message);
        await openFileDiff(file, { viewColumn: vscode.ViewColumn.Beside, preview: true });
        return;
      }
      case 'openRun': {
        const run = (await this.loading)?.runs.find((candidate) => candidate.info.runId === message.runId);
        if (!run) return this.refuse(message);
        // The run panel is another feature's: reached through its command, with the run as data.
        await vscode.commands.executeCommand(CommandId.openRun, { run });
        return;
      }
      case 'removeRun':
        return this.removeRun(message);
      case 'saveFile':
        await saveExport(message.format, message.name, message.content);
        return;
      case 'problem':
        return;
      default:
        return this.refuse(message);
    }
  }

  private async sendHistory(message: Extract<WebviewMessage, { type: 'requestMetricHistory' }>): Promise<void> {
    const loaded = await this.loading;
    const runIds =
      loaded?.runs.filter((run) => Object.hasOwn(run.data.metrics, message.metricKey)).map((run) => run.info.runId) ??
      [];
    const state = await this.connection.current();
    if (runIds.length === 0 || state.kind !== 'ready') return this.refuse(message);
    await this.sendMetricHistory(state.store, runIds, message, this.abort.signal);
  }

  private async sendDiff(message: Extract<WebviewMessage, { type: 'requestCodeDiff' }>): Promise<void> {
    const runs = (await this.loading)?.runs ?? [];
    const from = runs.find((run) => run.info.runId === message.fromRunId);
    const to = runs.find((run) => run.info.runId === message.toRunId);
    if (!from || !to || from === to) return this.refuse(message);
    this.channel.post({ type: 'codeDiff', requestId: message.requestId, diff: await this.code.diff(from, to) });
  }

  private async removeRun(message: Extract<WebviewMessage, { type: 'removeRun' }>): Promise<void> {
    const { runId } = message;
    // The last run stays: an empty comparison is no use, and the webview offers no way to it.
    if (!this.runIds.includes(runId) || this.runIds.length <= 1) return this.refuse(message);
    this.runIds = this.runIds.filter((id) => id !== runId);
    const loaded = await this.loading;
    if (loaded) {
      const keep = loaded.runs
        .map((run, index) => [run, loaded.views[index]!] as const)
        .filter(([run]) => run.info.runId !== runId);
      this.loading = Promise.resolve({
        runs: keep.map(([run]) => run),
        views: keep.map(([, view]) => view),
        problems: loaded.problems,
      });
    }
    this.updateTitle();
    const current = await this.loading;
    if (current) this.channel.post({ type: 'compareData', runs: current.views, problems: current.problems });
  }

  private updateTitle(): void {
    this.panel.title = this.runIds.length === 1 ? 'Compare 1 run' : `Compare ${this.runIds.length} runs`;
  }
}

/**
 * The runs with these ids, in that order, through the run cache (which holds the runs the views
 * handed over and fetches the others), with their experiments' names; a run that cannot be
 * fetched is left out with a sentence saying why, so one deleted run does not keep the others
 * from showing.
 */
async function loadRuns(
  store: TrackingStore,
  cache: RunCache,
  runIds: readonly string[],
  options: CallOptions,
): Promise<LoadedRuns> {
  const results: (Run | string)[] = new Array<Run | string>(runIds.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    // The panel closed: what is still loading is of no use (the cache takes no abort signal).
    while (next < runIds.length && !options.signal?.aborted) {
      const index = next++;
      const runId = runIds[index]!;
      try {
        results[index] = (await cache.load([runId]))[0]!;
      } catch (error) {
        if (isCancellation(error)) throw error;
        results[index] = `Run ${runId} could not be loaded from ${store.description}: ${errorMessage(error)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, runIds.length) }, worker));
  const runs = results.filter((result): result is Run => typeof result !== 'string');
  const names = await experimentNames(store, runs, options);
  return {
    runs,
    views: runs.map((run) => toRunView(run, names.get(run.info.experimentId) ?? run.info.experimentId)),
    problems: results.filter((result): result is string => typeof result === 'string'),
  };
}

async function experimentNames(
  store: TrackingStore,
  runs: readonly Run[],
  options: CallOptions,
): Promise<Map<string, string>> {
  const ids = [...new Set(runs.map((run) => run.info.experimentId))];
  const names = new Map<string, string>();
  await Promise.all(
    ids.map(async (experimentId) => {
      try {
        names.set(experimentId, (await store.getExperiment(experimentId, options)).name);
      } catch (error) {
        if (isCancellation(error)) throw error;
        // The id still tells the user which experiment it is.
      }
    }),
  );
  return names;
}
