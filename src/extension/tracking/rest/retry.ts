import { MlflowCancelledError } from '../errors';

/**
 * When a failed request is tried again, and how long to wait first.
 *
 * Which failures are retried depends on whether repeating the request is harmless:
 * - Reads (and a PUT of an artifact, which replaces the same file) are retried on 429, 502, 503,
 *   504 and on a connection reset, since running them twice changes nothing.
 * - Writes that add something (create a run, log a batch of metrics, ...) are retried only on
 *   429 and 503: both say the server did not take the request on. A 502 or 504 comes from a proxy
 *   whose upstream MLflow may have already committed the write, and a reset can come after the
 *   body reached the server; repeating those could create a second run or log every metric twice,
 *   so the error goes to the caller instead.
 * Connection refused is never retried: it says at once that no server listens there.
 */

export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: number;
  /** The first backoff; each retry doubles it, with jitter. */
  baseDelayMs: number;
  /** No wait is longer, whatever a Retry-After header asks. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 20_000 };

/** Statuses that say "try again later" without the request having done anything. */
const RETRY_ANY_REQUEST = new Set([429, 503]);
/** Statuses after which only a request that is harmless to repeat is retried. */
const RETRY_IDEMPOTENT_ONLY = new Set([502, 504]);
/** Network errors after which the request may or may not have reached the server. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/** Whether an answer with `status` is worth another try. */
export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  return RETRY_ANY_REQUEST.has(status) || (idempotent && RETRY_IDEMPOTENT_ONLY.has(status));
}

/** Whether a network failure (Node's error code, or axios' "socket hang up") is worth another try. */
export function isRetryableNetworkError(code: string | undefined, message: string, idempotent: boolean): boolean {
  if (!idempotent) return false;
  return (code !== undefined && RESET_CODES.has(code)) || /socket hang up/i.test(message);
}

/**
 * The wait before retry number `retry` (0-based): the server's Retry-After when it sent one,
 * else exponential backoff with jitter (between half and all of base * 2^retry); never more
 * than `maxDelayMs`.
 */
export function retryDelayMs(
  retry: number,
  policy: RetryPolicy,
  retryAfter?: string,
  now: number = Date.now(),
  random: () => number = Math.random,
): number {
  const asked = retryAfter === undefined ? undefined : parseRetryAfterMs(retryAfter, now);
  if (asked !== undefined) return Math.min(asked, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** A Retry-After value (delay in seconds, or an HTTP date) as milliseconds from `now`. */
export function parseRetryAfterMs(value: string, now: number): number | undefined {
  const trimmed = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Waits `ms`, or rejects with MlflowCancelledError as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new MlflowCancelledError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new MlflowCancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
