import * as vscode from 'vscode';
import type { Settings } from '../config/settings';
import type { ScopedLogger } from '../logging/logger';
import { parseTrackingUri, resolveTrackingUri } from '../tracking/connection';
import { openFileStore } from '../tracking/local/fileStore';
import { openSqliteStore } from '../tracking/local/sqliteStore';
import { createRestStore } from '../tracking/rest/restStore';
import type { RestStoreOptions } from '../tracking/rest/restConnection';
import type { TrackingStore } from '../tracking/trackingStore';
import type { CredentialStore } from './credentialStore';
import { describeRequest } from './requestLog';
import { baseFolder } from './storeInput';
import type { StoreOpener } from './storeConnection';

/**
 * How the extension finds and opens the store: MLflow's order of places to look, with this
 * window's settings, environment and workspace folders; servers get the request timeout, TLS
 * settings, the credentials entered for them, and a log line per request.
 */
export function workspaceStoreOpener(settings: Settings, credentials: CredentialStore, requestLog: ScopedLogger): StoreOpener {
  return {
    resolve: () =>
      resolveTrackingUri({
        setting: settings.trackingUri,
        env: process.env,
        workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath),
      }),
    open: async (uri: string): Promise<TrackingStore> =>
      openTrackingStore(uri, baseFolder(), {
        credentials: await credentials.get(uri),
        timeoutMs: settings.requestTimeoutMs,
        caBundlePath: settings.caBundlePath || undefined,
        insecureSkipTlsVerify: settings.insecureSkipTlsVerify,
        onRequest: (event) => requestLog.info(describeRequest(event)),
      }),
  };
}

/** The store a tracking URI names: a server (REST), a `mlflow.db`, or an `mlruns/` folder. */
async function openTrackingStore(uri: string, baseDir: string, rest: RestStoreOptions): Promise<TrackingStore> {
  const location = await parseTrackingUri(uri, baseDir);
  switch (location.kind) {
    case 'rest':
    case 'databricks':
      return createRestStore(uri, rest);
    case 'sqlite':
      return openSqliteStore(location.path);
    case 'file':
      return openFileStore(location.path);
  }
}
