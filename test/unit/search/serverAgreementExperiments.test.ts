/**
 * Every recorded `experiments/search` request, asked again of searchExperimentsLocally over the
 * experiments the server held (the seven active ones and the deleted one).
 *
 * The server reads a missing `max_results` as 0 and refuses it (003, 004, 011-014, 145, 146
 * were all refused for that, before their filter, view or token was looked at); our API's
 * default is 1000, so those requests are replayed with the 0 the server saw. Their filters and
 * the bad token are checked on their own in localSearch.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MlflowError } from '../../../src/extension/tracking/errors';
import type { ViewType } from '../../../src/extension/tracking/model';
import { searchExperimentsLocally } from '../../../src/extension/tracking/search/localSearch';
import type { SearchExperimentsRequest } from '../../../src/extension/tracking/trackingStore';
import type { Transcript } from './support/recordedTranscripts';
import { transcriptsFor } from './support/recordedTranscripts';
import { EXPERIMENTS_SEARCH, recordedExperiments } from './support/recordedUniverse';

const universe = recordedExperiments();

/** The request as the server read it: JSON body for POST, query string for GET. */
function requestOf(transcript: Transcript): SearchExperimentsRequest {
  const { method, query } = transcript.request;
  const body = (method === 'GET' ? query : transcript.request.body) as Record<string, unknown>;
  const maxResults = body['max_results'];
  return {
    filterString: body['filter'] as string | undefined,
    orderBy: body['order_by'] as string[] | undefined,
    viewType: body['view_type'] as ViewType | undefined,
    maxResults: maxResults === undefined ? 0 : Number(maxResults),
    pageToken: body['page_token'] as string | undefined,
  };
}

const recorded = transcriptsFor(EXPERIMENTS_SEARCH);

describe('experiments/search: local answers equal the recorded MLflow 3.5.1 answers', () => {
  test('the recordings hold the searches this suite is about', () => {
    const files = recorded.map((transcript) => transcript.file.slice(0, 3));
    assert.deepEqual(files, [
      '003',
      '004',
      '005',
      '006',
      '007',
      '008',
      '009',
      '010',
      '011',
      '012',
      '013',
      '014',
      '015',
      '016',
      '017',
      '145',
      '146',
    ]);
    assert.deepEqual(
      universe.map((experiment) => `${experiment.experimentId}:${experiment.lifecycleStage}`),
      ['7:active', '6:active', '4:active', '3:active', '2:active', '1:active', '0:active', '5:deleted'],
    );
  });

  for (const transcript of recorded) {
    const request = requestOf(transcript);
    const { status, body } = transcript.response;
    const label = `${transcript.file} ${JSON.stringify(request)} ${transcript.note}`;
    if (status === 200) {
      test(label, () => {
        const result = searchExperimentsLocally(universe, request);
        assert.deepEqual(
          result.experiments.map((experiment) => experiment.experimentId),
          (body.experiments ?? []).map((experiment) => experiment.experiment_id),
        );
        assert.equal(result.nextPageToken, body.next_page_token);
      });
    } else {
      test(`${label} -> ${status} ${body.error_code}: ${body.message}`, () => {
        assert.throws(
          () => searchExperimentsLocally(universe, request),
          (error: MlflowError) => {
            assert.equal(error.errorCode, body.error_code, `server said: ${body.message}\nwe said: ${error.message}`);
            assert.match(error.message, /max_results/, `server said: ${body.message}\nwe said: ${error.message}`);
            return true;
          },
        );
      });
    }
  }
});
