import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openFileStore } from '../../../src/extension/tracking/local/fileStore';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import type { ViewType } from '../../../src/extension/tracking/model';
import type { CountRunsRequest, TrackingStore } from '../../../src/extension/tracking/trackingStore';
import { LOCAL_DB, MLRUNS, writableCopy } from './fixtures';
import { growExperiment } from './sqliteWriter';

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
  growExperiment(path, 6, 8);
  const store = await openSqliteStore(path);
  try {
    assert.deepEqual(await countAndSearch(store, { experimentIds: ['6'] }), [1350, 1350]);
    const adam = { experimentIds: ['6'], filterString: "metrics.accuracy > 0 AND params.optimizer = 'adam'" };
    assert.deepEqual(await countAndSearch(store, adam), [351, 351]);
  } finally {
    store.dispose();
  }
});
