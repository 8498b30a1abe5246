import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iterateRunPages } from '../../../src/extension/tracking/paging';
import { aRun } from '../../support/runBuilder';
import type { SearchRunsRequest, SearchRunsResult } from '../../../src/extension/tracking/trackingStore';

const fakeRun = (runId: string) => aRun(runId, { runName: runId, userId: 'u', artifactUri: '' });

test('pages are fetched one at a time, only as the caller consumes them', async () => {
  const calls: (string | undefined)[] = [];
  const pages: Record<string, SearchRunsResult> = {
    start: { runs: [fakeRun('a'), fakeRun('b')], nextPageToken: 't1' },
    t1: { runs: [fakeRun('c')], nextPageToken: 't2' },
    t2: { runs: [] }, // MLflow answers {} after an exactly full last page
  };
  const search = (request: SearchRunsRequest) => {
    calls.push(request.pageToken);
    return Promise.resolve(pages[request.pageToken ?? 'start']!);
  };
  const iterator = iterateRunPages(search, { experimentIds: ['1'], maxResults: 2 })[Symbol.asyncIterator]();
  assert.equal((await iterator.next()).value?.info.runId, 'a');
  assert.deepEqual(calls, [undefined], 'the second page is not fetched yet');
  const rest: string[] = [];
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(next.value.info.runId);
  assert.deepEqual(rest, ['b', 'c']);
  assert.deepEqual(calls, [undefined, 't1', 't2']);
});

test('a token handed out twice ends the walk instead of looping', async () => {
  let calls = 0;
  const search = () => {
    calls++;
    return Promise.resolve({ runs: [fakeRun(`r${calls}`)], nextPageToken: 'same' });
  };
  const ids: string[] = [];
  for await (const run of iterateRunPages(search, { experimentIds: ['1'] })) ids.push(run.info.runId);
  assert.deepEqual(ids, ['r1', 'r2']);
});
