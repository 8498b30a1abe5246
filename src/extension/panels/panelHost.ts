import * as vscode from 'vscode';
import type { HostMessage, WebviewMessage } from '../../webview/protocol';
import { isCancellation, errorMessage } from '../tracking/errors';
import type { TrackingStore } from '../tracking/trackingStore';
import { parseWebviewMessage } from '../../webview/protocol';
import { fetchMetricSeries } from './metricSeries';
import type { ScopedLogger } from '../platform/logger';
import { newNonce, webviewHtml } from './webviewHtml';

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

export type PanelKind = 'compare' | 'run';

/** The view types the panels are registered under (and restored by). */
export const PanelViewType: Record<PanelKind, string> = { compare: 'mlflow.compare', run: 'mlflow.run' };

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
function setUpWebview(webview: vscode.Webview, extensionUri: vscode.Uri, kind: PanelKind): void {
  webview.options = panelOptions(extensionUri);
  const uri = (...parts: string[]): string =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  webview.html = webviewHtml({
    title: kind === 'compare' ? 'Compare Runs' : 'Run',
    cspSource: webview.cspSource,
    nonce: newNonce(),
    scriptUri: uri('dist', 'webview', `${kind}.js`),
    styleUris: [uri('media', 'webview.css'), uri('media', `${kind}.css`)],
  });
}

/**
 * A panel's side of the message protocol: every message from the webview is checked against the
 * protocol before anything sees it (anything else is logged and dropped), and everything sent is
 * typed. Both directions are observable, for the integration tests.
 */
export class MessageChannel implements vscode.Disposable {
  private readonly received = new vscode.EventEmitter<WebviewMessage>();
  private readonly sent = new vscode.EventEmitter<HostMessage>();
  /** Each valid message from the webview. */
  readonly onDidReceive = this.received.event;
  /** Each message posted to the webview. */
  readonly onDidPost = this.sent.event;
  private readonly subscription: vscode.Disposable;
  private readonly lastPosted = new Map<HostMessage['type'], HostMessage>();
  private readonly receivedTypes = new Set<WebviewMessage['type']>();
  private disposed = false;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly logger: ScopedLogger,
  ) {
    this.subscription = webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
  }

  /** Handles a message as if the webview had sent it (the tests' way in). */
  receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.logger.warn(`dropped a message the protocol does not allow: ${describe(raw)}`);
      return;
    }
    if (message.type === 'problem') this.logger.warn(`webview: ${message.message}`);
    this.receivedTypes.add(message.type);
    this.received.fire(message);
  }

  post(message: HostMessage): void {
    if (this.disposed) return;
    this.lastPosted.set(message.type, message);
    this.sent.fire(message);
    void this.webview
      .postMessage(message)
      .then(undefined, (error: unknown) => this.logger.warn(`posting ${message.type} failed: ${String(error)}`));
  }

  /** The last message of a type posted to the webview (what it shows now). */
  last<T extends HostMessage['type']>(type: T): Extract<HostMessage, { type: T }> | undefined {
    return this.lastPosted.get(type) as Extract<HostMessage, { type: T }> | undefined;
  }

  /** True once the webview has sent a valid message of this type (e.g. `ready`). */
  hasReceived(type: WebviewMessage['type']): boolean {
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
