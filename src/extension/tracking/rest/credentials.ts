/**
 * Who we say we are to an MLflow server: basic auth, a bearer token, or nothing, and where each
 * came from, so an auth error can say which kind of credentials were used (never their values)
 * and what to set instead.
 */

export type RestCredentials = { username: string; password: string } | { token: string };

export type Credentials =
  | { kind: 'none' }
  | { kind: 'basic'; username: string; password: string; source: string }
  | { kind: 'bearer'; token: string; source: string };

export interface CredentialSources {
  /** Explicit credentials, e.g. what the user entered (kept in SecretStorage). */
  explicit?: RestCredentials;
  /** `user:password@` in the tracking URI, already percent-decoded. */
  fromUri?: { username: string; password: string };
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Picks the credentials to send, most specific first: explicit ones, then the URI's user info,
 * then MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD, then MLFLOW_TRACKING_TOKEN (MLflow's
 * own client prefers basic auth when both are set).
 */
export function resolveCredentials(sources: CredentialSources): Credentials {
  const { explicit, fromUri, env } = sources;
  if (explicit) {
    return 'token' in explicit
      ? { kind: 'bearer', token: explicit.token, source: 'the token entered for this server' }
      : { kind: 'basic', ...explicit, source: 'the user name and password entered for this server' };
  }
  if (fromUri) return { kind: 'basic', ...fromUri, source: 'the user name and password in the tracking URI' };
  const username = env.MLFLOW_TRACKING_USERNAME;
  const password = env.MLFLOW_TRACKING_PASSWORD;
  if (username && password !== undefined) {
    return { kind: 'basic', username, password, source: 'MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD' };
  }
  const token = env.MLFLOW_TRACKING_TOKEN;
  if (token) return { kind: 'bearer', token, source: 'MLFLOW_TRACKING_TOKEN' };
  return { kind: 'none' };
}

/** The Authorization header value, if any. */
export function authorizationHeader(credentials: Credentials): string | undefined {
  switch (credentials.kind) {
    case 'basic':
      return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
    case 'bearer':
      return `Bearer ${credentials.token}`;
    default:
      return undefined;
  }
}

/** What was sent, for an error message: the kind and its source, never a value. */
export function describeCredentials(credentials: Credentials): string {
  switch (credentials.kind) {
    case 'basic':
      return `basic auth from ${credentials.source}`;
    case 'bearer':
      return `a bearer token from ${credentials.source}`;
    default:
      return 'no credentials';
  }
}

/** What a person can set to authenticate, for the message of a 401/403. */
export function credentialsHint(databricks: boolean): string {
  return databricks
    ? 'Set DATABRICKS_TOKEN, or the token of your profile in ~/.databrickscfg, to a valid personal access token for the workspace.'
    : 'Set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (basic auth) or MLFLOW_TRACKING_TOKEN ' +
        '(bearer token), or enter credentials for this server.';
}
