/**
 * The tracking client's errors. Every failure of a store surfaces as an `MlflowError` carrying
 * MLflow's `error_code` (or one of ours for failures that never reached a server), the HTTP
 * status when there was one, and a message a person can act on.
 */

/** Error codes of our own, for failures MLflow itself has no code for. */
export const ClientErrorCode = {
  connection: 'CONNECTION_ERROR',
  timeout: 'TIMEOUT',
  cancelled: 'CANCELLED',
  badResponse: 'BAD_RESPONSE',
  unauthenticated: 'UNAUTHENTICATED',
  permissionDenied: 'PERMISSION_DENIED',
  readOnly: 'READ_ONLY_STORE',
  unsupported: 'UNSUPPORTED',
  badStore: 'BAD_STORE',
  responseTooLarge: 'RESPONSE_TOO_LARGE',
} as const;

export class MlflowError extends Error {
  override name = 'MlflowError';

  constructor(
    message: string,
    /** MLflow's `error_code` (e.g. `INVALID_PARAMETER_VALUE`) or one of `ClientErrorCode`. */
    readonly errorCode: string,
    /** The HTTP status, when the error came from an HTTP response. */
    readonly httpStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** 401 or 403: the server wants (other) credentials. */
export class MlflowAuthError extends MlflowError {
  override name = 'MlflowAuthError';
}

/** The server could not be reached, or did not answer in time. */
export class MlflowConnectionError extends MlflowError {
  override name = 'MlflowConnectionError';
}

/** A server's answer was larger than the call can need: reading stopped there, the rest was never held. */
export class MlflowResponseTooLargeError extends MlflowError {
  override name = 'MlflowResponseTooLargeError';
  constructor(
    message: string,
    /** The most that was allowed, in bytes. */
    readonly limitBytes: number,
  ) {
    super(message, ClientErrorCode.responseTooLarge);
  }
}

/** The caller cancelled the request (an AbortSignal fired). */
export class MlflowCancelledError extends MlflowError {
  override name = 'MlflowCancelledError';
  constructor(message = 'The request was cancelled.') {
    super(message, ClientErrorCode.cancelled);
  }
}

/** A write was asked of a store that only reads (`mlflow.db`, `mlruns/`). */
export class MlflowReadOnlyError extends MlflowError {
  override name = 'MlflowReadOnlyError';
  constructor(storeDescription: string, operation: string) {
    super(
      `${storeDescription} is opened read-only: ${operation} needs an MLflow server ` +
        '(another process may be writing this store, so it is never written here).',
      ClientErrorCode.readOnly,
    );
  }
}

/** A search filter or order_by clause that does not parse; `position` points at the bad token. */
export class SearchSyntaxError extends MlflowError {
  override name = 'SearchSyntaxError';
  constructor(
    message: string,
    /** The text that was parsed. */
    readonly input: string,
    /** Offset of the offending token in `input` (0-based). */
    readonly position: number,
  ) {
    super(message, 'INVALID_PARAMETER_VALUE', 400);
  }
}

/** True when `error` means the caller gave up, so no message should be shown. */
export function isCancellation(error: unknown): boolean {
  return error instanceof MlflowCancelledError;
}

/** Throws MlflowCancelledError when `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MlflowCancelledError();
}

/**
 * The message of anything thrown: an Error's message, else the value as text. The one place this
 * is spelled, since a rejection may carry any value (a string, an object from a callback API).
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
