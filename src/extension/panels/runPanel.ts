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
 * One run's panel: the run, its family and artifacts, sent once the webview says `ready`; artifact
 * listings, previews, downloads and opening are done for ids this panel handed out, and links from
 * the description are opened only when they are web or mail links.
 */
export class RunPanel extends PanelHost {
  private run: Run | undefined;
  private family: { parent?: RunLink; children: RunLink[] } = { children: [] };
  private readonly artifacts = new HandedOutIds<FileInfo>('artifact');

  constructor(
    panel: vscode.WebviewPanel,
    readonly runId: string,
    services: PanelServices,
    private known?: Run,
  ) {
    super(panel, 'run', services);
    this.artifacts.set(ROOT_ID, { path: '', isDir: true });
    panel.title = known ? `Run ${known.info.runName || runId}` : `Run ${runId.slice(0, 8)}`;
  }

  /** Fetches the run again and sends it (the store changed, or the user asked). */
  override async reload(): Promise<void> {
    this.known = undefined;
    await this.send();
  }

  private async store(): Promise<TrackingStore> {
    const store = await this.services.store();
    if (!store) throw new Error('No MLflow tracking store is open: choose one in the MLflow view.');
    return store;
  }

  private async send(): Promise<void> {
    const store = await this.store();
    const options = { signal: this.abort.signal };
    const run = this.known ?? (await store.getRun(this.runId, options));
    this.run = run;
    const experiment = await store.getExperiment(run.info.experimentId, options).then((found) => found.name, () => run.info.experimentId);
    const family = await runFamily(store, run, options);
    this.family = family;
    this.panel.title = `Run ${run.info.runName || run.info.runId}`;
    const description = run.data.tags[SystemTags.note];
    this.channel.post({ type: 'runData', run: toRunDetails(run, experiment, family), ...(description ? { description } : {}) });
    await this.sendListing(ROOT_ID);
  }

  protected async dispatch(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.send();
      case 'listArtifacts':
        return this.artifacts.get(message.dirId)?.isDir ? this.sendListing(message.dirId) : this.refuse(message);
      case 'previewArtifact': {
        const file = this.artifacts.get(message.artifactId);
        if (!file || file.isDir) return this.refuse(message);
        const preview = await previewArtifact(await this.store(), this.runId, file.path, file.fileSize, { signal: this.abort.signal });
        this.channel.post({ type: 'artifactPreview', artifactId: message.artifactId, preview });
        return;
      }
      case 'downloadArtifact': {
        const file = this.artifacts.get(message.artifactId);
        if (!file) return this.refuse(message);
        await downloadArtifacts(await this.store(), this.runId, file);
        return;
      }
      case 'openArtifact': {
        const file = this.artifacts.get(message.artifactId);
        if (!file || file.isDir) return this.refuse(message);
        await vscode.commands.executeCommand('vscode.open', artifactUri(this.runId, file.path), { viewColumn: vscode.ViewColumn.Beside, preview: true });
        return;
      }
      case 'openRun': {
        const links = [...(this.family.parent ? [this.family.parent] : []), ...this.family.children];
        if (!links.some((link) => link.runId === message.runId)) return this.refuse(message);
        this.services.openRun(message.runId);
        return;
      }
      case 'openLink':
        return openExternalLink(message.url, this.services.logger);
      case 'requestMetricHistory': {
        if (!this.run || !Object.hasOwn(this.run.data.metrics, message.metricKey)) return this.refuse(message);
        const series = await fetchMetricSeries(await this.store(), [this.runId], message.metricKey, message, { signal: this.abort.signal });
        this.channel.post({ type: 'metricHistory', requestId: message.requestId, metricKey: message.metricKey, series });
        return;
      }
      case 'problem':
        return;
      default:
        return this.refuse(message);
    }
  }

  private async sendListing(dirId: string): Promise<void> {
    const folder = this.artifacts.get(dirId)!;
    try {
      const listed = await (await this.store()).listArtifacts(this.runId, folder.path || undefined, { signal: this.abort.signal });
      const entries: ArtifactEntry[] = listed.map((info) => ({
        artifactId: this.artifacts.issue(info),
        name: info.path.slice(info.path.lastIndexOf('/') + 1),
        path: info.path,
        isDir: info.isDir,
        ...(info.fileSize !== undefined ? { size: info.fileSize } : {}),
      }));
      this.channel.post({ type: 'artifacts', dirId, entries });
    } catch (error) {
      if (isCancellation(error)) return;
      this.channel.post({ type: 'artifactsFailed', dirId, message: error instanceof Error ? error.message : String(error) });
    }
  }
}
