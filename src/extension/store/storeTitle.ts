import { basename } from 'node:path';
import type { TrackingStore } from '../tracking/trackingStore';

/**
 * A short name for the store in use, for the message above the tree: VS Code hides a view's
 * description while it is the only view of its container, and title-cases a view's title.
 * Local stores are named by file and folder (`mlflow.db in demo-repo`), servers by their address.
 */
export function storeTitle(store: Pick<TrackingStore, 'kind' | 'description'>): string {
  if (store.kind === 'rest') return store.description.replace(/^https?:\/\//i, '');
  const match = /^(.*?) in (.+)$/.exec(store.description);
  return match ? `${match[1]} in ${basename(match[2]!)}` : store.description;
}
