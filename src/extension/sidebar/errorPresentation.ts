import { isCancellation, MlflowAuthError, MlflowError } from '../tracking/errors';

/** What an error row shows and offers. */
export interface ErrorDisplay {
  /** One line: what failed, where. */
  label: string;
  /** `HTTP 503` when the server answered, else empty. */
  description: string;
  /** Everything known, for the hover (plain text; the caller escapes it). */
  detail: string;
  /** The click action: sign in on a 401/403, else try again. */
  action: 'retry' | 'signIn';
}

const LABEL_MAX = 160;

/**
 * An error as one tree row: what failed and where (the store's own message names the host and
 * what happened), the HTTP status, and the action that can fix it. The whole message, with what
 * to do, goes to the hover. Never a stack trace.
 */
export function describeError(error: unknown, storeDescription: string): ErrorDisplay {
  if (isCancellation(error)) {
    return {
      label: 'Loading was cancelled',
      description: '',
      detail: `${storeDescription}: loading was cancelled.`,
      action: 'retry',
    };
  }
  const message = error instanceof Error ? error.message.trim() : String(error);
  const status = error instanceof MlflowError && error.httpStatus !== undefined ? `HTTP ${error.httpStatus}` : '';
  const detail = [storeDescription, message, error instanceof MlflowError ? `Error code: ${error.errorCode}` : '']
    .filter(Boolean)
    .join('\n');
  if (error instanceof MlflowAuthError) {
    return {
      label: clip(`${storeDescription} refused access: sign in to continue`),
      description: status,
      detail,
      action: 'signIn',
    };
  }
  return { label: clip(headline(message) || 'Unknown error'), description: status, detail, action: 'retry' };
}

/**
 * The first sentence, without the `POST /api/2.0/mlflow/...:` the REST client puts in front (the
 * sentence after it then starts the row, so it gets a capital).
 */
function headline(message: string): string {
  const firstLine = message.split(/\r?\n/, 1)[0] ?? '';
  const withoutRequest = firstLine.replace(/^(?:GET|POST|PUT|PATCH|DELETE) \/\S*?:? /, '');
  const [sentence = ''] = withoutRequest.split(/\.\s+(?=[A-Z])/, 1);
  const trimmed = sentence.replace(/\.$/, '');
  return withoutRequest === firstLine ? trimmed : trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

function clip(text: string): string {
  return text.length <= LABEL_MAX ? text : `${text.slice(0, LABEL_MAX - 1)}…`;
}
