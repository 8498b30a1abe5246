import * as vscode from 'vscode';
import type { HostMessage, WebviewMessage } from '../../webview/protocol';
import { isCancellation, errorMessage } from '../tracking/errors';
import type { TrackingStore } from '../tracking/trackingStore';
import { MessageChannel } from './messageChannel';
import { fetchMetricSeries } from './metricSeries';
import type { PanelServices } from './panelServices';
import type { PanelKind } from './panelWebview';
import { setUpWebview } from './panelWebview';

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
    protected readonly services: PanelServices,
  ) {
    this.onDidDispose = this.disposed.event;
    this.channel = new MessageChannel(panel.webview, services.logger);
    this.disposables.push(
      this.channel,
      this.channel.onDidReceive((message) => void this.handle(message)),
      panel.onDidDispose(() => this.dispose()),
    );
    setUpWebview(panel.webview, services.extensionUri, kind);
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
    this.services.logger.warn(`${this.kind} panel: refused ${message.type}: it names nothing this panel handed out`);
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
      this.services.logger.warn(
        `${this.kind} panel: the history of ${metricKey} could not be read: ${errorMessage(error)}`,
      );
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
    this.services.logger.error(`${this.kind} panel: ${what} failed`, error);
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
