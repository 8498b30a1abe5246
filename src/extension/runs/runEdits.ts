/**
 * Checks of what the user types for a run, made before anything is sent, with MLflow's own
 * rules (mlflow/utils/validation.py) so the server's refusal is seen as you type.
 */

/** MLflow's limit for tag keys and run names (the column is 250 characters). */
const MAX_KEY_LENGTH = 250;
/** MLflow 3's limit for a tag value. */
export const MAX_TAG_VALUE_LENGTH = 8000;

/** Why `key` cannot be a tag key, or undefined when it can. */
export function tagKeyProblem(key: string): string | undefined {
  if (!key) return 'Enter a tag key.';
  if (key.length > MAX_KEY_LENGTH)
    return `A tag key has at most ${MAX_KEY_LENGTH} characters (this one has ${key.length}).`;
  if (!/^[\w./\- :]+$/.test(key)) {
    return 'Tag keys may only contain letters, digits, underscores (_), dashes (-), periods (.), spaces, colons (:) and slashes (/).';
  }
  if (key.startsWith('/') || key.split('/').some((part) => part === '.' || part === '..' || part === '')) {
    return 'A tag key must not start with a slash, hold empty parts (//), or "." and ".." parts.';
  }
  return undefined;
}

export function tagValueProblem(value: string): string | undefined {
  return value.length > MAX_TAG_VALUE_LENGTH
    ? `A tag value has at most ${MAX_TAG_VALUE_LENGTH} characters (this one has ${value.length}).`
    : undefined;
}

export function runNameProblem(name: string): string | undefined {
  if (!name.trim()) return 'Enter a run name.';
  return name.length > MAX_KEY_LENGTH ? `A run name has at most ${MAX_KEY_LENGTH} characters.` : undefined;
}

/**
 * The run's page in the MLflow UI of the server at `trackingUri` (an http(s) address, no
 * credentials), or undefined when the store has no web UI.
 */
export function runPageUrl(trackingUri: string, experimentId: string, runId: string): string | undefined {
  let base: URL;
  try {
    base = new URL(trackingUri);
  } catch {
    return undefined;
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') return undefined;
  base.username = '';
  base.password = '';
  base.search = '';
  base.hash = '';
  const root = base.href.replace(/\/+$/, '');
  return `${root}/#/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`;
}
