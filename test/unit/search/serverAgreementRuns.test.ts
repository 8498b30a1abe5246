/**
 * Every recorded `runs/search` request, asked again of searchRunsLocally over the runs the server
 * held: the same run ids in the same order and the same next-page token, or, for every recorded
 * 400, an error with the same error code. See support/recordedUniverse.ts for how the runs are
 * rebuilt and why the incomplete 'scale' experiment still gives exact answers.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MlflowError } from '../../../src/extension/tracking/errors';
import type { Run, ViewType } from '../../../src/extension/tracking/model';
import { searchRunsLocally } from '../../../src/extension/tracking/search/localSearch';
import type { SearchRunsRequest } from '../../../src/extension/tracking/trackingStore';
import type { Transcript } from './support/recordedTranscripts';
import { transcriptsFor } from './support/recordedTranscripts';
import { RUNS_SEARCH, recordedRuns } from './support/recordedUniverse';

const universe = recordedRuns();
// A search must not depend on the order a store hands its runs over in.
const reversed = [...universe].reverse();

/** The request as the server read it; undefined for requests our API cannot express. */
function requestOf(transcript: Transcript): SearchRunsRequest | undefined {
  const body = transcript.request.body as Record<string, unknown> | null;
  if (transcript.request.method !== 'POST' || typeof body !== 'object' || body === null) return undefined;
  const ids = body['experiment_ids'];
  return {
    // 143 sends a bare string, which the server reads as a one-element list.
    experimentIds: typeof ids === 'string' ? [ids] : (ids as string[]),
    filterString: body['filter'] as string | undefined,
    orderBy: body['order_by'] as string[] | undefined,
    runViewType: body['run_view_type'] as ViewType | undefined,
    maxResults: body['max_results'] as number | undefined,
    pageToken: body['page_token'] as string | undefined,
  };
}

function search(runs: readonly Run[], request: SearchRunsRequest): { ids: string[]; token: string | undefined } {
  const result = searchRunsLocally(runs, request);
  return { ids: result.runs.map((run) => run.info.runId), token: result.nextPageToken };
}

const recorded = transcriptsFor(RUNS_SEARCH).filter((transcript) => requestOf(transcript) !== undefined);

describe('runs/search: local answers equal the recorded MLflow 3.5.1 answers', () => {
  test('the recordings hold the searches this suite is about', () => {
    const files = recorded.map((transcript) => transcript.file.slice(0, 3));
    for (const number of ['028', '037', '044', '045', '047', '054', '058', '134', '137', '138', '139', '141']) {
      assert.ok(files.includes(number), `transcript ${number} is missing`);
    }
    assert.equal(universe.length, 1132);
  });

  for (const transcript of recorded) {
    const request = requestOf(transcript)!;
    const { status, body } = transcript.response;
    const label = `${transcript.file} ${JSON.stringify(request.filterString ?? '')} ${JSON.stringify(request.orderBy ?? [])} ${transcript.note}`;
    if (status === 200) {
      test(label, () => {
        const expected = { ids: (body.runs ?? []).map((run) => run.info.run_id), token: body.next_page_token };
        assert.deepEqual(search(universe, request), expected);
        assert.deepEqual(search(reversed, request), expected);
      });
    } else {
      test(`${label} -> ${status} ${body.error_code}: ${body.message}`, () => {
        assert.throws(
          () => searchRunsLocally(universe, request),
          (error: MlflowError) => {
            assert.equal(error.errorCode, body.error_code, `server said: ${body.message}\nwe said: ${error.message}`);
            return true;
          },
        );
      });
    }
  }
});
