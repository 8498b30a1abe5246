import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import type { Run } from '../../../src/extension/tracking/model';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';
import { parseRunsTableHostMessage } from '../../../src/webview/protocol';
import { TableRows } from '../../../src/extension/runsTable/tableRows';

let store: TrackingStore;
let runs: Run[] = [];

before(async () => {
  store = await openSqliteStore('test/fixtures/mlflow-3.5.1/server-store/mlflow.db');
  const { experimentId } = await store.getExperimentByName('edge-cases');
  runs = (await store.searchRuns({ experimentIds: [experimentId], runViewType: 'ALL' })).runs;
});
after(() => store.dispose());

const named = (name: string) => runs.find((run) => run.info.runName === name)!;

test('a row carries the attributes, the latest metric values spelled for the wire, params and tags', () => {
  const rows = new TableRows(() => []);
  const row = rows.rowOf(named('nan-inf-metrics'));
  const run = named('nan-inf-metrics');
  assert.equal(row.runId, run.info.runId);
  assert.equal(row.runName, 'nan-inf-metrics');
  assert.equal(row.status, run.info.status);
  assert.equal(row.commit, '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf');
  const values = Object.values(row.metrics);
  assert.ok(values.includes('NaN'), JSON.stringify(row.metrics));
  assert.deepEqual(Object.keys(row.metrics).sort(), Object.keys(run.data.metrics).sort());
  assert.deepEqual({ ...row.params }, { ...run.data.params });
  // A JSON round trip (what postMessage does) keeps every value, and the webview's guard accepts it.
  const sent: unknown = JSON.parse(
    JSON.stringify({
      type: 'runsTable/rows',
      generation: 1,
      rows: runs.map((each) => rows.rowOf(each)),
      loaded: 13,
      done: true,
    }),
  );
  const parsed = parseRunsTableHostMessage(sent);
  assert.equal(parsed?.type, 'runsTable/rows');
});

test('child runs name their parent; deleted runs say so', () => {
  const rows = new TableRows(() => []);
  const parent = named('nested-parent');
  assert.equal(rows.rowOf(named('child-a')).parentRunId, parent.info.runId);
  assert.equal(rows.rowOf(parent).parentRunId, undefined);
  assert.equal(rows.rowOf(named('to-be-deleted')).lifecycleStage, 'deleted');
});

test('a parent tag that cannot be a run id names no parent (the webview would refuse the row)', () => {
  const rows = new TableRows(() => []);
  const run = named('child-a');
  const spoiled: Run = {
    ...run,
    data: { ...run.data, tags: { ...run.data.tags, 'mlflow.parentRunId': 'x'.repeat(300) } },
  };
  assert.equal(rows.rowOf(spoiled).parentRunId, undefined);
});
