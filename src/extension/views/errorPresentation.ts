import { isCancellation, MlflowAuthError, MlflowError } from '../tracking/errors';

/** What an error row shows and offers. */
export interface ErrorDisplay {
  /** One line: what failed. */
  label: string;
  /** `HTTP 503`, the error code, or empty. */
  description: string;
  /** Everything known, for the hover (plain text; the caller escapes it). */
  detail: string;
  /** The click action: sign in on a 401/403, else try again. */
  action: 'retry' | 'signIn';
}

const LABEL_MAX = 160;

/**
 * An error as one tree row: the store's own message (which names host, what happened and what to
 * do), the HTTP status, and the action that can fix it. Never a stack trace.
 */
export function describeError(error: unknown, storeDescription: string): ErrorDisplay {
  if (isCancellation(error)) {
    return { label: 'Loading was cancelled', description: '', detail: `${storeDescription}: loading was cancelled.`, action: 'retry' };
  }
  const message = error instanceof Error ? error.message.trim() : String(error);
  const label = firstLine(message) || 'Unknown error';
  const description = error instanceof MlflowError ? statusOf(error) : '';
  const detail = [storeDescription, message, error instanceof MlflowError ? `Error code: ${error.errorCode}` : ''].filter(Boolean).join('\n');
  return { label: clip(label), description, detail, action: error instanceof MlflowAuthError ? 'signIn' : 'retry' };
}

function statusOf(error: MlflowError): string {
  return error.httpStatus !== undefined ? `HTTP ${error.httpStatus}` : error.errorCode;
}

function firstLine(message: string): string {
  return message.split(/\r?\n/, 1)[0]?.trim() ?? '';
}

function clip(text: string): string {
  return text.length <= LABEL_MAX ? text : `${text.slice(0, LABEL_MAX - 1)}…`;
}
