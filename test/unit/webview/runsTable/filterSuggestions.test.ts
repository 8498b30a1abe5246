// The runs table's filter box logic (completion, unknown keys) on the recorded `scale` runs, checked against
// the tracking client's parser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRunFilter } from '../../../../src/extension/tracking/search/filterParser';
import { discoverKeys } from '../../../../src/webview/runsTable/columns';
import { suggest, unknownKeys } from '../../../../src/webview/runsTable/filterSuggestions';
import { recordedScaleRows } from '../../../webview/support/scaleRows';

const rows = recordedScaleRows().slice(0, 50);

test('a word before a dot that is no entity, one an object inherits included, gets no warning and no completion', () => {
  const known = discoverKeys(rows);
  assert.deepEqual(unknownKeys("constructor.x = 'a' AND toString.y = 'b' AND params.optimzer = 'adam'", known), [
    'no run has param `optimzer`; did you mean `optimizer`?',
  ]);
  assert.deepEqual(suggest('constructor.', known, rows), []);
  assert.deepEqual(suggest("toString.x = '", known, rows), []);
  assert.deepEqual(suggest("params.constructor = '", known, rows), []);
});

test("a completed key is written so that the tracking client's parser reads it back; one no filter can name is not offered", () => {
  const odd = rows.slice(0, 3).map((row, index) => ({
    ...row,
    params: { ...row.params, 'a`b': 'x', 'a.': 'y', 'q`"q': 'z', [`n${index}`]: 'w' },
  }));
  const known = discoverKeys(odd);
  const completions = suggest('params.a', known, odd);
  assert.deepEqual(
    completions.map((item) => item.label),
    ['a.', 'a`b', 'batch_size', 'num_layers'],
  );
  for (const item of completions) {
    const [comparison] = parseRunFilter(`${item.filter}= 'v'`);
    assert.equal(comparison?.key, item.label);
  }
  assert.deepEqual(suggest('params.q', known, odd), []);
});

test('"did you mean" in the filter box follows the sidebar\'s rule: a swap of neighbours is one slip', () => {
  const known = discoverKeys(rows);
  assert.ok(known.metric.has('loss'), 'the recorded runs log loss');
  // `lsos` is one swap from `loss` (the sidebar's Filter Runs suggests it), two plain edits.
  assert.deepEqual(unknownKeys('metrics.lsos < 1', known), ['no run has metric `lsos`; did you mean `loss`?']);
});
