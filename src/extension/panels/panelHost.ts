import * as vscode from 'vscode';
import type { HostMessage, WebviewMessage } from '../../webview/protocol';
import { isCancellation, errorMessage } from '../tracking/errors';
import type { TrackingStore } from '../tracking/trackingStore';
import { parseWebviewMessage } from '../../webview/protocol';
import { fetchMetricSeries } from './metricSeries';
import type { ScopedLogger } from '../platform/logger';
import { newNonce, webviewHtml } from './webviewHtml';
import { fileBytes, safeFileName } from './exportFiles';

/**
 * What every panel does the same way: its page, its checked message channel, one handler per
 * valid message whose failure is logged and shown in the panel, requests for ids it never handed
 * out refused and logged, and everything released (pending store calls cancelled) on close.
 */
export abstract class PanelHost implements vscode.Disposable {
  readonly channel: MessageChannel;
  /** Fires when the panel is closed. */
  readonly onDidDispose: vscode.Event<void>;
  /** Cancels the panel's pending store calls when it closes. */
  protected readonly abort = new AbortController();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly kind: PanelKind,
    extensionUri: vscode.Uri,
    protected readonly logger: ScopedLogger,
  ) {
    this.onDidDispose = this.disposed.event;
    this.channel = new MessageChannel(panel.webview, logger);
    this.disposables.push(
      this.channel,
      this.channel.onDidReceive((message) => void this.handle(message)),
      panel.onDidDispose(() => this.dispose()),
    );
    setUpWebview(panel.webview, extensionUri, kind);
  }

  /** Fetches everything again and sends it (the store changed); a failure is shown in the panel. */
  reload(): Promise<void> {
    return this.attempt('reloading', () => this.refetch());
  }

  /** What `reload` does. */
  protected abstract refetch(): Promise<void>;

  dispose(): void {
    this.abort.abort();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }

  /** Acts on one valid message from the webview. */
  protected abstract dispatch(message: WebviewMessage): Promise<void>;

  /** A request naming something this panel never handed out: logged, and nothing happens. */
  protected refuse(message: WebviewMessage): void {
    this.logger.warn(`${this.kind} panel: refused ${message.type}: it names nothing this panel handed out`);
  }

  /** Runs work no message asked for (a reload, another run shown), reporting its failure. */
  protected async attempt(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.report(what, error);
    }
  }

  /**
   * Answers a metric history request with the runs' series, or says it failed, so the page stops
   * waiting for it (it asks for a few at a time). `post` may drop an answer that came too late.
   */
  protected async sendMetricHistory(
    store: TrackingStore,
    runIds: readonly string[],
    request: Extract<WebviewMessage, { type: 'requestMetricHistory' }>,
    signal: AbortSignal,
    post: (message: HostMessage) => void = (message) => this.channel.post(message),
  ): Promise<void> {
    const { requestId, metricKey, range } = request;
    try {
      const series = await fetchMetricSeries(store, runIds, metricKey, request, { signal });
      post({ type: 'metricHistory', requestId, metricKey, ...(range ? { range } : {}), series });
    } catch (error) {
      if (isCancellation(error)) return;
      this.logger.warn(`${this.kind} panel: the history of ${metricKey} could not be read: ${errorMessage(error)}`);
      post({
        type: 'metricHistoryFailed',
        requestId,
        metricKey,
        message: errorMessage(error),
      });
    }
  }

  /** A failure is logged and shown in the panel; a cancellation (the panel closed) is not one. */
  protected report(what: string, error: unknown): void {
    if (isCancellation(error)) return;
    this.logger.error(`${this.kind} panel: ${what} failed`, error);
    this.channel.post({
      type: 'notice',
      level: 'error',
      message: errorMessage(error),
    });
  }

  private handle(message: WebviewMessage): Promise<void> {
    return this.attempt(message.type, () => this.dispatch(message));
  }
}

export type PanelKind = 'compare' | 'run' | 'runsTable';

/** The view types the panels are registered under (and restored by). */
export const PanelViewType: Record<PanelKind, string> = {
  compare: 'mlflow.compare',
  run: 'mlflow.run',
  runsTable: 'mlflow.runsTable',
};

/** Each page's own title (VS Code shows the panel's title; this one is the document's). */
const PAGE_TITLES: Record<PanelKind, string> = { compare: 'Compare Runs', run: 'Run', runsTable: 'Runs Table' };

/**
 * Scripts on, command URIs off, files only from the built webviews and media/. The panels keep
 * their state while hidden: charts and tables of many runs are costly to build again.
 */
function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    retainContextWhenHidden: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

/** Sets the panel's options and its page (the one HTML builder, with this panel's bundle and styles). */
export function setUpWebview(webview: vscode.Webview, extensionUri: vscode.Uri, kind: PanelKind): void {
  webview.options = panelOptions(extensionUri);
  const uri = (...parts: string[]): string =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  webview.html = webviewHtml({
    title: PAGE_TITLES[kind],
    cspSource: webview.cspSource,
    nonce: newNonce(),
    scriptUri: uri('dist', 'webview', `${kind}.js`),
    styleUris: [uri('media', 'webview.css'), uri('media', `${kind}.css`)],
  });
}

/** A message either way: a discriminated union on `type`. */
interface Typed {
  readonly type: string;
}

/**
 * A panel's side of the message protocol: every message from the webview is checked against the
 * protocol before anything sees it (anything else is logged and dropped), and everything sent is
 * typed. Both directions are observable, for the integration tests. The compare and run panels
 * speak `HostMessage`/`WebviewMessage`; a panel with its own message set (the runs table) names
 * its types and its parser.
 */
export class MessageChannel<Out extends Typed = HostMessage, In extends Typed = WebviewMessage>
  implements vscode.Disposable
{
  private readonly received = new vscode.EventEmitter<In>();
  private readonly sent = new vscode.EventEmitter<Out>();
  /** Each valid message from the webview. */
  readonly onDidReceive = this.received.event;
  /** Each message posted to the webview. */
  readonly onDidPost = this.sent.event;
  private readonly subscription: vscode.Disposable;
  private readonly lastPosted = new Map<Out['type'], Out>();
  private readonly receivedTypes = new Set<In['type']>();
  private disposed = false;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly logger: ScopedLogger,
    private readonly parse: (raw: unknown) => In | undefined = parseWebviewMessage as (raw: unknown) => In | undefined,
  ) {
    this.subscription = webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
  }

  /** Handles a message as if the webview had sent it (the tests' way in). */
  receive(raw: unknown): void {
    const message = this.parse(raw);
    if (!message) {
      this.logger.warn(`dropped a message the protocol does not allow: ${describe(raw)}`);
      return;
    }
    if (message.type === 'problem') this.logger.warn(`webview: ${String((message as { message?: unknown }).message)}`);
    this.receivedTypes.add(message.type);
    this.received.fire(message);
  }

  post(message: Out): void {
    if (this.disposed) return;
    this.lastPosted.set(message.type, message);
    this.sent.fire(message);
    void this.webview
      .postMessage(message)
      .then(undefined, (error: unknown) => this.logger.warn(`posting ${message.type} failed: ${String(error)}`));
  }

  /** The last message of a type posted to the webview (what it shows now). */
  last<T extends Out['type']>(type: T): Extract<Out, { type: T }> | undefined {
    return this.lastPosted.get(type) as Extract<Out, { type: T }> | undefined;
  }

  /** True once the webview has sent a valid message of this type (e.g. `ready`). */
  hasReceived(type: In['type']): boolean {
    return this.receivedTypes.has(type);
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    this.received.dispose();
    this.sent.dispose();
  }
}

function describe(raw: unknown): string {
  const text = typeof raw === 'object' && raw !== null ? JSON.stringify(raw) : String(raw);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * Saves what a panel exported (a table as CSV, a chart as PNG) where the user chooses: the
 * webview suggests a name, never a folder, and nothing is written without the save dialog.
 */
export async function saveExport(format: 'csv' | 'png', suggestedName: string, content: string): Promise<void> {
  const bytes = fileBytes(format, content);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = safeFileName(suggestedName, format);
  const target = await vscode.window.showSaveDialog({
    title: format === 'csv' ? 'Export as CSV' : 'Save Chart as PNG',
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: format === 'csv' ? { 'CSV files': ['csv'] } : { 'PNG images': ['png'] },
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, bytes);
  vscode.window.setStatusBarMessage(`Saved ${target.fsPath}`, 5000);
}
