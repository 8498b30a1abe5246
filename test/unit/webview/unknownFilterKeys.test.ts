// The one check of a filter's keys against the known runs' keys ("did you mean"), for the sidebar (keys from
// the tracking client's parser) and the runs table's filter box (keys read from the text as it is typed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countRunKeys } from '../../../src/extension/tracking/search/filterKeys';
import { parseRunFilter } from '../../../src/extension/tracking/search/filterParser';
import { discoverKeys } from '../../../src/webview/runsTable/columns';
import { describeUnknownKey, keysNamedIn, unknownFilterKeys } from '../../../src/webview/shared/unknownFilterKeys';
import { filterKeyRuns } from '../../support/filterKeyRuns';
import { recordedScaleRows } from '../../webview/support/scaleRows';

const known = countRunKeys(filterKeyRuns());
const scale = discoverKeys(recordedScaleRows().slice(0, 50));
/** What the runs table's filter box shows for `filter`. */
const boxWarnings = (filter: string) => unknownFilterKeys(keysNamedIn(filter), scale).map(describeUnknownKey);

test('unknownFilterKeys names each metric, param and tag key no run has, with the closest one', () => {
  const unknown = unknownFilterKeys(
    parseRunFilter(
      "metrics.acuracy > 0.8 AND params.optimizer = 'adam' AND params.optimiser = 'sgd' AND tags.team = 'x' AND metrics.acuracy < 1 AND attributes.status = 'FINISHED'",
    ),
    known,
  );
  assert.deepEqual(unknown, [
    { entityType: 'metric', key: 'acuracy', position: 0, suggestion: 'accuracy' },
    { entityType: 'param', key: 'optimiser', position: 56, suggestion: 'optimizer' },
    { entityType: 'tag', key: 'team', position: 85 },
  ]);
  assert.deepEqual(unknown.map(describeUnknownKey), [
    'no loaded run has metric `acuracy`; did you mean `accuracy`?',
    'no loaded run has parameter `optimiser`; did you mean `optimizer`?',
    'no loaded run has tag `team`',
  ]);
  assert.deepEqual(
    unknownFilterKeys(parseRunFilter("metrics.`train/loss` < 1 AND tags.`mlflow.user` = 'x'"), known),
    [],
  );
  assert.deepEqual(unknownFilterKeys(parseRunFilter(''), known), []);
});

test("keysNamedIn reads a filter's keys where the tracking client's parser does", () => {
  for (const filter of [
    "metrics.acuracy > 0.8 AND params.optimizer = 'adam' AND tags.`mlflow.user` = 'x'",
    "metrics.loss<0.2 and params.\"batch size\" LIKE '%2' AND attributes.status = 'FINISHED'",
    "tags.note = 'see metrics.loss AND params.x' AND metric.`a.b` >= 1",
    "tags.note = \"it's params.lr\" AND params.lr != '0.1'",
    "attributes.run_id IN ('a', 'b') AND datasets.name = 'd'",
    '',
  ])
    assert.deepEqual(
      keysNamedIn(filter),
      parseRunFilter(filter).map(({ entityType, key, position }) => ({ entityType, key, position })),
      filter,
    );
});

test('the filter box warns of a key in no loaded run, not of `entity.` written inside a value (its copy did)', () => {
  assert.deepEqual(boxWarnings("params.optimizer = 'see metrics.acuracy' AND metrics.acuracy > 0.5"), [
    'no loaded run has metric `acuracy`; did you mean `accuracy`?',
  ]);
  assert.deepEqual(boxWarnings("params.optimizer = 'see metrics.acuracy'"), []);
  assert.deepEqual(boxWarnings('params.optimizer LIKE "% params.optimzer%"'), []);
  // A filter still being typed, which the parser refuses, is warned of as it is typed.
  assert.deepEqual(boxWarnings("metrics.acuracy > 0.5 AND params.optimizer = 'ad"), [
    'no loaded run has metric `acuracy`; did you mean `accuracy`?',
  ]);
});

test('a word before a dot that is no entity, one an object inherits included, gets no warning', () => {
  assert.deepEqual(boxWarnings("constructor.x = 'a' AND toString.y = 'b' AND params.optimzer = 'adam'"), [
    'no loaded run has parameter `optimzer`; did you mean `optimizer`?',
  ]);
});

test('"did you mean" follows one rule: a swap of neighbours is one slip', () => {
  assert.ok(scale.metric.has('loss'), 'the recorded runs log loss');
  // `lsos` is one swap from `loss`, two plain edits.
  assert.deepEqual(boxWarnings('metrics.lsos < 1'), ['no loaded run has metric `lsos`; did you mean `loss`?']);
});
