import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  experimentContextValue,
  experimentDescription,
  experimentIcon,
  experimentTooltip,
} from '../../../src/extension/sidebar/presentation';
import { keyedRecord } from '../../../src/extension/tracking/model';
import { DEFAULT_SORT } from '../../../src/extension/sidebar/runQuery';
import type { RunQuery } from '../../../src/extension/sidebar/runQuery';
import { anExperiment } from '../../support/runBuilder';

const plain: RunQuery = { sort: DEFAULT_SORT };
const narrowed: RunQuery = {
  filter: "params.optimizer = 'adam'",
  sort: { field: { kind: 'metric', key: 'loss' }, ascending: true },
};

test('description shows the run count once known, and the active filter and sort', () => {
  const experiment = anExperiment('1', 'demo-classifier');
  assert.equal(experimentDescription(experiment, plain), '');
  assert.equal(experimentDescription(experiment, plain, { loaded: 21, complete: true }), '21 runs');
  assert.equal(experimentDescription(experiment, plain, { loaded: 1, complete: true }), '1 run');
  assert.equal(experimentDescription(experiment, plain, { loaded: 100, complete: false }), '100+ runs');
  assert.equal(
    experimentDescription(experiment, narrowed, { loaded: 3, complete: true }),
    "3 runs · filter: params.optimizer = 'adam' · sort: metrics.loss ↑",
  );
  assert.equal(experimentDescription(anExperiment('5', 'old', { lifecycleStage: 'deleted' }), plain), 'deleted');
});

test('contextValue and icon say deleted, filtered and sorted', () => {
  const experiment = anExperiment('1', 'demo');
  assert.equal(experimentContextValue(experiment, plain), 'experiment experiment.active');
  assert.equal(
    experimentContextValue(experiment, narrowed),
    'experiment experiment.active experiment.filtered experiment.sorted',
  );
  assert.equal(
    experimentContextValue(anExperiment('5', 'old', { lifecycleStage: 'deleted' }), plain),
    'experiment experiment.deleted',
  );
  assert.equal(experimentIcon(experiment, plain).id, 'beaker');
  assert.equal(experimentIcon(experiment, narrowed).id, 'filter');
});

test('tooltip: id, artifact location, description, tags, all escaped', () => {
  const experiment = anExperiment('4', 'ünïcødé 実験 🧪 <b>bold</b>', {
    artifactLocation: '/home/user/demo-repo/mlruns/4',
    tags: keyedRecord([
      ['mlflow.note.content', 'Classifier *experiments*'],
      ['team', '<script>x</script>'],
    ]),
  });
  const markdown = experimentTooltip(experiment, narrowed);
  assert.ok(markdown.startsWith('**ünïcødé 実験 🧪 \\<b\\>bold\\<\\/b\\>**'));
  assert.ok(markdown.includes('**Experiment ID:** 4'));
  assert.ok(markdown.includes('**Artifact location:** \\/home\\/user\\/demo\\-repo\\/mlruns\\/4'));
  assert.ok(markdown.includes('Classifier \\*experiments\\*'));
  assert.ok(markdown.includes('team: \\<script\\>x\\<\\/script\\>'));
  assert.ok(!markdown.includes('mlflow.note.content'), 'the description is shown as such, not as a tag');
  assert.ok(markdown.includes("**Filter:** params\\.optimizer \\= \\'adam\\'"));
});
