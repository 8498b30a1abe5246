import {
  ClientErrorCode,
  MlflowAuthError,
  MlflowConnectionError,
  MlflowError,
  MlflowResponseTooLargeError,
  errorMessage,
} from '../errors';
import { credentialsHint, describeCredentials } from './credentials';
import type { Credentials } from './credentials';
import { formatLimit } from './responseLimits';
import type { ResponseLimit } from './responseLimits';

/**
 * Turns what went wrong in an HTTP exchange into the tracking client's errors: MLflow's JSON
 * errors keep their `error_code`; 401/403 become MlflowAuthError naming the kind of credentials
 * sent; HTML and other bodies get the status's meaning and a readable excerpt; network failures
 * become MlflowConnectionError naming host:port.
 */

export interface ExchangeContext {
  /** e.g. `GET runs/get`. */
  endpoint: string;
  hostPort: string;
  credentials: Credentials;
  databricks: boolean;
  timeoutMs: number;
}

/** The error codes MLflow (and Databricks) use for a status, when the body does not say. */
const STATUS_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: ClientErrorCode.unauthenticated,
  403: ClientErrorCode.permissionDenied,
  404: 'ENDPOINT_NOT_FOUND',
  405: 'ENDPOINT_NOT_FOUND',
  408: 'DEADLINE_EXCEEDED',
  409: 'RESOURCE_CONFLICT',
  429: 'REQUEST_LIMIT_EXCEEDED',
  500: 'INTERNAL_ERROR',
  501: 'NOT_IMPLEMENTED',
  502: 'TEMPORARILY_UNAVAILABLE',
  503: 'TEMPORARILY_UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The error for a non-2xx answer whose body (possibly cut short) is `bodyText`. */
export function errorFromResponse(
  status: number,
  statusText: string,
  contentType: string | undefined,
  bodyText: string,
  context: ExchangeContext,
): MlflowError {
  const fromJson = mlflowErrorBody(bodyText);
  const errorCode = fromJson?.errorCode ?? STATUS_CODES[status] ?? ClientErrorCode.badResponse;
  const what = `${context.endpoint} failed with HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  const detail = fromJson?.message ?? describeBody(contentType, bodyText);
  if (status === 401 || status === 403) {
    return new MlflowAuthError(
      `${what}: ${detail}. ${describeSent(context.credentials, status)} ${credentialsHint(context.databricks)}`,
      fromJson?.errorCode ?? (status === 401 ? ClientErrorCode.unauthenticated : ClientErrorCode.permissionDenied),
      status,
    );
  }
  if (fromJson?.errorCode) return new MlflowError(fromJson.message, errorCode, status);
  return new MlflowError(`${what}: ${detail}`, errorCode, status);
}

/** The error for a request that got no HTTP answer. */
export function errorFromNetwork(error: unknown, context: ExchangeContext): MlflowConnectionError {
  const code = errorCode(error);
  const where = `the MLflow server at ${context.hostPort}`;
  const happened = describeNetworkFailure(code, errorMessage(error));
  return new MlflowConnectionError(
    `${context.endpoint}: could not reach ${where}: ${happened}`,
    ClientErrorCode.connection,
    undefined,
    { cause: error },
  );
}

/**
 * Where a request was when it ran out of time: waiting for the answer, waiting for the next chunk
 * of its body, or still reading a body that keeps coming too slowly to end within the deadline.
 */
export type TimeoutPhase = 'answer' | 'idle' | 'deadline';

/** The error for a request that ran out of time. */
export function timeoutError(context: ExchangeContext, phase: TimeoutPhase = 'answer'): MlflowConnectionError {
  const server = `the MLflow server at ${context.hostPort}`;
  const limit = `${formatSeconds(context.timeoutMs)} (the request timeout)`;
  const what =
    phase === 'answer'
      ? `${server} did not answer within ${limit}.`
      : phase === 'idle'
        ? `${server} sent nothing more for ${limit}: stopped reading.`
        : `${server} did not finish its answer within ${limit}: stopped reading.`;
  return new MlflowConnectionError(`${context.endpoint}: ${what}`, ClientErrorCode.timeout);
}

/** The error for an answer longer than its call can need (see responseLimits.ts). */
export function responseTooLargeError(context: ExchangeContext, limit: ResponseLimit): MlflowResponseTooLargeError {
  const advice = limit.advice ? ` ${limit.advice}` : '';
  return new MlflowResponseTooLargeError(
    `${context.endpoint}: the answer of the MLflow server at ${context.hostPort} exceeded ${formatLimit(limit.bytes)}, ` +
      `the most ${limit.what} may take: stopped reading.${advice}`,
    limit.bytes,
  );
}

/** A short, readable excerpt of an HTML or text body: tags stripped, whitespace collapsed, truncated. */
export function bodyExcerpt(text: string, maxLength = 200): string {
  const readable = text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_match, entity: string) => ENTITIES[entity] ?? ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return readable.length > maxLength ? `${readable.slice(0, maxLength - 3)}...` : readable;
}

/** The Node/axios error code of a network failure, if any. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && !code.startsWith('ERR_')) return code;
  return errorCode((error as { cause?: unknown }).cause) ?? (typeof code === 'string' ? code : undefined);
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function describeSent(credentials: Credentials, status: number): string {
  if (credentials.kind === 'none') return 'No credentials were sent.';
  const sent = describeCredentials(credentials);
  return status === 401
    ? `Sent ${sent}, which the server did not accept.`
    : `Sent ${sent}, which is not allowed to do this.`;
}

function describeNetworkFailure(code: string | undefined, message: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused. Is the server running, and is the tracking URI right?';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name was not found (DNS). Is the tracking URI right?';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was closed before an answer came (reset by the server or a proxy).';
    case 'ETIMEDOUT':
      return 'connecting timed out.';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the network cannot reach that host.';
    default:
      if (code !== undefined && TLS_CODES.has(code)) {
        return (
          `its TLS certificate was not accepted (${code}). Set mlflow.caBundlePath or ` +
          'MLFLOW_TRACKING_SERVER_CERT_PATH to the PEM file of its certificate authority, or, only for a ' +
          'server you trust, MLFLOW_TRACKING_INSECURE_TLS=true.'
        );
      }
      if (/socket hang up/i.test(message)) return 'the connection was closed before an answer came (socket hang up).';
      return code ? `${message} (${code}).` : `${message}.`;
  }
}

function mlflowErrorBody(text: string): { errorCode?: string; message: string } | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const body = JSON.parse(trimmed) as unknown;
    if (typeof body !== 'object' || body === null) return undefined;
    const { error_code: code, message, detail } = body as Record<string, unknown>;
    const text = typeof message === 'string' ? message : typeof detail === 'string' ? detail : undefined;
    if (typeof code === 'string') return { errorCode: code, message: text ?? code };
    return text === undefined ? undefined : { message: text };
  } catch {
    return undefined;
  }
}

function describeBody(contentType: string | undefined, text: string): string {
  const excerpt = bodyExcerpt(text);
  if (excerpt === '') return 'the answer has no body';
  const kind = /html/i.test(contentType ?? '') || /^\s*</.test(text) ? 'an HTML page' : 'a non-JSON answer';
  return `${kind}: "${excerpt}"`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
