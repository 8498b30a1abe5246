import * as vscode from 'vscode';
import type { ArtifactEntry, ArtifactPreview, HostMessage, RunLink, WebviewMessage } from '../../webview/protocol';
import { SystemTags } from '../tracking/model';
import type { FileInfo, Run } from '../tracking/model';
import { isCancellation, errorMessage } from '../tracking/errors';
import type { TrackingStore } from '../tracking/trackingStore';
import { previewArtifact } from './artifactPreview';
import { HandedOutIds } from '../panels/handedOutIds';
import { PanelHost } from '../panels/panelHost';
import { runFamily, toRunDetails } from './runDetails';
import type { ScopedLogger } from '../platform/logger';
import { shortName } from '../platform/untrustedText';
import type { RunCache } from '../runs/runCache';
import { runLabel } from '../runs/runPresentation';
import type { StoreConnection } from '../store/storeConnection';
import { downloadArtifacts, openArtifactInEditor } from './artifactFiles';

/** The root folder's id (the webview asks to download "everything" with it). */
const ROOT_ID = 'root';

/**
 * The run a panel shows. A preview panel is given another run in place: the old run's pending
 * calls are cancelled, and what still arrives for it is dropped (see `postFor`).
 */
class ShownRun {
  readonly abort = new AbortController();
  run: Run | undefined;
  family: { parent?: RunLink; children: RunLink[] } = { children: [] };

  constructor(readonly runId: string) {}
}

/** What a person does in a panel (as opposed to what its page asks for by itself). */
const userActions: ReadonlySet<WebviewMessage['type']> = new Set([
  'listArtifacts',
  'previewArtifact',
  'downloadArtifact',
  'openArtifact',
  'openRun',
  'openLink',
]);

/**
 * One run's panel: the run, its family and artifacts, sent once the webview says `ready`; artifact
 * listings, previews, downloads and opening are done for ids this panel handed out, and links from
 * the description are opened only when they are web or mail links. A panel opened by clicking a
 * run in the sidebar is a preview: the next click shows its run here instead of opening another
 * panel, until the panel is kept (opened with "Open Run", or used).
 */
export class RunPanel extends PanelHost {
  private shown: ShownRun;
  /** One registry for every run the panel shows: cleared per run, its ids are never reused. */
  private readonly artifacts = new HandedOutIds<FileInfo>('artifact');

  constructor(
    panel: vscode.WebviewPanel,
    runId: string,
    extensionUri: vscode.Uri,
    logger: ScopedLogger,
    private readonly connection: StoreConnection,
    private readonly runs: RunCache,
    /** Opens (or shows) another run's panel: a parent or child named in this one. */
    private readonly openRun: (runId: string) => void,
    public preview = false,
  ) {
    super(panel, 'run', extensionUri, logger);
    this.shown = new ShownRun(runId);
    this.artifacts.set(ROOT_ID, { path: '', isDir: true });
    this.updateTitle(runs.get(runId));
  }

  get runId(): string {
    return this.shown.runId;
  }

  /** Shows another run in this panel (a preview panel reused by the next click). */
  async showRun(runId: string): Promise<void> {
    if (runId === this.shown.runId) return;
    this.shown.abort.abort();
    this.shown = new ShownRun(runId);
    this.artifacts.clear();
    this.artifacts.set(ROOT_ID, { path: '', isDir: true });
    this.updateTitle(this.runs.get(runId));
    // Before the page is ready, its `ready` sends the run shown by then.
    if (this.channel.hasReceived('ready')) await this.attempt(`showing run ${runId}`, () => this.send());
  }

  /** Fetches the run again (the store changed) and sends it. */
  protected async refetch(): Promise<void> {
    await this.send();
  }

  override dispose(): void {
    this.shown.abort.abort();
    super.dispose();
  }

  private updateTitle(run: Run | undefined): void {
    // The tab shows a cut name with its bidi controls visible; the panel itself shows it in full.
    this.panel.title = run ? `Run ${shortName(runLabel(run))}` : `Run ${this.shown.runId.slice(0, 8)}`;
  }

  private async store(): Promise<TrackingStore> {
    const state = await this.connection.current();
    if (state.kind !== 'ready') throw new Error('No MLflow tracking store is open: choose one in the MLflow view.');
    return state.store;
  }

  private async send(): Promise<void> {
    const shown = this.shown;
    const store = await this.store();
    const options = { signal: shown.abort.signal };
    const run = (await this.runs.load([shown.runId]))[0]!;
    const experiment = await store.getExperiment(run.info.experimentId, options).then(
      (found) => found.name,
      () => run.info.experimentId,
    );
    // The run is worth showing without its parent and children: a failed search is said, not fatal.
    let familyProblem: unknown;
    const family = await runFamily(store, run, options).catch((error: unknown) => {
      if (isCancellation(error)) throw error;
      familyProblem = new Error(`The parent and child runs could not be listed: ${errorMessage(error)}`, {
        cause: error,
      });
      return { children: [], moreChildren: false };
    });
    // A run replaced meanwhile sends nothing, nor renames the panel (see postFor).
    if (shown !== this.shown) return;
    shown.run = run;
    shown.family = family;
    this.updateTitle(run);
    const description = run.data.tags[SystemTags.note];
    this.postFor(shown, {
      type: 'runData',
      run: toRunDetails(run, experiment, family),
      ...(description ? { description } : {}),
    });
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
        return this.send();
      case 'listArtifacts':
        return this.artifacts.get(message.dirId)?.isDir ? this.sendListing(shown, message.dirId) : this.refuse(message);
      case 'previewArtifact': {
        const file = this.artifacts.get(message.artifactId);
        if (!file || file.isDir) return this.refuse(message);
        // A read that fails is the preview's answer, so the page stops saying it is reading.
        const preview = await previewArtifact(await this.store(), shown.runId, file.path, file.fileSize, options).catch(
          (error: unknown): ArtifactPreview => {
            if (isCancellation(error)) throw error;
            return {
              kind: 'none',
              reason: `${file.path} could not be read: ${errorMessage(error)}`,
            };
          },
        );
        this.postFor(shown, { type: 'artifactPreview', artifactId: message.artifactId, preview });
        return;
      }
      case 'downloadArtifact': {
        const file = this.artifacts.get(message.artifactId);
        if (!file) return this.refuse(message);
        await downloadArtifacts(await this.store(), shown.runId, file);
        return;
      }
      case 'openArtifact': {
        const file = this.artifacts.get(message.artifactId);
        if (!file || file.isDir) return this.refuse(message);
        return openArtifactInEditor(shown.runId, file);
      }
      case 'openRun': {
        const links = [...(shown.family.parent ? [shown.family.parent] : []), ...shown.family.children];
        if (!links.some((link) => link.runId === message.runId)) return this.refuse(message);
        this.openRun(message.runId);
        return;
      }
      case 'openLink':
        return openExternalLink(message.url, this.logger);
      case 'requestMetricHistory': {
        if (!shown.run || !Object.hasOwn(shown.run.data.metrics, message.metricKey)) return this.refuse(message);
        return this.sendMetricHistory(await this.store(), [shown.runId], message, shown.abort.signal, (answer) =>
          this.postFor(shown, answer),
        );
      }
      case 'problem':
        return;
      default:
        return this.refuse(message);
    }
  }

  /**
   * Posts what was fetched for `shown` unless the panel has moved on to another run since: local
   * stores finish without looking at the abort signal, so a late answer must not reach the page.
   */
  private postFor(shown: ShownRun, message: HostMessage): void {
    if (shown === this.shown) this.channel.post(message);
  }

  private async sendListing(shown: ShownRun, dirId: string): Promise<void> {
    const folder = this.artifacts.get(dirId)!;
    try {
      const listed = await (
        await this.store()
      ).listArtifacts(shown.runId, folder.path || undefined, { signal: shown.abort.signal });
      if (shown !== this.shown) return;
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
      this.postFor(shown, {
        type: 'artifactsFailed',
        dirId,
        message: errorMessage(error),
      });
    }
  }
}

/** Opens a link from a run description in the browser: only http(s) and mailto links, anything else is refused and logged. */
async function openExternalLink(url: string, logger: ScopedLogger): Promise<void> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(url, true);
  } catch {
    logger.warn(`refused to open a malformed link from a run description: ${url.slice(0, 200)}`);
    return;
  }
  if (!['http', 'https', 'mailto'].includes(uri.scheme)) {
    logger.warn(`refused to open a ${uri.scheme}: link from a run description`);
    return;
  }
  await vscode.env.openExternal(uri);
}
