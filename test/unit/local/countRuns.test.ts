import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openFileStore } from '../../../src/extension/tracking/local/fileStore';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import type { ViewType } from '../../../src/extension/tracking/model';
import type { CountRunsRequest, TrackingStore } from '../../../src/extension/tracking/trackingStore';
import { LOCAL_DB, MLRUNS, writableCopy } from './fixtures';
import { writeSql } from './sqliteWriter';

/** What countRuns says and how many runs paging through the same search finds. */
async function countAndSearch(store: TrackingStore, request: CountRunsRequest): Promise<[number, number]> {
  let found = 0;
  for await (const _run of store.iterateRuns({ ...request, maxResults: 7 })) found++;
  return [await store.countRuns!(request), found];
}

async function idOf(store: TrackingStore, name: string): Promise<string> {
  return (await store.searchExperiments({ viewType: 'ALL', filterString: `name = '${name}'` })).experiments[0]!
    .experimentId;
}

// The fixture stores hold the same runs (manifest-filestore.json, local-store/manifest.json).
const EXPECTED: { experiment: string; filter?: string; view?: ViewType; runs: number }[] = [
  { experiment: 'scale', runs: 150 },
  { experiment: 'scale', filter: "params.optimizer = 'sgd'", runs: 34 },
  { experiment: 'scale', filter: 'metrics.accuracy > 0.9', runs: 8 },
  { experiment: 'scale', filter: "attributes.status = 'FINISHED'", runs: 138 },
  { experiment: 'scale', filter: "attributes.run_name LIKE 'trial-001%'", runs: 50 },
  { experiment: 'demo-classifier', runs: 21 },
  { experiment: 'demo-classifier', filter: "params.optimizer = 'sgd' AND metrics.accuracy > 0.9", runs: 1 },
  { experiment: 'edge-cases', runs: 12 },
  { experiment: 'edge-cases', view: 'ACTIVE_ONLY', runs: 12 },
  { experiment: 'edge-cases', view: 'DELETED_ONLY', runs: 1 },
  { experiment: 'edge-cases', view: 'ALL', runs: 13 },
  { experiment: 'old-experiment', view: 'ACTIVE_ONLY', runs: 0 },
  { experiment: 'old-experiment', view: 'DELETED_ONLY', runs: 2 },
  { experiment: 'old-experiment', view: 'ALL', filter: 'metrics.accuracy > 0.9', runs: 2 },
  { experiment: 'project-runs', filter: "params.optimizer = 'sgd'", runs: 0 },
];

for (const [kind, open] of [
  ['mlflow.db', () => openSqliteStore(LOCAL_DB)],
  ['mlruns/', () => openFileStore(MLRUNS)],
] as const) {
  test(`${kind}: countRuns counts exactly the runs a search pages through, per filter and run view type`, async () => {
    const store = await open();
    try {
      for (const { experiment, filter, view, runs } of EXPECTED) {
        const request: CountRunsRequest = {
          experimentIds: [await idOf(store, experiment)],
          ...(filter ? { filterString: filter } : {}),
          ...(view ? { runViewType: view } : {}),
        };
        assert.deepEqual(
          await countAndSearch(store, request),
          [runs, runs],
          `${experiment} ${filter ?? ''} ${view ?? ''}`,
        );
      }
      const both = [await idOf(store, 'scale'), await idOf(store, 'demo-classifier')];
      assert.equal(await store.countRuns({ experimentIds: both, filterString: "params.optimizer = 'sgd'" }), 36);
      await assert.rejects(store.countRuns({ experimentIds: both, filterString: 'metrics.accuracy >> 1' }), {
        name: 'SearchSyntaxError',
      });
    } finally {
      store.dispose();
    }
  });
}

test('mlflow.db: a large experiment counted through a selective key gives the count of the search', async () => {
  // The 'scale' experiment grown to 1,350 runs (as in sqliteRunPlan.test.ts), so the count reads from the key.
  const path = await writableCopy(LOCAL_DB, 'mlflow.db');
  writeSql(
    path,
    `CREATE TEMP TABLE copies AS
       WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 8)
       SELECT r.run_uuid AS src, substr(r.run_uuid, 1, 24) || printf('%08x', k.n) AS dst, k.n AS n
       FROM runs r, k WHERE r.experiment_id = 6;
     INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id)
       SELECT c.dst, r.name || '-' || c.n, r.source_type, r.source_name, r.entry_point_name, r.user_id, r.status, r.start_time + c.n,
         r.end_time, r.source_version, r.lifecycle_stage, r.artifact_uri, r.experiment_id FROM copies c JOIN runs r ON r.run_uuid = c.src;
     INSERT INTO params (key, value, run_uuid) SELECT p.key, p.value, c.dst FROM copies c JOIN params p ON p.run_uuid = c.src;
     INSERT INTO tags (key, value, run_uuid) SELECT t.key, t.value, c.dst FROM copies c JOIN tags t ON t.run_uuid = c.src;
     INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid)
       SELECT m.key, m.value * (1 + c.n / 100.0), m.timestamp, m.step, m.is_nan, c.dst FROM copies c JOIN latest_metrics m ON m.run_uuid = c.src`,
  );
  const store = await openSqliteStore(path);
  try {
    assert.deepEqual(await countAndSearch(store, { experimentIds: ['6'] }), [1350, 1350]);
    const adam = { experimentIds: ['6'], filterString: "metrics.accuracy > 0 AND params.optimizer = 'adam'" };
    assert.deepEqual(await countAndSearch(store, adam), [351, 351]);
  } finally {
    store.dispose();
  }
});
