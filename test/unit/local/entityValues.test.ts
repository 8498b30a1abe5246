import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunStatus } from '../../../src/extension/tracking/local/entityValues';

test('a run status reads from its name as MLflow writes it, and from the other spellings stores hold', () => {
  const read = (values: unknown[]) => values.map((value) => parseRunStatus(value));
  assert.deepEqual(read(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']), [
    'RUNNING',
    'SCHEDULED',
    'FINISHED',
    'FAILED',
    'KILLED',
  ]);
  assert.deepEqual(read([' finished ', 'Killed', 3, '4', ' 5 ']), [
    'FINISHED',
    'KILLED',
    'FINISHED',
    'FAILED',
    'KILLED',
  ]);
  assert.deepEqual(read(['DONE', '', '0', 6, null, undefined, 'FINISHED!', 'constructor', '__proto__']), [
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
});
