import * as vscode from 'vscode';
import type { HostMessage, WebviewMessage } from '../../webview/protocol';
import { parseWebviewMessage } from '../../webview/protocol';
import type { ScopedLogger } from '../platform/logger';

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
