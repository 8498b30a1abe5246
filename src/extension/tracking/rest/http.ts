import axios from 'axios';
import type { AxiosInstance } from 'axios';
import type { Readable } from 'node:stream';
import { ClientErrorCode, MlflowCancelledError, MlflowError } from '../errors';
import { createAgents } from './agents';
import type { Agents } from './agents';
import { authorizationHeader } from './credentials';
import { Exchange } from './exchange';
import { bodyExcerpt, errorFromResponse, errorCode } from './httpErrors';
import type { ExchangeContext } from './httpErrors';
import { parseMlflowJson } from './json';
import type { ResponseBody } from './responseBody';
import type { ResponseLimit } from './responseLimits';
import type { RestConnection } from './restConnection';
import { isRetryableNetworkError, isRetryableStatus, retryDelayMs, sleep } from './retry';
import { WORKSPACE_HEADER } from './workspacesApi';

/**
 * The one way this client talks HTTP: every request gets the credentials, a timeout, retries with
 * backoff (see retry.ts for which), cancellation through an AbortSignal (also during a backoff
 * wait), a request-log event per attempt, and errors mapped to the tracking client's errors.
 */

export type QueryValue = string | number | readonly string[] | undefined;

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT';
  /** Below the base URL, already percent-encoded: `/api/2.0/mlflow/runs/get`. */
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  /** A JSON body; doubles must already be in their wire form (see json.ts doubleToWire). */
  json?: unknown;
  /** A streamed body, opened afresh for each attempt. */
  upload?: { open: () => Readable; contentLength: number };
  /** True when running the request twice does no harm; decides which failures are retried. */
  idempotent: boolean;
  signal?: AbortSignal;
  /**
   * An artifact download: its body is written to disk with progress shown, so it may take as
   * long as it keeps coming (no deadline, only the idle timeout).
   */
  download?: boolean;
}

/** A request whose JSON answer is read into memory, up to its limit (see responseLimits.ts). */
export interface JsonRequestSpec extends RequestSpec {
  limit: ResponseLimit;
}

/** The error page is read only this far. */
const ERROR_BODY_LIMIT = 64 * 1024;

export class HttpClient {
  private readonly agents: Agents;
  private readonly axios: AxiosInstance;
  /** MLflow's workspace (3.10+) every request is about, sent as its header; none until one is chosen (see workspacesApi.ts). */
  workspace: string | undefined;

  constructor(readonly connection: RestConnection) {
    this.agents = createAgents(connection);
    this.axios = axios.create({
      ...this.agents,
      responseType: 'stream',
      validateStatus: () => true,
      transformResponse: [(data: unknown) => data],
      maxBodyLength: Infinity,
      maxContentLength: -1,
    });
  }

  /**
   * Sends the request and parses the JSON answer (BAD_RESPONSE when it is not JSON,
   * RESPONSE_TOO_LARGE past `spec.limit`).
   */
  async requestJson(spec: JsonRequestSpec): Promise<unknown> {
    return this.withRetries(spec, async (body) => {
      const text = await body.readText(spec.limit);
      if (/^\s*</.test(text)) {
        throw new MlflowError(
          `${endpointOf(spec)}: expected JSON, but the server sent an HTML page (is the tracking URI, with its ` +
            `path prefix, right?): "${bodyExcerpt(text)}"`,
          ClientErrorCode.badResponse,
          body.status,
        );
      }
      return parseMlflowJson(text, endpointOf(spec));
    });
  }

  /**
   * Sends the request and hands over the body of a 2xx answer to be read as a stream; the
   * deadline keeps counting while it is read (unless `spec.download`).
   */
  async requestStream(spec: RequestSpec): Promise<ResponseBody> {
    return this.withRetries(spec, (body) => Promise.resolve(body), true);
  }

  /** Closes idle keep-alive sockets. */
  dispose(): void {
    this.agents.httpAgent.destroy();
    this.agents.httpsAgent.destroy();
  }

  private async withRetries<T>(
    spec: RequestSpec,
    read: (body: ResponseBody) => Promise<T>,
    keepOpen = false,
  ): Promise<T> {
    const policy = this.connection.retry;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(spec, attempt, read, keepOpen);
      if (outcome.ok) return outcome.value;
      if (!outcome.retryable || attempt >= policy.maxRetries) throw outcome.error;
      await sleep(retryDelayMs(attempt, policy, outcome.retryAfter), spec.signal);
    }
  }

  private async attempt<T>(
    spec: RequestSpec,
    attempt: number,
    read: (body: ResponseBody) => Promise<T>,
    keepOpen: boolean,
  ): Promise<Outcome<T>> {
    if (spec.signal?.aborted) return { ok: false, error: new MlflowCancelledError(), retryable: false };
    const started = Date.now();
    const exchange = new Exchange(
      spec.signal,
      this.context(spec),
      spec.download ? 'none' : spec.upload ? 'answer' : 'request',
    );
    let status: number | undefined;
    let handedOver = false;
    const upload = spec.upload ? exchange.watchUpload(spec.upload.open()) : undefined;
    try {
      const response = await this.axios.request<Readable>({
        url: this.connection.baseUrl + spec.path + queryString(spec.query),
        method: spec.method,
        headers: this.headers(spec),
        data: upload ?? (spec.json === undefined ? undefined : JSON.stringify(spec.json)),
        signal: exchange.signal,
        // Following a redirect would mean holding the whole upload in memory to send it again.
        maxRedirects: upload ? 0 : 5,
      });
      status = response.status;
      const contentType = headerValue(response.headers['content-type']);
      const length = Number(headerValue(response.headers['content-length']));
      const body = exchange.body(response.data, {
        status,
        contentType,
        contentLength: Number.isFinite(length) ? length : undefined,
      });
      if (status < 200 || status > 299) {
        const text = (await body.readPrefix(ERROR_BODY_LIMIT)).toString('utf8');
        const error = errorFromResponse(status, response.statusText ?? '', contentType, text, exchange.context);
        this.log(spec, attempt, started, status, error);
        const retryAfter = headerValue(response.headers['retry-after']);
        return { ok: false, error, retryable: isRetryableStatus(status, spec.idempotent), retryAfter };
      }
      const value = await read(body);
      // A body handed over keeps its time limits until it is read or closed.
      if (keepOpen) handedOver = true;
      else body.close();
      this.log(spec, attempt, started, status);
      return { ok: true, value };
    } catch (caught) {
      const error = exchange.mapError(caught);
      this.log(spec, attempt, started, status, error);
      // A reset, even in the middle of a body, is retried when the request is harmless to repeat.
      const retryable =
        error.errorCode === ClientErrorCode.connection &&
        isRetryableNetworkError(errorCode(caught), caught instanceof Error ? caught.message : '', spec.idempotent);
      return { ok: false, error, retryable };
    } finally {
      if (!handedOver) exchange.finish();
      upload?.destroy();
    }
  }

  private context(spec: RequestSpec): ExchangeContext {
    const { hostPort, credentials, databricks, timeoutMs } = this.connection;
    return { endpoint: endpointOf(spec), hostPort, credentials, databricks, timeoutMs };
  }

  private headers(spec: RequestSpec): Record<string, string> {
    const headers: Record<string, string> = { 'User-Agent': 'mlflow-explorer-vscode' };
    const authorization = authorizationHeader(this.connection.credentials);
    if (authorization) headers.Authorization = authorization;
    if (this.workspace !== undefined) headers[WORKSPACE_HEADER] = this.workspace;
    if (spec.json !== undefined) headers['Content-Type'] = 'application/json';
    if (spec.upload) {
      headers['Content-Type'] = 'application/octet-stream';
      headers['Content-Length'] = String(spec.upload.contentLength);
    }
    return headers;
  }

  private log(spec: RequestSpec, attempt: number, started: number, status?: number, error?: MlflowError): void {
    const onRequest = this.connection.onRequest;
    if (!onRequest) return;
    try {
      onRequest({
        method: spec.method,
        path: spec.path,
        status,
        durationMs: Date.now() - started,
        error: error?.message,
        attempt,
      });
    } catch {
      // A failing logger must not fail the request.
    }
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: MlflowError; retryable: boolean; retryAfter?: string };

function queryString(query: RequestSpec['query']): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = typeof value === 'object' ? value : [String(value)];
    for (const item of values) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(item)}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

function endpointOf(spec: RequestSpec): string {
  return `${spec.method} ${spec.path}`;
}

function headerValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
