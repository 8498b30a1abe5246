import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tagsFromWire } from '../../../src/extension/tracking/rest/wire';

// tagsFromWire takes the usual entry without building its location (the runs table's first page
// reads some 20,000 of them): what it accepts and the errors it names must stay those of the checks.
test('tags and params from the wire: plain entries kept as sent, a bad entry named by its place', () => {
  const record = tagsFromWire(
    [{ key: 'a', value: '1' }, { key: 'no value' }, { key: '__proto__', value: 'x' }, { key: 'a', value: '2' }],
    'runs/search: runs[3].data.tags',
  );
  assert.deepEqual({ ...record }, { a: '2', 'no value': '', ['__proto__']: 'x' });
  assert.equal(Object.getPrototypeOf(record), null);
  const bad: [unknown, string][] = [
    [null, 'runs[0].data.tags[1] should be an object, but is null'],
    [['key', 'value'], 'runs[0].data.tags[1] should be an object'],
    [{ value: 'v' }, 'runs[0].data.tags[1].key should be a string, but is missing'],
    [{ key: 7, value: 'v' }, 'runs[0].data.tags[1].key should be a string'],
    [{ key: 'k', value: null }, 'runs[0].data.tags[1].value should be a string, but is null'],
    [{ key: 'k', value: 3 }, 'runs[0].data.tags[1].value should be a string'],
  ];
  for (const [entry, message] of bad)
    assert.throws(
      () => tagsFromWire([{ key: 'fine', value: '' }, entry], 'runs[0].data.tags'),
      (error: Error) => error.message.includes(message) && error.name === 'MlflowError',
      JSON.stringify(entry),
    );
});
