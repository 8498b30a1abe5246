import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runFamily, toRunDetails } from '../../../src/extension/runPanel/runDetails';
import { openFileStore } from '../../../src/extension/tracking/local/fileStore';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import type { Run } from '../../../src/extension/tracking/model';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';

const stores: TrackingStore[] = [];

/** A recorded run by experiment and name (ids differ from store to store). */
async function runNamed(store: TrackingStore, experiment: string, name: string): Promise<Run> {
  const { experimentId } = await store.getExperimentByName(experiment);
  const [run] = (
    await store.searchRuns({ experimentIds: [experimentId], filterString: `attributes.run_name = '${name}'` })
  ).runs;
  assert.ok(run, `${experiment}/${name}`);
  return run;
}

before(async () => {
  stores.push(
    await openFileStore('test/fixtures/mlflow-3.5.1/mlruns'),
    await openSqliteStore('test/fixtures/mlflow-3.5.1/server-store/mlflow.db'),
  );
});
after(() => stores.forEach((store) => store.dispose()));

for (const index of [0, 1]) {
  test(`the recorded sweep parent lists its 5 trials as children (${['mlruns', 'mlflow.db'][index]})`, async () => {
    const store = stores[index]!;
    const family = await runFamily(store, await runNamed(store, 'demo-classifier', 'sweep-parent'));
    assert.equal(family.parent, undefined);
    assert.deepEqual(
      family.children.map((child) => child.name).sort(),
      [0, 1, 2, 3, 4].map((i) => `sweep-parent-trial-${i}`),
    );
    assert.equal(family.moreChildren, false);
  });

  test(`a middle run of three levels has both a parent and children (${['mlruns', 'mlflow.db'][index]})`, async () => {
    const store = stores[index]!;
    const run = await runNamed(store, 'edge-cases', 'child-a');
    const nestedParent = (await runNamed(store, 'edge-cases', 'nested-parent')).info.runId;
    const family = await runFamily(store, run);
    assert.deepEqual(family.parent, { runId: nestedParent, name: 'nested-parent' });
    assert.deepEqual(
      family.children.map((child) => child.name),
      ['grandchild-a1'],
    );
    const details = toRunDetails(run, 'edge-cases', family);
    assert.equal(details.parent?.runId, nestedParent);
    assert.equal(details.children.length, 1);
  });
}

test('datasets and logged models of a recorded run reach the panel data', async () => {
  const store = stores[0]!;
  const runs = (await store.searchRuns({ experimentIds: ['825078707892109726'], maxResults: 100 })).runs;
  const withDataset = runs.find((run) => run.inputs.datasetInputs.length > 0);
  assert.ok(withDataset, 'the demo-classifier experiment has a run with dataset inputs');
  const details = toRunDetails(withDataset, 'demo-classifier', { children: [], moreChildren: false });
  assert.equal(details.datasets.length, withDataset.inputs.datasetInputs.length);
  assert.equal(details.datasets[0]!.digest, withDataset.inputs.datasetInputs[0]!.dataset.digest);
});
