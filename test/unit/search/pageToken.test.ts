import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MlflowError } from '../../../src/extension/tracking/errors';
import { decodePageToken, encodePageToken } from '../../../src/extension/tracking/search/searchRequest';
import { TRANSCRIPTS_DIR, loadTranscript } from './support/recordedTranscripts';

interface TokenChain {
  chain: { page_token_in: string; next_page_token?: string }[];
}

function errorOf(token: string): MlflowError {
  try {
    decodePageToken(token);
  } catch (error) {
    assert.ok(error instanceof MlflowError, String(error));
    return error;
  }
  assert.fail(`no error for ${token}`);
}

describe('page tokens', () => {
  test("match the server's tokens byte for byte, along the recorded 11-page chain", () => {
    const { chain } = JSON.parse(
      readFileSync(join(TRANSCRIPTS_DIR, 'runs-search-scale-token-chain.json'), 'utf8'),
    ) as TokenChain;
    assert.equal(chain.length, 10);
    for (const [index, link] of chain.entries()) {
      const offset = (index + 1) * 1000;
      assert.equal(encodePageToken(offset), link.page_token_in);
      assert.equal(decodePageToken(link.page_token_in), offset);
      if (link.next_page_token) assert.equal(encodePageToken(offset + 1000), link.next_page_token);
    }
  });
  test('no token, or an empty one, starts at 0', () => {
    assert.equal(decodePageToken(undefined), 0);
    assert.equal(decodePageToken(''), 0);
  });
  test('offsets are read as Python int() reads them', () => {
    const token = (json: string): string => Buffer.from(json).toString('base64');
    assert.equal(decodePageToken(token('{"offset": "12"}')), 12);
    assert.equal(decodePageToken(token('{"offset": 7.9}')), 7);
    assert.equal(decodePageToken(token('{"offset": " +1_000 "}')), 1000);
    assert.equal(decodePageToken(token('{"offset": -3}')), -3);
    // Characters outside the base64 alphabet are skipped, as Python's non-strict decoder does.
    assert.equal(decodePageToken(`${encodePageToken(8).slice(0, 4)}\n${encodePageToken(8).slice(4)}`), 8);
  });
  const recordedErrors = [
    ['138-error-runs-search-bad-page-token.json', 'garbage'],
    ['139-error-runs-search-bad-page-token-b64.json', 'eyJvZmZzZXQiOiAiYWJjIn0='],
    ['147-error-metrics-get-history-bad-page-token.json', 'garbage'],
  ] as const;
  for (const [file, token] of recordedErrors) {
    test(`${file}: the server's error code and message`, () => {
      const { body } = loadTranscript(file).response;
      const error = errorOf(token);
      assert.equal(error.errorCode, body.error_code);
      assert.equal(error.httpStatus, 400);
      assert.equal(error.message, body.message);
    });
  }
  test('other bad tokens: undecodable JSON, no offset, a zero offset, an offset that is no integer', () => {
    const token = (json: string): string => Buffer.from(json).toString('base64');
    assert.match(errorOf(token('not json')).message, /^Invalid page token, decoded value=/);
    assert.match(errorOf(token('{"start": 5}')).message, /^Invalid page token, parsed value=/);
    assert.match(errorOf(token('{"offset": 0}')).message, /^Invalid page token, parsed value=/);
    assert.match(errorOf(token('[5]')).message, /^Invalid page token, parsed value=/);
    assert.match(errorOf(token('{"offset": [5]}')).message, /^Invalid page token, not stringable \[5\]/);
    assert.match(errorOf('YQ').message, /could not base64-decode/);
    assert.match(errorOf('YWJjZA=').message, /could not base64-decode/);
  });
});
