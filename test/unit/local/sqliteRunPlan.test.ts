import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteConnection } from '../../../src/extension/tracking/local/sqliteConnection';
import { drivingComparison, ExperimentRunFactsCache } from '../../../src/extension/tracking/local/sqliteRunPlan';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import { parseRunFilter } from '../../../src/extension/tracking/search/filterParser';
import { searchRunsLocally } from '../../../src/extension/tracking/search/localSearch';
import type { SearchRunsRequest } from '../../../src/extension/tracking/trackingStore';
import { LOCAL_DB, writableCopy } from './fixtures';
import { writeSql } from './sqliteWriter';

const SCALE = '6';
const COPIES = 8;

/**
 * The 3.5.1 store with its 'scale' experiment grown from 150 to 1,350 runs (copies of its runs,
 * rows copied as MLflow wrote them): large enough for a search to be read from a filter's key.
 */
async function grownStore(): Promise<string> {
  const path = await writableCopy(LOCAL_DB, 'mlflow.db');
  writeSql(
    path,
    `CREATE TEMP TABLE copies AS
       WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ${COPIES})
       SELECT r.run_uuid AS src, substr(r.run_uuid, 1, 24) || printf('%08x', k.n) AS dst, k.n AS n
       FROM runs r, k WHERE r.experiment_id = ${SCALE};
     INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id)
       SELECT c.dst, r.name || '-' || c.n, r.source_type, r.source_name, r.entry_point_name, r.user_id, r.status, r.start_time + c.n,
         r.end_time, r.source_version, r.lifecycle_stage, r.artifact_uri, r.experiment_id FROM copies c JOIN runs r ON r.run_uuid = c.src;
     INSERT INTO params (key, value, run_uuid) SELECT p.key, p.value, c.dst FROM copies c JOIN params p ON p.run_uuid = c.src;
     INSERT INTO tags (key, value, run_uuid) SELECT t.key, t.value, c.dst FROM copies c JOIN tags t ON t.run_uuid = c.src;
     INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid)
       SELECT m.key, m.value * (1 + c.n / 100.0), m.timestamp, m.step, m.is_nan, c.dst FROM copies c JOIN latest_metrics m ON m.run_uuid = c.src`,
  );
  return path;
}

test('a large experiment searched by a selective comparison is read from its key, with the answers of every run searched in memory', async () => {
  const path = await grownStore();
  const connection = new SqliteConnection(path, 'grown');
  const plan = (filter: string) =>
    connection.read((session) => {
      const experiments = { sql: 'r.experiment_id IN (?)', params: [Number(SCALE)] };
      const { facts } = new ExperimentRunFactsCache().of(session, experiments);
      return { runs: facts.runs, driving: drivingComparison(session, parseRunFilter(filter), facts, 3) };
    });
  assert.deepEqual(await plan("metrics.accuracy > 0 AND params.optimizer = 'adam'"), { runs: 1350, driving: 1 });
  assert.deepEqual(await plan("metrics.loss > 0.58 AND params.optimizer != 'adam'"), { runs: 1350, driving: 0 });
  // A comparison that keeps most runs is cheaper tested run by run.
  assert.deepEqual(await plan('metrics.accuracy > 0'), { runs: 1350, driving: undefined });
  connection.dispose();

  const store = await openSqliteStore(path);
  const everyRun = (await store.searchRuns({ experimentIds: [SCALE], runViewType: 'ALL', maxResults: 50_000 })).runs;
  assert.equal(everyRun.length, 1350);
  const requests: Omit<SearchRunsRequest, 'experimentIds'>[] = [
    { filterString: "params.optimizer = 'adam'", orderBy: ['metrics.loss ASC'] },
    { filterString: "metrics.accuracy > 0 AND params.optimizer = 'adam'", orderBy: ['metrics.loss DESC'] },
    { filterString: "params.optimizer != 'sgd' AND tags.stage != 'x'", orderBy: ['params.lr DESC'] },
    { filterString: "params.optimizer LIKE 'adam%' AND metrics.f1 >= 0.5", maxResults: 7 },
    { filterString: "tags.`mlflow.runName` LIKE 'trial-0001%'", orderBy: ['attributes.start_time ASC'] },
    { filterString: 'metrics.loss > 0.58', orderBy: ['metrics.accuracy ASC', 'params.optimizer DESC'] },
  ];
  for (const request of requests) {
    const asked = { maxResults: 40, ...request, experimentIds: [SCALE] };
    const expected = searchRunsLocally(everyRun, asked);
    const answer = await store.searchRuns(asked);
    const page2 = expected.nextPageToken && (await store.searchRuns({ ...asked, pageToken: expected.nextPageToken }));
    const expected2 =
      expected.nextPageToken && searchRunsLocally(everyRun, { ...asked, pageToken: expected.nextPageToken });
    const ids = (runs: { info: { runId: string } }[]) => runs.map((run) => run.info.runId);
    assert.ok(expected.runs.length > 0, `${request.filterString} keeps some runs`);
    assert.deepEqual(ids(answer.runs), ids(expected.runs), request.filterString);
    assert.equal(answer.nextPageToken, expected.nextPageToken);
    if (page2 && expected2) assert.deepEqual(ids(page2.runs), ids(expected2.runs), `${request.filterString}, page 2`);
  }
  store.dispose();
});
