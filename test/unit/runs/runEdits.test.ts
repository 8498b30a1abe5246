import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runNameProblem, runPageUrl, tagKeyProblem, tagValueProblem } from '../../../src/extension/runs/runEdits';

test('tag keys follow MLflow: its characters, no path tricks, 250 at most', () => {
  for (const key of ['team', 'mlflow.note.content', 'eval/val loss', 'a:b-c_d.e'])
    assert.equal(tagKeyProblem(key), undefined, key);
  for (const key of ['', 'a'.repeat(251), 'bad!key', '<b>', '/abs', 'a//b', 'a/../b', './a', 'a/']) {
    assert.ok(tagKeyProblem(key), key);
  }
});

test('tag values and run names have limits', () => {
  assert.equal(tagValueProblem('x'.repeat(8000)), undefined);
  assert.match(tagValueProblem('x'.repeat(8001))!, /at most 8000/);
  assert.equal(runNameProblem('best-so-far'), undefined);
  assert.ok(runNameProblem('   '));
  assert.ok(runNameProblem('n'.repeat(251)));
});

test("a run's page in the MLflow UI, below any path prefix, without credentials", () => {
  assert.equal(runPageUrl('http://127.0.0.1:5000', '1', 'abc'), 'http://127.0.0.1:5000/#/experiments/1/runs/abc');
  assert.equal(
    runPageUrl('https://u:p@mlflow.example.com/team/mlflow/?x=1', '12', 'f00'),
    'https://mlflow.example.com/team/mlflow/#/experiments/12/runs/f00',
  );
  assert.equal(runPageUrl('databricks', '1', 'abc'), undefined);
  assert.equal(runPageUrl('sqlite:////w/mlflow.db', '1', 'abc'), undefined);
});
