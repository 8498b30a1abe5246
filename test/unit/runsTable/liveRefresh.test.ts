import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, test } from 'node:test';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import type { Run } from '../../../src/extension/tracking/model';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';
import { liveRefresh } from '../../../src/extension/runsTable/liveRefresh';
import { pageRuns } from '../../../src/extension/runsTable/runPaging';
import type { TableQuery } from '../../../src/extension/runsTable/runPaging';

let folder = '';
let database = '';
let store: TrackingStore;
let query: TableQuery;

async function loadAll(): Promise<Map<string, Run>> {
  const loaded = new Map<string, Run>();
  await pageRuns(store, query, (page) => page.runs.forEach((run) => loaded.set(run.info.runId, run)));
  return loaded;
}

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'runs-table-live-'));
  database = join(folder, 'mlflow.db');
  copyFileSync('test/fixtures/mlflow-3.5.1/server-store/mlflow.db', database);
  store = await openSqliteStore(database);
  const { experimentId } = await store.getExperimentByName('demo-classifier');
  query = { experimentIds: [experimentId], filter: '', orderBy: ['metrics.accuracy DESC'], showDeleted: false };
});
after(() => {
  store.dispose();
  rmSync(folder, { recursive: true, force: true });
});

test('nothing changed: nothing to send', async () => {
  const loaded = await loadAll();
  assert.deepEqual(await liveRefresh(store, query, loaded, { wholeQuery: true }), []);
  assert.deepEqual(await liveRefresh(store, query, loaded, { wholeQuery: false }), []);
});

test('a server: the runs shown as running are fetched again, and runs started since the latest shown are found', async () => {
  const loaded = await loadAll();
  const [newest] = [...loaded.values()].sort((a, b) => (b.info.startTime ?? 0) - (a.info.startTime ?? 0));
  const finished = [...loaded.values()].find((run) => run.info.runId !== newest!.info.runId)!;
  // As the table saw them a while ago: one run still running, the newest not started yet.
  const earlier = new Map(loaded);
  earlier.set(finished.info.runId, { ...finished, info: { ...finished.info, status: 'RUNNING' } });
  earlier.delete(newest!.info.runId);
  const changed = await liveRefresh(store, query, earlier, { wholeQuery: false });
  assert.deepEqual(changed.map((run) => run.info.runId).sort(), [finished.info.runId, newest!.info.runId].sort());
  assert.equal(changed.find((run) => run.info.runId === finished.info.runId)!.info.status, finished.info.status);
});

test('a local store that changed: the whole query is read again and only the changed run comes back', async () => {
  const loaded = await loadAll();
  const target = [...loaded.values()][3]!;
  const db = new DatabaseSync(database);
  try {
    db.prepare('UPDATE runs SET name = ? WHERE run_uuid = ?').run('renamed-meanwhile', target.info.runId);
  } finally {
    db.close();
  }
  const changed = await liveRefresh(store, query, loaded, { wholeQuery: true });
  assert.deepEqual(
    changed.map((run) => [run.info.runId, run.info.runName]),
    [[target.info.runId, 'renamed-meanwhile']],
  );
});
