/**
 * The backends the contract suite asks: a RestStore against a local HTTP server replaying the
 * recorded exchanges, SqliteStore on the recorded server's own mlflow.db and on a mlflow.db made
 * with no server, and FileStore on mlruns/. All hold the same experiments and runs by name.
 */
import { copyFile, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openFileStore } from '../../../src/extension/tracking/local/fileStore';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import { createRestStore } from '../../../src/extension/tracking/rest/restStore';
import type { RestStore } from '../../../src/extension/tracking/rest/restStore';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';
import { startReplayServer } from '../../support/replayServer';
import type { UnmatchedRequest } from '../../support/replayServer';
import { loadTranscripts } from '../../support/transcripts';
import { LOCAL_DB, MLFLOW_3_12_DB, MLRUNS, SERVER_DB } from '../local/fixtures';
import type { BackendFacts, Question } from './question';

export interface OpenBackend {
  /** The store a question is asked of (the default store without one). */
  storeFor(question?: Question): TrackingStore;
  /** Requests no recording answered (REST only; always empty for local stores). */
  unmatched(): readonly UnmatchedRequest[];
  close(): Promise<void>;
}

export interface Backend extends BackendFacts {
  open(): Promise<OpenBackend>;
}

export const BACKENDS: readonly Backend[] = [
  { name: 'rest', label: 'RestStore against the recorded MLflow 3.5.1 server (replayed)', open: openReplayedServer },
  {
    name: 'sqlite-server',
    label: "SqliteStore on the recorded server's database (server-store/mlflow.db)",
    manifest: 'manifest-sqlite-small.json',
    open: async () => localBackend(await openSqliteStore(SERVER_DB)),
  },
  {
    name: 'sqlite-local',
    label: 'SqliteStore on a store made with no server (local-store/mlflow.db)',
    manifest: 'local-store/manifest.json',
    open: async () => localBackend(await openSqliteStore(LOCAL_DB)),
  },
  {
    name: 'sqlite-3.12',
    label: 'SqliteStore on the local store upgraded by MLflow 3.12 (mlflow-newer-schemas/mlflow-3.12.db)',
    manifest: 'local-store/manifest.json',
    answersAs: 'sqlite-local',
    open: openUpgradedLocalStore,
  },
  {
    name: 'file',
    label: 'FileStore on mlruns/',
    manifest: 'manifest-filestore.json',
    open: async () => localBackend(await openFileStore(MLRUNS)),
  },
];

function localBackend(store: TrackingStore): OpenBackend {
  return {
    storeFor: () => store,
    unmatched: () => [],
    close: () => Promise.resolve(store.dispose()),
  };
}

/**
 * The upgraded store as `mlflow db upgrade` leaves it: the same folder as before, so its runs'
 * artifacts are still in mlruns/ beside it (a link to local-store/mlruns), under the name mlflow.db.
 */
async function openUpgradedLocalStore(): Promise<OpenBackend> {
  const dir = await mkdtemp(join(tmpdir(), 'mlflow-3.12-'));
  await copyFile(MLFLOW_3_12_DB, join(dir, 'mlflow.db'));
  await symlink(join(dirname(LOCAL_DB), 'mlruns'), join(dir, 'mlruns'));
  const backend = localBackend(await openSqliteStore(join(dir, 'mlflow.db')));
  return { ...backend, close: async () => (await backend.close(), await rm(dir, { recursive: true, force: true })) };
}

/** Every top-level recording replayed; one RestStore per metric history page size the questions need. */
async function openReplayedServer(): Promise<OpenBackend> {
  const server = await startReplayServer(loadTranscripts());
  const stores = new Map<number | undefined, RestStore>();
  return {
    storeFor(question) {
      const pageSize = question?.historyPageSize;
      let store = stores.get(pageSize);
      if (!store) {
        // A recorded answer is final: an unmatched request (599) must fail at once, not be retried.
        store = createRestStore(server.url, { env: {}, retry: { maxRetries: 0 }, metricHistoryPageSize: pageSize });
        stores.set(pageSize, store);
      }
      return store;
    },
    unmatched: () => server.unmatched,
    async close() {
      for (const store of stores.values()) store.dispose();
      await server.close();
    },
  };
}
