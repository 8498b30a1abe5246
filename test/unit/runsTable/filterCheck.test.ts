import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterProblem } from '../../../src/extension/runsTable/filterCheck';

test('a filter the store accepts has no problem; an empty one neither', () => {
  assert.equal(filterProblem("metrics.accuracy > 0.9 AND params.optimizer = 'adam'"), undefined);
  assert.equal(filterProblem(''), undefined);
});

test("a bad filter's problem points at the offending token", () => {
  const filter = "metrics.accuracy > 0.9 AND params.optimizer == 'adam'";
  const problem = filterProblem(filter);
  assert.ok(problem);
  assert.equal(filter.slice(problem.start, problem.end), '==');
  const unknown = filterProblem('bogus.key = 1');
  assert.ok(unknown);
  assert.equal(unknown.start, 0);
  assert.match(unknown.message, /bogus/);
});
