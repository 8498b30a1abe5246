import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metricAt, metricFromWire } from '../../../src/extension/tracking/rest/wire';

// metricAt takes the usual entry without building its location (a 1,000-run page holds some 5,000
// latest values, a history page up to 25,000 points): it must read every entry as metricFromWire
// does, and name a bad one by its place.
test('metrics from the wire: the usual entry read as metricFromWire reads it, every spelling MLflow sends', () => {
  const entries: unknown[] = [
    { key: 'loss', value: 0.25, timestamp: 1_700_000_000_000, step: 3 },
    { key: 'no step', value: 1, timestamp: 5 },
    { key: 'clamped', value: 1.7976931348623157e308, timestamp: 5, step: 1 },
    { key: 'clamped low', value: -1.7976931348623157e308, timestamp: 5, step: 1 },
    { key: 'nan', value: 'NaN', timestamp: 5, step: 1 },
    { key: 'inf', value: '-Infinity', timestamp: 5, step: 1 },
    { key: 'numeric strings', value: '2.5', timestamp: '17', step: '4' },
    { key: 'no timestamp', value: 2 },
  ];
  const read = entries.map((_, index) => metricAt(entries, index, 'metrics/get-history: metrics'));
  assert.deepEqual(
    read,
    entries.map((entry, index) => metricFromWire(entry, `metrics[${index}]`)),
  );
  assert.deepEqual(
    read.map((metric) => [metric.key, metric.value, metric.timestamp, metric.step]),
    [
      ['loss', 0.25, 1_700_000_000_000, 3],
      ['no step', 1, 5, 0],
      ['clamped', Infinity, 5, 1],
      ['clamped low', -Infinity, 5, 1],
      ['nan', NaN, 5, 1],
      ['inf', -Infinity, 5, 1],
      ['numeric strings', 2.5, 17, 4],
      ['no timestamp', 2, 0, 0],
    ],
  );
  const bad: [unknown, string][] = [
    [null, 'runs[0].data.metrics[1] should be an object, but is null'],
    [{ key: 'k', value: 'high', timestamp: 1, step: 1 }, 'runs[0].data.metrics[1].value should be a number'],
    [{ key: 'k', value: 1, timestamp: 1.5, step: 1 }, 'runs[0].data.metrics[1].timestamp should be an integer'],
    [{ key: 'k', value: 1, timestamp: 1, step: 0.5 }, 'runs[0].data.metrics[1].step should be an integer'],
    [{ value: 1, timestamp: 1, step: 1 }, 'runs[0].data.metrics[1].key should be a string, but is missing'],
  ];
  for (const [entry, message] of bad)
    assert.throws(
      () => metricAt([entries[0], entry], 1, 'runs[0].data.metrics'),
      (error: Error) => error.message.includes(message) && error.name === 'MlflowError',
      JSON.stringify(entry),
    );
});
