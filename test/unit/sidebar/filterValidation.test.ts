import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFilterProblem } from '../../../src/extension/sidebar/runQuery';

test('valid filters (and the empty one) have no problem', () => {
  for (const filter of [
    '',
    '   ',
    'metrics.loss < 0.2',
    "params.optimizer = 'adam' and metrics.`val/loss` <= 1e-3",
    "tags.`mlflow.source.git.commit` = '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf'",
    "attributes.status = 'RUNNING'",
  ]) {
    assert.equal(describeFilterProblem(filter), undefined, filter);
  }
});

test("invalid filters get the parser's message, naming the token and its position", () => {
  assert.match(describeFilterProblem('metrics.loss ~ 3')!, /Invalid comparator '~' at position 13/);
  assert.match(describeFilterProblem('params.lr = 0.1')!, /quoted string value for params\.lr at position 12/);
  assert.match(describeFilterProblem("metrics.loss < 0.2 OR params.x = 'a'")!, /no OR \(at position 19\)/);
  assert.match(describeFilterProblem("tags.x = 'a")!, /Unterminated quoted text .* at position 9/);
});
