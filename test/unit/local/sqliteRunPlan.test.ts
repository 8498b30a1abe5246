import { StatementSync } from 'node:sqlite';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteConnection } from '../../../src/extension/tracking/local/sqliteConnection';
import { drivingComparison, ExperimentRunFactsCache } from '../../../src/extension/tracking/local/sqliteRunPlan';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import { parseRunFilter } from '../../../src/extension/tracking/search/filterParser';
import { searchRunsLocally } from '../../../src/extension/tracking/search/localSearch';
import type { SearchRunsRequest } from '../../../src/extension/tracking/trackingStore';
import { LOCAL_DB, writableCopy } from './fixtures';
import { growExperiment, writeSql } from './sqliteWriter';

const SCALE = '6';
const COPIES = 8;

/**
 * The 3.5.1 store with its 'scale' experiment grown from 150 to 1,350 runs (copies of its runs,
 * rows copied as MLflow wrote them): large enough for a search to be read from a filter's key.
 */
async function grownStore(): Promise<string> {
  const path = await writableCopy(LOCAL_DB, 'mlflow.db');
  growExperiment(path, Number(SCALE), COPIES);
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

test("the plan samples a comparison's key once per committed state: the table's count and its pages share it", async () => {
  const path = await grownStore();
  const store = await openSqliteStore(path);
  // Every statement run, by its SQL: the samples are the ones that count what a comparison keeps.
  // Kept to be called with apply (its own `this`) and put back after the test.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const all = StatementSync.prototype.all;
  const samples: string[] = [];
  StatementSync.prototype.all = function (this: StatementSync, ...params: Parameters<typeof all>) {
    if (this.sourceSQL.includes('AS sampled')) samples.push(this.sourceSQL);
    return all.apply(this, params);
  } as typeof all;
  try {
    const request = {
      experimentIds: [SCALE],
      filterString: "metrics.accuracy > 0 AND params.optimizer = 'adam'",
      maxResults: 40,
    };
    const count = await store.countRuns({ ...request });
    const first = await store.searchRuns(request);
    await store.searchRuns({ ...request, pageToken: first.nextPageToken });
    assert.ok(count > 80, `${count} runs`);
    // One sample of each comparison's key (accuracy, optimizer) for the count and both pages.
    assert.equal(samples.length, 2);
    // A training script commits: what the keys hold may have changed, so they are sampled again.
    writeSql(
      path,
      "INSERT INTO tags (key, value, run_uuid) VALUES ('note', 'new', (SELECT run_uuid FROM runs LIMIT 1))",
    );
    await store.searchRuns(request);
    assert.equal(samples.length, 4);
  } finally {
    StatementSync.prototype.all = all;
    store.dispose();
  }
});
