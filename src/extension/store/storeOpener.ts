import * as vscode from 'vscode';
import type { Settings } from '../platform/settings';
import type { ScopedLogger } from '../platform/logger';
import { resolveTrackingUri } from '../tracking/connection';
import { openStore } from '../tracking/openStore';
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
export function workspaceStoreOpener(
  settings: Settings,
  credentials: CredentialStore,
  requestLog: ScopedLogger,
): StoreOpener {
  return {
    resolve: () =>
      resolveTrackingUri({
        setting: settings.trackingUri,
        env: process.env,
        workspaceFolders: (vscode.workspace.workspaceFolders ?? [])
          .filter((folder) => folder.uri.scheme === 'file')
          .map((folder) => folder.uri.fsPath),
      }),
    open: async (uri: string): Promise<TrackingStore> =>
      openStore(uri, {
        baseDir: baseFolder(),
        credentials: await credentials.get(uri),
        timeoutMs: settings.requestTimeoutMs,
        caBundlePath: settings.caBundlePath || undefined,
        insecureSkipTlsVerify: settings.insecureSkipTlsVerify,
        onRequest: (event) => requestLog.info(describeRequest(event)),
      }),
  };
}
