import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLaterPoint, parseMetricValue } from '../../../src/extension/tracking/local/metricValues';

test('metric values in every spelling a store writes are read', () => {
  assert.equal(parseMetricValue('0.25'), 0.25);
  assert.equal(parseMetricValue('-0.0'), -0);
  assert.ok(Object.is(parseMetricValue('-0.0'), -0), 'negative zero stays negative, as the file store keeps it');
  assert.equal(parseMetricValue('5e-324'), 5e-324);
  assert.equal(parseMetricValue('1.7976931348623157e+308'), Number.MAX_VALUE);
  assert.equal(parseMetricValue('42'), 42);
  assert.equal(parseMetricValue('.5'), 0.5);
  for (const nan of ['nan', 'NaN', 'NAN', '-nan']) assert.ok(Number.isNaN(parseMetricValue(nan)), nan);
  for (const inf of ['inf', 'Infinity', '+inf', 'INF', 'infinity'])
    assert.equal(parseMetricValue(inf), Number.POSITIVE_INFINITY, inf);
  for (const inf of ['-inf', '-Infinity', '-INFINITY'])
    assert.equal(parseMetricValue(inf), Number.NEGATIVE_INFINITY, inf);
});

test('text that is not a number is refused rather than read as 0 or NaN', () => {
  for (const bad of ['', 'abc', '0x10', '1,5', 'Infinityy', '1e', 'nan nan'])
    assert.equal(parseMetricValue(bad), undefined, bad);
});

test('the latest point is the highest step, then the latest timestamp, then the larger value', () => {
  const point = (step: number, timestamp: number, value: number) => ({ key: 'k', step, timestamp, value });
  assert.ok(isLaterPoint(point(2, 0, 0), point(1, 99, 99)), 'a higher step wins over a later timestamp');
  assert.ok(!isLaterPoint(point(1, 99, 99), point(2, 0, 0)));
  assert.ok(isLaterPoint(point(1, 2, 0), point(1, 1, 5)), 'same step: the later timestamp wins');
  assert.ok(isLaterPoint(point(1, 1, 6), point(1, 1, 5)), 'full tie but value: the larger wins');
  assert.ok(!isLaterPoint(point(1, 1, 5), point(1, 1, 5)), 'an identical point does not replace the first one');
  assert.ok(!isLaterPoint(point(1, 1, Number.NaN), point(1, 1, 5)), 'NaN never wins a tie (Python compares it false)');
  assert.ok(!isLaterPoint(point(1, 1, 5), point(1, 1, Number.NaN)));
});
