import { basename } from 'node:path';
import type { TrackingStore } from '../tracking/trackingStore';

/** The view's name while no store is shown. */
export const EXPERIMENTS_VIEW_TITLE = 'Experiments';

/**
 * A short name for the store in use, for the view's title: VS Code hides a view's description
 * while it is the only view of its container, and the title is always shown ("MLflow: <title>").
 * Local stores are named by file and folder (`mlflow.db in demo-repo`), servers by their address.
 */
export function storeTitle(store: Pick<TrackingStore, 'kind' | 'description'> | undefined): string {
  if (!store) return EXPERIMENTS_VIEW_TITLE;
  if (store.kind === 'rest') return store.description.replace(/^https?:\/\//i, '');
  const match = /^(.*?) in (.+)$/.exec(store.description);
  return match ? `${match[1]} in ${basename(match[2]!)}` : store.description;
}
