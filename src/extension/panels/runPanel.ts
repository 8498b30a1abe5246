import * as vscode from 'vscode';
import type { ArtifactEntry, RunLink, WebviewMessage } from '../../webview/protocol';
import { SystemTags } from '../tracking/model';
import type { FileInfo, Run } from '../tracking/model';
import { isCancellation } from '../tracking/errors';
import type { TrackingStore } from '../tracking/trackingStore';
import { artifactUri } from './artifactFileSystem';
import { previewArtifact } from './artifactPreview';
import { HandedOutIds } from './handedOutIds';
import { fetchMetricSeries } from './metricSeries';
import type { PanelServices } from './panelServices';
import { PanelHost } from './panelHost';
import { runFamily } from './runFamily';
import { toRunDetails } from './runViews';
import { downloadArtifacts, openExternalLink } from './runPanelActions';

/** The root folder's id (the webview asks to download "everything" with it). */
const ROOT_ID = 'root';

/**
 * The run a panel shows and everything handed out for it. A preview panel is given another run
 * in place: the old run's pending calls are cancelled and its ids stop meaning anything, so a
 * late answer or a stale request can never reach the new run.
 */
class ShownRun {
  private static shownCount = 0;
  readonly abort = new AbortController();
  /** Ids differ between the runs a panel shows, so an old run's id is refused, not reused. */
  readonly artifacts = new HandedOutIds<FileInfo>(`artifact${(ShownRun.shownCount += 1)}`);
  run: Run | undefined;
  family: { parent?: RunLink; children: RunLink[] } = { children: [] };

  constructor(
    readonly runId: string,
    public known: Run | undefined,
  ) {
    this.artifacts.set(ROOT_ID, { path: '', isDir: true });
  }
}

/** What a person does in a panel (as opposed to what its page asks for by itself). */
const userActions: ReadonlySet<WebviewMessage['type']> = new Set(['listArtifacts', 'previewArtifact', 'downloadArtifact', 'openArtifact', 'openRun', 'openLink']);

/**
 * One run's panel: the run, its family and artifacts, sent once the webview says `ready`; artifact
 * listings, previews, downloads and opening are done for ids this panel handed out, and links from
 * the description are opened only when they are web or mail links. A panel opened by clicking a
 * run in the sidebar is a preview: the next click shows its run here instead of opening another
 * panel, until the panel is kept (opened with "Open Run", or used).
 */
export class RunPanel extends PanelHost {
  private shown: ShownRun;
  private webviewReady = false;

  constructor(
    panel: vscode.WebviewPanel,
    runId: string,
    services: PanelServices,
    known?: Run,
    public preview = false,
  ) {
    super(panel, 'run', services);
    this.shown = new ShownRun(runId, known);
    this.updateTitle(known);
  }

  get runId(): string {
    return this.shown.runId;
  }

  /** Shows another run in this panel (a preview panel reused by the next click). */
  async showRun(runId: string, known?: Run): Promise<void> {
    if (runId === this.shown.runId) return;
    this.shown.abort.abort();
    this.shown = new ShownRun(runId, known);
    this.updateTitle(known);
    if (!this.webviewReady) return;
    try {
      await this.send();
    } catch (error) {
      this.report(`showing run ${runId}`, error);
    }
  }

  /** Fetches the run again and sends it (the store changed, or the user asked). */
  override async reload(): Promise<void> {
    this.shown.known = undefined;
    await this.send();
  }

  override dispose(): void {
    this.shown.abort.abort();
    super.dispose();
  }

  private updateTitle(run: Run | undefined): void {
    this.panel.title = run ? `Run ${run.info.runName || run.info.runId}` : `Run ${this.shown.runId.slice(0, 8)}`;
  }

  private async store(): Promise<TrackingStore> {
    const store = await this.services.store();
    if (!store) throw new Error('No MLflow tracking store is open: choose one in the MLflow view.');
    return store;
  }

  private async send(): Promise<void> {
    const shown = this.shown;
    const store = await this.store();
    const options = { signal: shown.abort.signal };
    const run = shown.known ?? (await store.getRun(shown.runId, options));
    const experiment = await store.getExperiment(run.info.experimentId, options).then((found) => found.name, () => run.info.experimentId);
    // The run is worth showing without its parent and children: a failed search is said, not fatal.
    let familyProblem: unknown;
    const family = await runFamily(store, run, options).catch((error: unknown) => {
      if (isCancellation(error)) throw error;
      familyProblem = new Error(`The parent and child runs could not be listed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      return { children: [], moreChildren: false };
    });
    // Local stores finish without looking at the signal: a run replaced meanwhile sends nothing.
    if (shown !== this.shown) return;
    shown.run = run;
    shown.family = family;
    this.updateTitle(run);
    const description = run.data.tags[SystemTags.note];
    this.channel.post({ type: 'runData', run: toRunDetails(run, experiment, family), ...(description ? { description } : {}) });
    if (familyProblem !== undefined) this.report('listing the parent and child runs', familyProblem);
    await this.sendListing(shown, ROOT_ID);
  }

  protected async dispatch(message: WebviewMessage): Promise<void> {
    const shown = this.shown;
    const options = { signal: shown.abort.signal };
    // Working in a preview panel keeps it, as editing keeps a preview editor.
    if (userActions.has(message.type)) this.preview = false;
    switch (message.type) {
      case 'ready':
        this.webviewReady = true;
        return this.send();
      case 'listArtifacts':
        return shown.artifacts.get(message.dirId)?.isDir ? this.sendListing(shown, message.dirId) : this.refuse(message);
      case 'previewArtifact': {
        const file = shown.artifacts.get(message.artifactId);
        if (!file || file.isDir) return this.refuse(message);
        const preview = await previewArtifact(await this.store(), shown.runId, file.path, file.fileSize, options);
        if (shown === this.shown) this.channel.post({ type: 'artifactPreview', artifactId: message.artifactId, preview });
        return;
      }
      case 'downloadArtifact': {
        const file = shown.artifacts.get(message.artifactId);
        if (!file) return this.refuse(message);
        await downloadArtifacts(await this.store(), shown.runId, file);
        return;
      }
      case 'openArtifact': {
        const file = shown.artifacts.get(message.artifactId);
        if (!file || file.isDir) return this.refuse(message);
        await vscode.commands.executeCommand('vscode.open', artifactUri(shown.runId, file.path), { viewColumn: vscode.ViewColumn.Beside, preview: true });
        return;
      }
      case 'openRun': {
        const links = [...(shown.family.parent ? [shown.family.parent] : []), ...shown.family.children];
        if (!links.some((link) => link.runId === message.runId)) return this.refuse(message);
        this.services.openRun(message.runId);
        return;
      }
      case 'openLink':
        return openExternalLink(message.url, this.services.logger);
      case 'requestMetricHistory': {
        if (!shown.run || !Object.hasOwn(shown.run.data.metrics, message.metricKey)) return this.refuse(message);
        const series = await fetchMetricSeries(await this.store(), [shown.runId], message.metricKey, message, options);
        if (shown === this.shown) this.channel.post({ type: 'metricHistory', requestId: message.requestId, metricKey: message.metricKey, series });
        return;
      }
      case 'problem':
        return;
      default:
        return this.refuse(message);
    }
  }

  private async sendListing(shown: ShownRun, dirId: string): Promise<void> {
    const folder = shown.artifacts.get(dirId)!;
    try {
      const listed = await (await this.store()).listArtifacts(shown.runId, folder.path || undefined, { signal: shown.abort.signal });
      if (shown !== this.shown) return;
      const entries: ArtifactEntry[] = listed.map((info) => ({
        artifactId: shown.artifacts.issue(info),
        name: info.path.slice(info.path.lastIndexOf('/') + 1),
        path: info.path,
        isDir: info.isDir,
        ...(info.fileSize !== undefined ? { size: info.fileSize } : {}),
      }));
      this.channel.post({ type: 'artifacts', dirId, entries });
    } catch (error) {
      if (isCancellation(error) || shown !== this.shown) return;
      this.channel.post({ type: 'artifactsFailed', dirId, message: error instanceof Error ? error.message : String(error) });
    }
  }
}
