import * as vscode from 'vscode';
import type { WebviewMessage } from '../../webview/protocol';
import { isCancellation, errorMessage } from '../tracking/errors';
import type { Run } from '../tracking/model';
import type { PanelServices } from '../panels/panelServices';
import { PanelHost } from '../panels/panelHost';
import { openFileAtCommit, openFileDiff } from '../code/fileDiff';
import { RunCodeLookup } from '../code/runCode';
import type { LoadedRuns } from './runLoading';
import { loadRuns } from './runLoading';
import { saveExport } from './savedFiles';

/**
 * One compare panel: the runs it shows (their ids are all it keeps across a reload), the data it
 * sends once its webview says `ready`, and what it does for the webview's requests, each checked
 * against the runs, metric keys, source links and changed files this panel handed out.
 */
export class ComparePanel extends PanelHost {
  private runIds: string[];
  private loading: Promise<LoadedRuns | undefined> | undefined;
  private code: RunCodeLookup;

  constructor(
    panel: vscode.WebviewPanel,
    runIds: readonly string[],
    services: PanelServices,
    known: readonly Run[] = [],
  ) {
    super(panel, 'compare', services);
    this.runIds = [...new Set(runIds)];
    this.code = this.newCodeLookup();
    this.updateTitle();
    this.loading = this.load(new Map(known.map((run) => [run.info.runId, run])));
  }

  /** The runs compared, in their order. */
  get runIdList(): readonly string[] {
    return this.runIds;
  }

  /** Adds runs (those already shown are skipped) and sends everything again. */
  async addRuns(runs: readonly Run[] | readonly string[]): Promise<void> {
    const known = new Map<string, Run>();
    for (const run of runs) if (typeof run !== 'string') known.set(run.info.runId, run);
    const ids = runs
      .map((run) => (typeof run === 'string' ? run : run.info.runId))
      .filter((id) => !this.runIds.includes(id));
    if (ids.length === 0) return;
    const previous = await this.loading;
    for (const run of previous?.runs ?? []) known.set(run.info.runId, run);
    this.runIds = [...this.runIds, ...ids];
    this.updateTitle();
    this.loading = this.load(known);
    await this.send();
  }

  /** Fetches the runs again (the store changed) and sends them. */
  protected async refetch(): Promise<void> {
    this.code = this.newCodeLookup();
    this.loading = this.load(new Map());
    await this.send();
  }

  private newCodeLookup(): RunCodeLookup {
    return new RunCodeLookup(() => this.services.workspaceFolders());
  }

  private async load(known: ReadonlyMap<string, Run>): Promise<LoadedRuns | undefined> {
    const store = await this.services.store();
    if (!store)
      return { runs: [], views: [], problems: ['No MLflow tracking store is open: choose one in the MLflow view.'] };
    try {
      return await loadRuns(store, this.runIds, known, { signal: this.abort.signal });
    } catch (error) {
      if (isCancellation(error)) return undefined;
      return {
        runs: [],
        views: [],
        problems: [`Loading the runs failed: ${errorMessage(error)}`],
      };
    }
  }

  private async send(): Promise<void> {
    const loaded = await this.loading;
    if (!loaded) return;
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
        this.services.openRun(run.info.runId, run);
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
    const store = await this.services.store();
    if (runIds.length === 0 || !store) return this.refuse(message);
    await this.sendMetricHistory(store, runIds, message, this.abort.signal);
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
