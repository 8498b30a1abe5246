/**
 * Run searches as questions: phrased by experiment names, answered as run names in order, and
 * expected as the recorded server answered.
 */
import assert from 'node:assert/strict';
import type { SearchRunsRequest, SearchRunsResult } from '../../../src/extension/tracking/trackingStore';
import { errorCodeOf, question, Satisfies } from './question';
import type { Question } from './question';
import { recordedBody, recordedError, recordedRunPage } from './recordings';
import type { RecordedRun, RunPage } from './recordings';
import type { StoreIds } from './storeIds';

/** A run search phrased by experiment names. */
export type RunSearch = Omit<SearchRunsRequest, 'experimentIds'> & { experiments: string[] };

export function pageOf(result: SearchRunsResult): RunPage {
  return { runs: result.runs.map((run) => run.info.runName), nextPage: result.nextPageToken !== undefined };
}

function requestOf(search: RunSearch, ids: StoreIds): SearchRunsRequest {
  const { experiments, ...request } = search;
  return { experimentIds: experiments.map(ids.experiment), ...request };
}

/** The recorded search `selector`, asked as `phrase` says; the answer is expected as recorded unless `exceptions` say otherwise. */
export function recordedSearch(
  selector: string,
  what: string,
  phrase: (ids: StoreIds) => RunSearch,
  exceptions: Pick<Question<RunPage>, 'differs' | 'only'> = {},
): Question {
  return question<RunPage>({
    title: `${selector} runs/search ${what}`,
    ask: async (store, ids) => pageOf(await store.searchRuns(requestOf(phrase(ids), ids))),
    expected: () => recordedRunPage(selector),
    ...exceptions,
  });
}

/** A recorded search the server refused: the same error code is expected of every backend. */
export function refusedSearch(selector: string, what: string, search: RunSearch): Question {
  return question({
    title: `${selector} runs/search ${what} is refused`,
    ask: (store, ids) => errorCodeOf(store.searchRuns(requestOf(search, ids))),
    expected: () => recordedError(selector),
  });
}

/**
 * Runs started in the same millisecond come out in run id order on the server (its recorded ids
 * ascend within each tie, checked here); each store orders them by its own ids, so such a tie
 * comes out in another order on each backend. Everything else is the recorded order.
 */
export function tiesInRunIdOrder(selector: string, experiment: string) {
  return () =>
    new Satisfies<RunPage>('the recorded order, runs started together in run id order', (answer, _store, ids) => {
      const recorded = recordedBody<{ runs: (RecordedRun & { info: { start_time: number } })[] }>(selector).runs;
      const ties = groupBy(recorded, (run) => run.info.start_time);
      assert.ok(
        ties.some((tie) => tie.length > 1),
        `${selector} has runs started together`,
      );
      for (const tie of ties) {
        const recordedIds = tie.map((run) => run.info.run_id);
        assert.deepEqual(recordedIds, [...recordedIds].sort(), `${selector}: the server orders a tie by run id`);
      }
      const byStoreId = (a: string, b: string) => (ids.run(experiment, a) < ids.run(experiment, b) ? -1 : 1);
      const expected = ties.flatMap((tie) => tie.map((run) => run.info.run_name).sort(byStoreId));
      assert.deepEqual(answer, { runs: expected, nextPage: recordedRunPage(selector).nextPage });
    });
}

/** Consecutive items with the same key, in order. */
function groupBy<T>(items: T[], key: (item: T) => unknown): T[][] {
  const groups: T[][] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && key(last[0]!) === key(item)) last.push(item);
    else groups.push([item]);
  }
  return groups;
}
