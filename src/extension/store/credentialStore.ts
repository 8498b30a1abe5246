import type { SecretStorage } from 'vscode';
import type { RestCredentials } from '../tracking/rest/credentials';

/**
 * Credentials the user entered for a server, kept in VS Code's SecretStorage (the OS keychain),
 * never in settings. One entry per server: scheme, host, port and path prefix, so two servers
 * behind one host each keep their own.
 */
export class CredentialStore {
  constructor(private readonly secrets: Pick<SecretStorage, 'get' | 'store' | 'delete'>) {}

  async get(serverUrl: string): Promise<RestCredentials | undefined> {
    const key = credentialKey(serverUrl);
    return key === undefined ? undefined : parseStoredCredentials(await this.secrets.get(key));
  }

  async set(serverUrl: string, credentials: RestCredentials): Promise<void> {
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
export function parseStoredCredentials(stored: string | undefined): RestCredentials | undefined {
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
