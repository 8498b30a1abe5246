/**
 * The webview's side of the message channel: VS Code's `acquireVsCodeApi()` (callable once), every
 * incoming message checked against the protocol (unknown ones reported to the host and dropped),
 * and the state VS Code keeps across reloads.
 */
import type { HostMessage, RunsTableWebviewMessage, WebviewMessage } from '../protocol';
import { parseHostMessage } from '../protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export const host = {
  post(message: WebviewMessage | RunsTableWebviewMessage): void {
    api.postMessage(message);
  },

  /** Calls `handler` with each valid message from the host. */
  onMessage(handler: (message: HostMessage) => void): void {
    host.listen(parseHostMessage, handler);
  },

  /** Calls `handler` with each message `parse` accepts (a panel with its own message set: the runs table). */
  listen<M extends { type: string }>(parse: (value: unknown) => M | undefined, handler: (message: M) => void): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = parse(event.data);
      if (!message) {
        const type =
          typeof event.data === 'object' && event.data !== null
            ? String((event.data as { type?: unknown }).type)
            : typeof event.data;
        api.postMessage({
          type: 'problem',
          message: `dropped a message the webview does not understand (type ${type.slice(0, 80)})`,
        });
        return;
      }
      try {
        handler(message);
      } catch (error) {
        api.postMessage({ type: 'problem', message: `handling ${message.type} failed: ${describe(error)}` });
      }
    });
  },

  getState(): unknown {
    return api.getState();
  },

  setState(state: unknown): void {
    api.setState(state);
  },
};

export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
