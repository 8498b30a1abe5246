// Completion of MLflow's filter language, one module for the sidebar's Filter Runs input and the runs
// table's filter box: keys from counted runs (built ones and the recorded `scale` runs), values from the
// runs' params and tags, each completed filter read back by the tracking client's parser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countRunKeys } from '../../../src/extension/tracking/search/filterKeys';
import { parseRunFilter } from '../../../src/extension/tracking/search/filterParser';
import { discoverKeys } from '../../../src/webview/runsTable/columns';
import { completeFilterKey, completeFilterValue } from '../../../src/webview/shared/filterCompletion';
import { filterKeyRuns } from '../../support/filterKeyRuns';
import { aRun } from '../../support/runBuilder';
import { recordedScaleRows } from '../../webview/support/scaleRows';

const runs = filterKeyRuns();
const known = countRunKeys(runs);
const scale = recordedScaleRows().slice(0, 50);

test('completeFilterKey offers the keys holding what is typed after entity., starting ones first, then the most common', () => {
  const completions = (filter: string) => completeFilterKey(filter, known).map((entry) => [entry.filter, entry.runs]);
  assert.deepEqual(completions('metrics.'), [
    ['metrics.loss ', 3],
    ['metrics.accuracy ', 1],
    ['metrics.auc ', 1],
    ['metrics.`train/loss` ', 1],
    ['metrics.val_loss ', 1],
  ]);
  assert.deepEqual(completions('metrics.lo'), [
    ['metrics.loss ', 3],
    ['metrics.`train/loss` ', 1],
    ['metrics.val_loss ', 1],
  ]);
  assert.deepEqual(completions("params.optimizer = 'adam' AND metric.ACC"), [
    ["params.optimizer = 'adam' AND metric.accuracy ", 1],
  ]);
  assert.deepEqual(completions('tags.mlflow.u'), [['tags.mlflow.user ', 1]]);
  assert.deepEqual(completions('metrics.`train'), [['metrics.`train/loss` ', 1]]);
  assert.deepEqual(completions('metrics."train'), [['metrics.`train/loss` ', 1]]);
  assert.deepEqual(completions('(params.'), [
    ['(params.optimizer ', 2],
    ['(params.lr ', 1],
  ]);
  assert.deepEqual(
    completeFilterKey('attributes.s', known).map((entry) => entry.filter),
    ['attributes.start_time ', 'attributes.status ', 'attributes.user_id '],
  );
  assert.deepEqual(completions('metrics.loss '), [], 'a finished key');
  assert.deepEqual(completions('metrics.loss < 0.'), [], 'a number, not a key');
  assert.deepEqual(completions('datasets.'), [], 'dataset keys are fixed and few');
  assert.deepEqual(completions('foo.'), []);
});

test('inside a quoted value, `entity.` is text: no key is offered there (the sidebar offered metric keys)', () => {
  assert.deepEqual(completeFilterKey("tags.note = 'see metrics.", known), []);
  assert.deepEqual(completeFilterKey("attributes.run_name LIKE '%(params.", known), []);
  assert.deepEqual(completeFilterKey('tags.note = "see metrics.lo', known), []);
  // A closed value before the key being typed does not count.
  assert.deepEqual(
    completeFilterKey("tags.note = 'see metrics.' AND metrics.lo", known).map((entry) => entry.key),
    ['loss', 'train/loss', 'val_loss'],
  );
  assert.deepEqual(
    completeFilterKey("tags.note = '' AND metrics.acc", known).map((entry) => entry.key),
    ['accuracy'],
  );
});

test('a word before a dot that is no entity, one an object inherits included, gets no completion', () => {
  const keys = discoverKeys(scale);
  assert.deepEqual(completeFilterKey('constructor.', keys), []);
  assert.deepEqual(completeFilterValue("toString.x = '", scale), []);
  assert.deepEqual(completeFilterValue("params.constructor = '", scale), []);
});

test("a completed key is written so that the tracking client's parser reads it back; one no filter can name is not offered", () => {
  const odd = scale.slice(0, 3).map((row, index) => ({
    ...row,
    params: { ...row.params, 'a`b': 'x', 'a.': 'y', 'q`"q': 'z', [`n${index}`]: 'w' },
  }));
  const completions = completeFilterKey('params.a', discoverKeys(odd));
  assert.deepEqual(
    completions.map((item) => item.key),
    ['a.', 'a`b', 'batch_size', 'num_layers'],
  );
  for (const item of completions) {
    const [comparison] = parseRunFilter(`${item.filter}= 'v'`);
    assert.equal(comparison?.key, item.key);
  }
  assert.deepEqual(completeFilterKey('params.q', discoverKeys(odd)), []);
});

test("completeFilterValue offers the key's logged values holding what is typed, most common first, closed by the quote", () => {
  const optimizers = new Map<string, number>();
  for (const row of scale)
    if (row.params.optimizer?.includes('ad'))
      optimizers.set(row.params.optimizer, (optimizers.get(row.params.optimizer) ?? 0) + 1);
  assert.equal(optimizers.size, 2);
  const filter = "metrics.accuracy > 0.5 AND params.optimizer = 'AD";
  const values = completeFilterValue(filter, scale);
  assert.deepEqual(
    values.map((entry) => [entry.value, entry.runs]),
    [...optimizers].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)),
  );
  for (const entry of values) {
    assert.equal(entry.filter, `metrics.accuracy > 0.5 AND params.optimizer = '${entry.value}' `);
    assert.equal(parseRunFilter(entry.filter)[1]?.value, entry.value);
  }
  // The sidebar's runs (the model's RunData) and the table's rows are both runs with params and tags.
  const data = runs.map((run) => run.data);
  assert.deepEqual(
    completeFilterValue('tags.`mlflow.user` != "', data).map((entry) => entry.filter),
    ['tags.`mlflow.user` != "x" '],
  );
  assert.deepEqual(
    completeFilterValue("params.optimizer ILIKE 's", data).map((entry) => entry.value),
    ['sgd'],
  );
});

test('completeFilterValue: nothing for metrics, attributes or a value that cannot be written in its quote', () => {
  const data = [
    aRun('q', { params: { note: "it's", other: 'say "hi"' }, metrics: { loss: 1 } }),
    aRun('r', { params: { note: 'plain' } }),
  ].map((run) => run.data);
  assert.deepEqual(completeFilterValue("metrics.loss = '", data), []);
  assert.deepEqual(completeFilterValue("attributes.status = '", data), []);
  assert.deepEqual(
    completeFilterValue("params.note = '", data).map((entry) => entry.value),
    ['plain'],
  );
  assert.deepEqual(
    completeFilterValue('params.note = "', data).map((entry) => entry.value),
    ["it's", 'plain'],
  );
  assert.deepEqual(completeFilterValue("params.note = 'plain' ", data), [], 'a closed value');
});
