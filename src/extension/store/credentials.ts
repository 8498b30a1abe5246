import type { SecretStorage } from 'vscode';
import type { StoreCredentials } from '../tracking/openStore';

/**
 * Credentials the user entered for a server, kept in VS Code's SecretStorage (the OS keychain),
 * never in settings. One entry per server: scheme, host, port and path prefix, so two servers
 * behind one host each keep their own.
 */
export class CredentialStore {
  constructor(private readonly secrets: Pick<SecretStorage, 'get' | 'store' | 'delete'>) {}

  async get(serverUrl: string): Promise<StoreCredentials | undefined> {
    const key = credentialKey(serverUrl);
    return key === undefined ? undefined : parseStoredCredentials(await this.secrets.get(key));
  }

  async set(serverUrl: string, credentials: StoreCredentials): Promise<void> {
    const key = credentialKey(serverUrl);
    if (key !== undefined) await this.secrets.store(key, JSON.stringify(credentials));
  }

  async delete(serverUrl: string): Promise<void> {
    const key = credentialKey(serverUrl);
    if (key !== undefined) await this.secrets.delete(key);
  }
}

/**
 * The SecretStorage key of a server: `mlflow.credentials:https://host:port/prefix`, with any
 * user info and query dropped, the host lower-cased and the default port left out (as URL does).
 * Undefined for what is not an http(s) URL.
 */
export function credentialKey(serverUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(serverUrl.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return `mlflow.credentials:${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Reads back a stored entry; anything not of our shape (hand-edited, older version) is ignored. */
export function parseStoredCredentials(stored: string | undefined): StoreCredentials | undefined {
  if (stored === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.token === 'string' && record.token) return { token: record.token };
  if (typeof record.username === 'string' && record.username && typeof record.password === 'string') {
    return { username: record.username, password: record.password };
  }
  return undefined;
}

/** A URI typed by the user, split into what may be remembered and the credentials that may not. */
export interface EnteredUri {
  /** The URI without user info: safe for workspace state and the recent list. */
  uri: string;
  /** `user:password@` taken out of the URI, to go to SecretStorage. */
  credentials?: StoreCredentials;
}

/** Takes `user:password@` out of an http(s) URI (percent-decoded), so it never lands in state or settings. */
export function splitCredentials(uri: string): EnteredUri {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { uri };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || (!url.username && !url.password)) return { uri };
  const credentials = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  url.username = '';
  url.password = '';
  return { uri: url.href.replace(/\/+$/, ''), credentials };
}
