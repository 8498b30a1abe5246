import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MlflowConnectionError } from '../../../src/extension/tracking/errors';
import { bodyExcerpt, errorFromNetwork, errorFromResponse } from '../../../src/extension/tracking/rest/httpErrors';
import type { ExchangeContext } from '../../../src/extension/tracking/rest/httpErrors';
import { loadTranscripts } from '../../support/transcripts';

const CONTEXT: ExchangeContext = {
  endpoint: 'GET /api/2.0/mlflow/runs/get',
  hostPort: 'mlflow.example.com:443',
  credentials: { kind: 'none' },
  databricks: false,
  timeoutMs: 30_000,
};

test('an excerpt of an HTML page has no tags, scripts or entities, collapsed and truncated', () => {
  const html =
    '<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><p>Bad &amp; <b>worse</b>\n\n  &lt;here&gt;</p></body></html>';
  assert.equal(bodyExcerpt(html), 'Bad & worse <here>');
  const long = bodyExcerpt(`<p>${'word '.repeat(100)}</p>`, 50);
  assert.equal(long.length, 50);
  assert.ok(long.endsWith('...'));
});

test('every recorded non-JSON error page maps to its status meaning with a readable excerpt (084, 111, 120, 151)', () => {
  const expectations: [string, string][] = [
    ['084', 'ENDPOINT_NOT_FOUND'],
    ['111', 'INTERNAL_ERROR'],
    ['120', 'INTERNAL_ERROR'],
    ['151', 'ENDPOINT_NOT_FOUND'],
  ];
  for (const [selector, errorCode] of expectations) {
    const { status, headers, body_text: text } = loadTranscripts([selector])[0]!.response;
    const error = errorFromResponse(status, '', headers['content-type'], text!, CONTEXT);
    assert.equal(error.errorCode, errorCode, selector);
    assert.equal(error.httpStatus, status);
    assert.match(error.message, new RegExp(`HTTP ${status}: `));
    assert.doesNotMatch(error.message, /<[a-z!]/i, selector);
  }
});

test('every recorded JSON error keeps its error_code and message (128-138, 154, 166, 167)', () => {
  for (const transcript of loadTranscripts(['128', '131', '132', '133', '134', '138', '154', '166', '167'])) {
    const { status, headers, body_text: text } = transcript.response;
    const body = JSON.parse(text!) as { error_code: string; message: string };
    const error = errorFromResponse(status, '', headers['content-type'], text!, CONTEXT);
    assert.deepEqual(
      [error.errorCode, error.message, error.httpStatus],
      [body.error_code, body.message, status],
      transcript.file,
    );
  }
});

test('network failures name host:port and what happened, with a way out for TLS problems', () => {
  const cases: [object, RegExp][] = [
    [
      Object.assign(new Error('getaddrinfo ENOTFOUND mlflow.example.com'), { code: 'ENOTFOUND' }),
      /host name was not found/,
    ],
    [
      Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      /MLFLOW_TRACKING_SERVER_CERT_PATH.*MLFLOW_TRACKING_INSECURE_TLS=true/,
    ],
    [Object.assign(new Error('socket hang up'), { code: 'ERR_SOMETHING' }), /socket hang up/],
    [
      { code: 'ERR_NETWORK', cause: Object.assign(new Error('connect EHOSTUNREACH'), { code: 'EHOSTUNREACH' }) },
      /cannot reach/,
    ],
  ];
  for (const [cause, message] of cases) {
    const error = errorFromNetwork(cause, CONTEXT);
    assert.ok(error instanceof MlflowConnectionError);
    assert.equal(error.errorCode, 'CONNECTION_ERROR');
    assert.match(error.message, /mlflow\.example\.com:443/);
    assert.match(error.message, message);
  }
});
