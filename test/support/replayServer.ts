/**
 * A real HTTP server (node:http on 127.0.0.1, a free port) that answers from recorded MLflow
 * transcripts, for tests that drive a client over real sockets.
 *
 * A request matches a transcript when the method, the path (compared percent-decoded), the query
 * (every key, every value of a repeated key, in order) and the body agree. A JSON body is compared
 * parsed, so key order and spacing do not matter; a recorded body that was not JSON is compared as
 * text; a recording with no body at all (GET, or an artifact upload) accepts any body. The answer
 * is the recorded status, content-type and body, byte for byte.
 *
 * When several transcripts match the same request (a run read before and after it was deleted),
 * they answer in file order, and the last one keeps answering.
 *
 * A request no transcript matches gets status 599 with a JSON description and is kept in
 * `unmatched`, so a test can assert that none happened.
 *
 * Usage: `const server = await startReplayServer(loadTranscripts(['061', '128']));` then
 * `server.url`, `server.served`, `server.unmatched`, and `await server.close()`.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { parseMlflowJson } from '../../src/extension/tracking/rest/json';
import { responseBytes } from './transcripts';
import type { Transcript } from './transcripts';

export interface UnmatchedRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  body: string;
}

export interface ReplayServer {
  /** `http://127.0.0.1:<port>` plus the prefix, if one was given. */
  readonly url: string;
  /** The transcript files that answered, in order. */
  readonly served: string[];
  readonly unmatched: UnmatchedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a replay server. With `prefix` (`/mlflow`), requests must carry it, as behind a proxy
 * that mounts MLflow below a path; it is removed before matching.
 */
export async function startReplayServer(
  transcripts: readonly Transcript[],
  options: { prefix?: string } = {},
): Promise<ReplayServer> {
  const prefix = options.prefix ?? '';
  const served: string[] = [];
  const unmatched: UnmatchedRequest[] = [];
  const uses = new Map<Transcript, number>();
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const incoming = describe(request, body, prefix);
      const candidates = incoming ? transcripts.filter((transcript) => matches(transcript, incoming)) : [];
      const chosen = candidates.find((candidate) => !uses.has(candidate)) ?? candidates[candidates.length - 1];
      if (!chosen || !incoming) {
        const description = incoming ?? { method: request.method ?? '', path: request.url ?? '', query: {}, body };
        unmatched.push(description);
        answer(
          response,
          599,
          'application/json',
          Buffer.from(JSON.stringify({ error: 'no recorded exchange matches', ...description })),
        );
        return;
      }
      uses.set(chosen, (uses.get(chosen) ?? 0) + 1);
      served.push(chosen.file);
      answer(response, chosen.response.status, chosen.response.headers['content-type'], responseBytes(chosen));
    });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    served,
    unmatched,
    close: () => closeServer(server),
  };
}

function describe(request: IncomingMessage, body: string, prefix: string): UnmatchedRequest | undefined {
  const url = new URL(request.url ?? '/', 'http://replay.invalid');
  if (!url.pathname.startsWith(prefix)) return undefined;
  const query: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
  return { method: request.method ?? '', path: url.pathname.slice(prefix.length), query, body };
}

function matches(transcript: Transcript, incoming: UnmatchedRequest): boolean {
  const recorded = transcript.request;
  if (recorded.method !== incoming.method || decodePath(recorded.path) !== decodePath(incoming.path)) return false;
  const recordedQuery = Object.fromEntries(
    Object.entries(recorded.query).map(([key, value]) => [key, Array.isArray(value) ? value : [value]]),
  );
  if (!isDeepStrictEqual(recordedQuery, incoming.query)) return false;
  if (recorded.body !== null && recorded.body !== undefined) return jsonEquals(recorded.body, incoming.body);
  if (recorded.body_raw !== null) return recorded.body_raw === incoming.body;
  return true;
}

function jsonEquals(recorded: unknown, body: string): boolean {
  try {
    return isDeepStrictEqual(recorded, parseMlflowJson(body, 'request body'));
  } catch {
    return false;
  }
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function answer(response: ServerResponse, status: number, contentType: string | undefined, body: Buffer): void {
  const headers: Record<string, string | number> = { 'Content-Length': body.length };
  if (contentType !== undefined) headers['Content-Type'] = contentType;
  response.writeHead(status, headers);
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Listens on 127.0.0.1 and a free port; resolves to the port. */
export function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Closes the server and every connection still open (keep-alive or hanging). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
