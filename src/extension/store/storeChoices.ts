import { redactTrackingUri } from '../tracking/connection';
import type { LocalStoreCandidate } from '../tracking/connection';
import { basename, dirname } from 'node:path';
import type { TrackingStore } from '../tracking/trackingStore';
import type { StoreRequestEvent } from '../tracking/openStore';

/** One entry of "MLflow: Select Tracking Store". */
export type StoreChoice =
  | { kind: 'store'; uri: string; label: string; description: string; group: StoreGroup; current: boolean }
  | { kind: 'enterUri' }
  | { kind: 'openLocal' };

export type StoreGroup = 'Workspace' | 'Configured' | 'Recent servers';

export interface StoreChoiceSources {
  /** Local stores found at the roots of the workspace folders, with each folder's name. */
  workspaceStores: readonly (LocalStoreCandidate & { folderName: string })[];
  settingUri?: string;
  envUri?: string;
  recentServers: readonly string[];
  currentUri?: string;
}

/**
 * The quick pick's entries: stores in the workspace folders, the configured URIs (setting,
 * MLFLOW_TRACKING_URI), servers used lately, then "Enter URI…" and "Open Local Store…". Each URI
 * appears once, in the first group that has it; the one in use is marked.
 */
export function storeChoices(sources: StoreChoiceSources): StoreChoice[] {
  const seen = new Set<string>();
  const choices: StoreChoice[] = [];
  const add = (uri: string, label: string, description: string, group: StoreGroup): void => {
    const key = uri.trim();
    if (!key || seen.has(key)) return;
    seen.add(key);
    choices.push({ kind: 'store', uri: key, label, description, group, current: key === sources.currentUri?.trim() });
  };
  for (const store of sources.workspaceStores) {
    add(store.uri, store.kind === 'sqlite' ? 'mlflow.db' : 'mlruns/', store.folderName, 'Workspace');
  }
  if (sources.settingUri)
    add(sources.settingUri, redactTrackingUri(sources.settingUri), 'mlflow.trackingUri setting', 'Configured');
  if (sources.envUri) add(sources.envUri, redactTrackingUri(sources.envUri), 'MLFLOW_TRACKING_URI', 'Configured');
  for (const server of sources.recentServers) add(server, redactTrackingUri(server), '', 'Recent servers');
  choices.push({ kind: 'enterUri' }, { kind: 'openLocal' });
  return choices;
}

/** Whether a URI names a server (worth remembering among recent servers) rather than a local store. */
export function isServerUri(uri: string): boolean {
  return /^(https?:\/\/|databricks(?::|$))/i.test(uri.trim());
}

/**
 * A short name for the store in use, for the message above the tree: VS Code hides a view's
 * description while it is the only view of its container, and title-cases a view's title.
 * Local stores are named by file and folder (`mlflow.db in demo-repo`), servers by their address.
 */
export function storeTitle(store: Pick<TrackingStore, 'location'>): string {
  const { location } = store;
  switch (location.kind) {
    case 'server':
      return location.url.replace(/^https?:\/\//i, '');
    case 'databricks':
      return `Databricks (${new URL(location.url).host})`;
    case 'file':
      return `${basename(location.path)} in ${basename(dirname(location.path))}`;
  }
}

/** `GET /api/2.0/mlflow/runs/get 200 41ms`, with the retry number and the failure when there was one. */
export function describeRequest(event: StoreRequestEvent): string {
  const status = event.status === undefined ? 'failed' : String(event.status);
  const retry = event.attempt > 0 ? ` (retry ${event.attempt})` : '';
  const error = event.error ? `: ${event.error}` : '';
  return `${event.method} ${event.path} ${status} ${Math.round(event.durationMs)}ms${retry}${error}`;
}
