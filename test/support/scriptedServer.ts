/**
 * A real HTTP server (node:http on 127.0.0.1, a free port) whose answers a test scripts, for the
 * failures no recording holds: 5xx then success, 429 with Retry-After, HTML pages, bare NaN
 * tokens, a socket destroyed mid-request or mid-body, a server that never answers, a body that stalls.
 *
 * Script it with a list (the n-th request gets the n-th answer; a request past the end gets 599
 * and is kept in `unscripted`) or with a function of the request. Every request is recorded
 * (method, path, query, headers, body) in `requests`, so a test can check request bodies (e.g.
 * the log-batch limits), headers (credentials) and how many retries were made.
 *
 * Usage: `const server = await startScriptedServer([{ status: 503 }, { body: { runs: [] } }]);`
 * then `server.url`, `server.requests`, and `await server.close()` (which also ends hanging answers).
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { closeServer, listen } from './replayServer';

export interface ScriptedAnswer {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** A string or bytes as they are; anything else is sent as JSON (content-type application/json). */
  body?: string | Buffer | object;
  /** Waits this long before answering. */
  delayMs?: number;
  /** Destroys the socket instead of answering (the client sees a reset / socket hang up). */
  destroy?: boolean;
  /** Never answers. */
  hang?: boolean;
  /** Sends the headers and only this many bytes of the body, then stalls. */
  stallAfterBytes?: number;
  /** Sends the headers and only this many bytes of the body, then destroys the socket. */
  resetAfterBytes?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body as UTF-8 text. */
  text: string;
}

export type Script =
  readonly ScriptedAnswer[] | ((request: RecordedRequest, index: number) => ScriptedAnswer | Promise<ScriptedAnswer>);

export interface ScriptedServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Requests that came after a list script ran out. */
  readonly unscripted: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a scripted server. */
export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const unscripted: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    void record(request).then(async (recorded) => {
      const index = requests.push(recorded) - 1;
      let scripted: ScriptedAnswer | undefined;
      if (typeof script === 'function') scripted = await script(recorded, index);
      else scripted = script[index];
      if (!scripted) {
        unscripted.push(recorded);
        scripted = { status: 599, body: { error: 'the script has no answer for this request', index } };
      }
      await play(scripted, request, response);
    });
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, requests, unscripted, close: () => closeServer(server) };
}

async function play(scripted: ScriptedAnswer, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (scripted.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
  if (scripted.destroy) {
    request.socket.destroy();
    return;
  }
  if (scripted.hang) return;
  const { bytes, contentType } = encode(scripted.body);
  const headers: Record<string, string | number> = { 'Content-Length': bytes.length };
  if (contentType) headers['Content-Type'] = contentType;
  response.writeHead(scripted.status ?? 200, { ...headers, ...scripted.headers });
  if (scripted.stallAfterBytes !== undefined) {
    response.write(bytes.subarray(0, scripted.stallAfterBytes));
    return;
  }
  if (scripted.resetAfterBytes !== undefined) {
    response.write(bytes.subarray(0, scripted.resetAfterBytes), () => request.socket.destroy());
    return;
  }
  response.end(bytes);
}

function encode(body: ScriptedAnswer['body']): { bytes: Buffer; contentType?: string } {
  if (body === undefined) return { bytes: Buffer.alloc(0) };
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8') };
  if (Buffer.isBuffer(body)) return { bytes: body };
  return { bytes: Buffer.from(JSON.stringify(body), 'utf8'), contentType: 'application/json' };
}

async function record(request: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const url = new URL(request.url ?? '/', 'http://scripted.invalid');
  const query: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
  return {
    method: request.method ?? '',
    path: url.pathname,
    query,
    headers: request.headers,
    body,
    text: body.toString('utf8'),
  };
}
