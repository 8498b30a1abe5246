import { ClientErrorCode, MlflowAuthError, MlflowError } from '../errors';
import { resolveCredentials } from './credentials';
import { redactTrackingUri } from '../connection';
import { databricksConfigPath, readDatabricksProfile } from './databricksConfig';
import type { Credentials, RestCredentials } from './credentials';
import { DEFAULT_RETRY_POLICY } from './retry';
import type { RetryPolicy } from './retry';

/** One HTTP exchange, for the extension's request log. Never holds credentials or a query string. */
export interface RequestEvent {
  method: string;
  /** The endpoint path below the base URL, without its query. */
  path: string;
  /** The HTTP status, when one came back. */
  status?: number;
  durationMs: number;
  /** What went wrong, when the exchange failed. */
  error?: string;
  /** 0 for the first try, 1 for the first retry, ... */
  attempt: number;
}

export interface RestStoreOptions {
  credentials?: RestCredentials;
  /** For the `databricks` URI; else DATABRICKS_HOST / DATABRICKS_TOKEN from `env`, or ~/.databrickscfg. */
  databricks?: { host?: string; token?: string };
  /**
   * How long one request may take, from sending it to the last byte of its answer, and the
   * longest wait for the answer's next bytes; default 30000. An artifact download, which goes
   * to disk with its progress shown, has only the wait limit; an upload's deadline counts from
   * the answer.
   */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** A PEM file of certificate authorities to trust (as MLFLOW_TRACKING_SERVER_CERT_PATH). */
  caBundlePath?: string;
  /** Do not verify the server's certificate (as MLFLOW_TRACKING_INSECURE_TLS=true). */
  insecureSkipTlsVerify?: boolean;
  onRequest?: (event: RequestEvent) => void;
  /** Where MLFLOW_TRACKING_*, DATABRICKS_* and HOME are read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Page size of metric history requests; default 25000, as MLflow's own client. */
  metricHistoryPageSize?: number;
}

/** Everything needed to talk to one server, resolved from the URI, the options and the environment. */
export interface RestConnection {
  /** Scheme, host, port and path prefix, no trailing slash, no credentials. */
  baseUrl: string;
  trackingUri: string;
  description: string;
  /** `host:port`, for connection error messages. */
  hostPort: string;
  credentials: Credentials;
  databricks: boolean;
  caBundlePath?: string;
  insecureSkipTlsVerify: boolean;
  timeoutMs: number;
  retry: RetryPolicy;
  onRequest?: (event: RequestEvent) => void;
}

/**
 * Understands `http(s)://[user:password@]host[:port][/prefix]`, `databricks` and
 * `databricks://profile`. Throws an MlflowError saying what is missing or wrong.
 */
export function resolveRestConnection(uri: string, options: RestStoreOptions = {}): RestConnection {
  const env = options.env ?? process.env;
  const common = {
    insecureSkipTlsVerify: options.insecureSkipTlsVerify ?? env.MLFLOW_TRACKING_INSECURE_TLS?.toLowerCase() === 'true',
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    onRequest: options.onRequest,
  };
  const caBundlePath = options.caBundlePath || env.MLFLOW_TRACKING_SERVER_CERT_PATH || undefined;
  const base = /^databricks(?::|$)/i.test(uri.trim())
    ? databricksConnection(uri.trim(), options, env)
    : httpConnection(uri.trim(), options, env);
  return caBundlePath ? { ...base, ...common, caBundlePath } : { ...base, ...common };
}

type Environment = Readonly<Record<string, string | undefined>>;
type Endpoint = Pick<
  RestConnection,
  'baseUrl' | 'trackingUri' | 'description' | 'hostPort' | 'credentials' | 'databricks'
>;

function httpConnection(uri: string, options: RestStoreOptions, env: Environment): Endpoint {
  const url = parseHttpUrl(uri);
  const fromUri = url.username
    ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
    : undefined;
  const baseUrl = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  return {
    baseUrl,
    trackingUri: baseUrl,
    description: baseUrl,
    hostPort: hostPort(url),
    credentials: resolveCredentials({ explicit: options.credentials, fromUri, env }),
    databricks: false,
  };
}

/**
 * A Databricks workspace, as MLflow's own client finds it: the host and token passed in; for
 * `databricks://profile`, that profile of ~/.databrickscfg; for plain `databricks`,
 * DATABRICKS_HOST / DATABRICKS_TOKEN, else the file's DEFAULT profile.
 */
function databricksConnection(uri: string, options: RestStoreOptions, env: Environment): Endpoint {
  const profile = uri.replace(/^databricks:(?:\/\/)?/i, '').replace(/^databricks$/i, '');
  const found = databricksWorkspace(profile, options, env);
  if (!found.host) {
    throw new MlflowError(`The tracking URI '${uri}' needs ${found.missingHost}.`, 'INVALID_PARAMETER_VALUE');
  }
  const url = parseHttpUrl(/^https?:\/\//i.test(found.host) ? found.host : `https://${found.host}`);
  if (!found.credentials) {
    throw new MlflowAuthError(
      `The tracking URI '${uri}' needs ${found.missingToken(url.host)}.`,
      ClientErrorCode.unauthenticated,
    );
  }
  return {
    baseUrl: `${url.protocol}//${url.host}`,
    trackingUri: profile ? `databricks://${profile}` : 'databricks',
    description: `Databricks (${url.host})`,
    hostPort: hostPort(url),
    credentials: found.credentials,
    databricks: true,
  };
}

interface DatabricksWorkspace {
  host?: string;
  credentials?: Credentials;
  /** What to set, for the message when `host` or `credentials` is missing. */
  missingHost: string;
  missingToken: (host: string) => string;
}

function databricksWorkspace(profileName: string, options: RestStoreOptions, env: Environment): DatabricksWorkspace {
  const explicit = options.databricks;
  const fromEnv = Boolean(explicit?.host) || (!profileName && Boolean(env.DATABRICKS_HOST || env.DATABRICKS_TOKEN));
  // A profile named in the URI must exist; plain `databricks` falls back to DEFAULT when it does.
  const profile = fromEnv ? undefined : readDatabricksProfile(profileName || 'DEFAULT', env, Boolean(profileName));
  if (!profile) {
    const token = explicit?.token || env.DATABRICKS_TOKEN;
    const source = explicit?.token ? 'the Databricks token passed in' : 'DATABRICKS_TOKEN';
    const host = explicit?.host || env.DATABRICKS_HOST;
    return {
      ...(host ? { host } : {}),
      ...(token ? { credentials: { kind: 'bearer', token, source } } : {}),
      missingHost: `DATABRICKS_HOST${token ? '' : ' and DATABRICKS_TOKEN'} (or a DEFAULT profile in ${databricksConfigPath(env)}): DATABRICKS_HOST is not set`,
      missingToken: (at) => `DATABRICKS_TOKEN (a personal access token for ${at}): it is not set`,
    };
  }
  const where = `profile '${profile.name}' in ${profile.file}`;
  const { host, token, username, password } = profile.values;
  const credentials: Credentials | undefined = token
    ? { kind: 'bearer', token, source: `the token of ${where}` }
    : username && password
      ? { kind: 'basic', username, password, source: where }
      : undefined;
  const oauth =
    profile.values.client_id || profile.values.auth_type
      ? ' (OAuth and other auth types are not supported: use a personal access token)'
      : '';
  return {
    ...(host ? { host } : {}),
    ...(credentials ? { credentials } : {}),
    missingHost: `a host: ${where} has no 'host'`,
    missingToken: (at) => `a personal access token for ${at}: ${where} has no 'token'${oauth}`,
  };
}

function parseHttpUrl(uri: string): URL {
  let url: URL;
  try {
    url = new URL(uri);
  } catch (error) {
    throw new MlflowError(`'${redactTrackingUri(uri)}' is not a valid URL.`, 'INVALID_PARAMETER_VALUE', undefined, {
      cause: error,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new MlflowError(`'${redactTrackingUri(uri)}' is not an http:// or https:// URL.`, 'INVALID_PARAMETER_VALUE');
  }
  return url;
}

function hostPort(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
}
