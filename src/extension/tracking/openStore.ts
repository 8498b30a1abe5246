import { parseTrackingUri } from './connection';
import { openFileStore } from './local/fileStore';
import { openSqliteStore } from './local/sqliteStore';
import { createMlflowArtifactsRepositoryFactory, createRestStore } from './rest/restStore';
import type { RestStoreOptions } from './rest/restConnection';
import type { TrackingStore } from './trackingStore';

export interface OpenStoreOptions extends RestStoreOptions {
  /** The folder relative local paths (`sqlite:///mlflow.db`, `mlruns`) are taken from; default the process's. */
  baseDir?: string;
  /**
   * An MLflow server serving the artifacts of a local `mlflow.db` whose runs record
   * `mlflow-artifacts:` URIs (a server's own database, opened directly). Without it, reading such
   * artifacts fails with a message saying so.
   */
  artifactServerUri?: string;
}

/** Credentials for a server as `openStore` takes them: a user name and password, or a token. */
export type StoreCredentials = NonNullable<OpenStoreOptions['credentials']>;

/** One request to a server, as `onRequest` reports it (for a log line; never holds credentials). */
export type StoreRequestEvent = Parameters<NonNullable<OpenStoreOptions['onRequest']>>[0];

/**
 * Opens the tracking store a URI names, understanding tracking URIs as MLflow does: an MLflow
 * server (`http(s)://`, `databricks`), a local `mlflow.db` (`sqlite:///`, a database path) or a
 * local `mlruns/` folder (`file:`, a folder path). Local stores are opened read-only.
 */
export async function openStore(trackingUri: string, options: OpenStoreOptions = {}): Promise<TrackingStore> {
  const { baseDir, artifactServerUri, ...rest } = options;
  const location = await parseTrackingUri(trackingUri, baseDir ?? process.cwd());
  const artifactRepositoryFor = artifactServerUri
    ? createMlflowArtifactsRepositoryFactory(artifactServerUri, rest)
    : undefined;
  switch (location.kind) {
    case 'rest':
    case 'databricks':
      return createRestStore(trackingUri, rest);
    case 'sqlite':
      return openSqliteStore(location.path, { artifactRepositoryFor });
    case 'file':
      return openFileStore(location.path, { artifactRepositoryFor });
  }
}
