import { redactTrackingUri } from '../tracking/connection';
import type { LocalStoreCandidate } from '../tracking/connection';

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
