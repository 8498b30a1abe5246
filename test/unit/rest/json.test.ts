import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MlflowError } from '../../../src/extension/tracking/errors';
import {
  doubleFromWire,
  doubleToWire,
  parseMlflowJson,
  quoteBareNonFiniteTokens,
} from '../../../src/extension/tracking/rest/json';
import { loadTranscripts } from '../../support/transcripts';

test('valid JSON parses as JSON.parse does', () => {
  const text = loadTranscripts(['077'])[0]!.response.body_text!;
  assert.deepEqual(parseMlflowJson(text, 'metrics/get-history'), JSON.parse(text));
});

test('bare NaN, Infinity and -Infinity outside strings become their string spellings, strings untouched', () => {
  const text = '{"a": NaN, "b": [Infinity,-Infinity], "c": "NaN Infinity \\"NaN\\" -Infinity", "d": {"NaN": NaN}}';
  assert.deepEqual(parseMlflowJson(text, 'x'), {
    a: 'NaN',
    b: ['Infinity', '-Infinity'],
    c: 'NaN Infinity "NaN" -Infinity',
    d: { NaN: 'NaN' },
  });
});

test('the request body MLflow silently corrupts (162) is read as the client meant it', () => {
  const raw = loadTranscripts(['162'])[0]!.request.body_raw!;
  assert.throws(() => JSON.parse(raw) as unknown);
  const body = parseMlflowJson(raw, 'runs/log-batch') as { metrics: { value: unknown }[] };
  assert.deepEqual(
    body.metrics.map((metric) => doubleFromWire(metric.value)),
    [NaN, Infinity],
  );
});

test('a body that is not JSON is BAD_RESPONSE naming the endpoint, with a short excerpt', () => {
  for (const text of ['{"runs": [', '', 'NaN-ish garbage {', '<html>oops</html>']) {
    assert.throws(
      () => parseMlflowJson(text, 'POST /api/2.0/mlflow/runs/search'),
      (error: unknown) =>
        error instanceof MlflowError &&
        error.errorCode === 'BAD_RESPONSE' &&
        error.message.includes('POST /api/2.0/mlflow/runs/search'),
    );
  }
});

test('any document with non-finite numbers round-trips through the bare-token fallback', () => {
  const leaf = fc.oneof(fc.double(), fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
  const documents = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      leaf,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
    ),
  })).value;
  fc.assert(
    fc.property(documents, (document) => {
      // What Python's json.dumps writes: non-finite numbers as bare tokens.
      const pythonStyle = JSON.stringify(document, (_key, value: unknown) =>
        typeof value === 'number' && !Number.isFinite(value) ? `__bare__${String(value)}__` : value,
      ).replace(/"__bare__(NaN|Infinity|-Infinity)__"/g, '$1');
      const expected = JSON.parse(
        JSON.stringify(document, (_key, value: unknown) =>
          typeof value === 'number' ? (doubleToWire(value) as unknown) : value,
        ),
      ) as unknown;
      assert.deepEqual(parseMlflowJson(pythonStyle, 'x'), expected);
    }),
  );
});

test('doubles: every wire spelling reads back, and writing never produces a bare token', () => {
  assert.equal(doubleFromWire(1.5), 1.5);
  assert.ok(Number.isNaN(doubleFromWire('NaN')));
  assert.equal(doubleFromWire('Infinity'), Infinity);
  assert.equal(doubleFromWire('-Infinity'), -Infinity);
  assert.equal(doubleFromWire('2.5e-3'), 0.0025);
  for (const bad of ['nan', 'inf', '', '1,5', null, true, {}])
    assert.equal(doubleFromWire(bad), undefined, JSON.stringify(bad));
  assert.deepEqual([NaN, Infinity, -Infinity, 0.1].map(doubleToWire), ['NaN', 'Infinity', '-Infinity', 0.1]);
  assert.equal(JSON.stringify({ value: doubleToWire(NaN) }), '{"value":"NaN"}');
  assert.equal(quoteBareNonFiniteTokens('[-NaN]'), '["NaN"]');
});
