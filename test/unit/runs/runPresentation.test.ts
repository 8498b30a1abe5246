import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  primaryMetricOf,
  runCommit,
  runContextValue,
  runDescription,
  runIcon,
  runLabel,
} from '../../../src/extension/runs/runPresentation';
import type { RunDisplayContext } from '../../../src/extension/runs/runPresentation';
import { runTooltip } from '../../../src/extension/sidebar/presentation';
import { aRun } from '../../support/runBuilder';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const HEAD = '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf';
const context: RunDisplayContext = {
  now: NOW,
  currentUser: 'me',
  primaryMetric: '',
  headCommits: new Set([HEAD]),
  canWrite: false,
  hasWebUi: false,
};

test('label is the run name, else the mlflow.runName tag, else the id', () => {
  assert.equal(runLabel(aRun('abc', { runName: 'best-so-far' })), 'best-so-far');
  assert.equal(runLabel(aRun('abc', { tags: { 'mlflow.runName': 'from-tag' } })), 'from-tag');
  assert.equal(runLabel(aRun('abc', { runName: '  ' })), 'abc');
});

test('description: the shown metric first (it survives a narrow sidebar), then start, duration and a foreign user', () => {
  const run = aRun('r', {
    startTime: NOW - 3 * 3600_000,
    endTime: NOW - 3 * 3600_000 + 200_000,
    userId: 'alice',
    metrics: { val_loss: 0.5, accuracy: 0.91234 },
    tags: { 'mlflow.source.git.commit': HEAD },
  });
  assert.equal(
    runDescription(run, { ...context, primaryMetric: 'accuracy' }),
    'accuracy=0.9123 · HEAD · 3 h ago · 3m 20s · alice',
  );
  assert.equal(
    runDescription(run, { ...context, primaryMetric: 'val_loss' }),
    'val_loss=0.5 · HEAD · 3 h ago · 3m 20s · alice',
  );
  assert.equal(
    runDescription(aRun('r', { userId: 'me', startTime: NOW - 60_000 }), { ...context, primaryMetric: 'accuracy' }),
    '1 min ago · 1m 00s',
  );
});

test('a row shows only the metric it is told to (one per experiment), never another of the run', () => {
  const run = aRun('r', { metrics: { accuracy: 0.9, loss: Number.NaN } });
  assert.equal(primaryMetricOf(run, 'loss')?.key, 'loss');
  assert.equal(primaryMetricOf(run, 'f1'), undefined);
  assert.equal(primaryMetricOf(run, ''), undefined);
  assert.equal(runDescription(run, { ...context, primaryMetric: 'loss' }), 'loss=NaN');
  assert.equal(runDescription(run, { ...context, primaryMetric: 'f1' }), '');
});

test('a parent placed by its best child says so next to its own value; with the key when the row shows another metric', () => {
  const parent = aRun('p', { metrics: { accuracy: 0.957855, loss: 0.119573 } });
  const best = { key: 'accuracy', value: 0.976186, timestamp: 0, step: 0 };
  assert.equal(
    runDescription(parent, { ...context, primaryMetric: 'accuracy' }, best),
    'accuracy=0.9579 · best child 0.9762',
  );
  assert.equal(
    runDescription(parent, { ...context, primaryMetric: 'loss' }, best),
    'loss=0.1196 · best child accuracy=0.9762',
  );
  assert.equal(
    runDescription(aRun('q'), { ...context, primaryMetric: 'accuracy' }, best),
    'best child accuracy=0.9762',
  );
});

test('a running run counts its duration up to now; deleted and HEAD runs are marked', () => {
  const running = aRun('r', { status: 'RUNNING', startTime: NOW - 45_000 });
  assert.equal(runDescription(running, context), '1 min ago · 45s');
  const deletedAtHead = aRun('d', { lifecycleStage: 'deleted', tags: { 'mlflow.source.git.commit': HEAD } });
  assert.equal(runDescription(deletedAtHead, context), 'deleted · HEAD');
});

test('icons follow the status, in theme colours; deleted runs show a bin', () => {
  assert.deepEqual(runIcon(aRun('r', { status: 'RUNNING' })), { id: 'sync~spin', color: 'charts.blue' });
  assert.deepEqual(runIcon(aRun('r', { status: 'FAILED' })), { id: 'error', color: 'testing.iconFailed' });
  assert.deepEqual(runIcon(aRun('r', { status: 'FINISHED' })), { id: 'pass', color: 'testing.iconPassed' });
  assert.deepEqual(runIcon(aRun('r', { status: 'KILLED' })), { id: 'circle-slash', color: 'charts.orange' });
  assert.deepEqual(runIcon(aRun('r', { status: 'SCHEDULED' })), { id: 'clock', color: 'charts.yellow' });
  assert.equal(runIcon(aRun('r', { status: 'FAILED', lifecycleStage: 'deleted' })).id, 'trash');
});

test('only tags that look like commit ids count as commits', () => {
  assert.equal(runCommit(aRun('r', { tags: { 'mlflow.source.git.commit': HEAD.toUpperCase() } })), HEAD);
  assert.equal(runCommit(aRun('r', { tags: { 'mlflow.source.git.commit': '--upload-pack=x' } })), undefined);
  assert.equal(runCommit(aRun('r')), undefined);
});

test('contextValue carries every flag the menus need', () => {
  const plain = aRun('r');
  assert.equal(runContextValue(plain, context), 'run run.active');
  const rich = aRun('r', { status: 'RUNNING', tags: { 'mlflow.source.git.commit': HEAD } });
  assert.equal(
    runContextValue(rich, { ...context, canWrite: true, hasWebUi: true }),
    'run run.active run.hasCommit run.atHead run.writable run.web run.running',
  );
  assert.equal(runContextValue(aRun('r', { lifecycleStage: 'deleted' }), context), 'run run.deleted');
  assert.match(runContextValue(rich, context), /\brun\.hasCommit\b/);
  assert.doesNotMatch(runContextValue(plain, context), /\brun\.hasCommit\b/);
});

test('tooltip lists status, times, user, source, commit, branch, params and metrics', () => {
  const run = aRun('0960131861354a3188896e001e76faf2', {
    runName: 'best-so-far',
    userId: 'root',
    startTime: NOW - 600_000,
    endTime: NOW - 100_000,
    tags: { 'mlflow.source.name': 'train.py', 'mlflow.source.git.commit': HEAD, 'mlflow.source.git.branch': 'main' },
    params: { lr: '0.01', optimizer: 'adam' },
    metrics: { loss: 0.25, accuracy: 0.9 },
  });
  const markdown = runTooltip(run, { ...context, primaryMetric: 'loss' });
  for (const expected of [
    '**best\\-so\\-far**',
    '**Status:** FINISHED',
    '**Run ID:** 0960131861354a3188896e001e76faf2',
    '**Duration:** 8m 20s',
    '**User:** root',
    '**Source:** train\\.py',
    '**Commit:** 9b64e09 \\(the workspace HEAD\\)',
    '**Branch:** main',
    'lr: 0\\.01',
    'optimizer: adam',
  ]) {
    assert.ok(markdown.includes(expected), `${expected} in\n${markdown}`);
  }
  assert.ok(markdown.indexOf('loss: 0\\.25') < markdown.indexOf('accuracy: 0\\.9'), 'primary metric listed first');
});

test('tooltip escapes hostile names and values, cuts long ones and counts what it leaves out', () => {
  const params = Object.fromEntries(
    Array.from({ length: 12 }, (_, index) => [`p${String(index).padStart(2, '0')}`, 'x'.repeat(5000)]),
  );
  const run = aRun('r', {
    runName: '<img src=x onerror=alert(1)>',
    params,
    tags: { 'mlflow.note.content': '# Title\n[link](https://evil)' },
  });
  const markdown = runTooltip(run, context);
  assert.ok(markdown.startsWith('**\\<img src\\=x onerror\\=alert\\(1\\)\\>**'));
  assert.ok(
    markdown.includes('**Description**\n\n**Title**\n\nlink'),
    'the description is read as markdown: a heading, a link shown as its text',
  );
  assert.ok(markdown.includes('*2 more*'));
  assert.ok(!markdown.includes('x'.repeat(100)), 'long values are cut');
  assert.doesNotMatch(markdown, /(^|[^\\])</);
});

test("a run's ∞, −∞ and NaN are spelled so in its row and tooltip, and the tooltip says MLflow's SQL stores keep ±∞ as ±1.8e308", () => {
  const run = aRun('r', { metrics: { big: Infinity, low: -Infinity, broken: Number.NaN } });
  assert.match(runDescription(run, { ...context, primaryMetric: 'low' }), /low=−∞/);
  const markdown = runTooltip(run, context);
  // As the hover shows it, markdown escapes undone.
  const shown = markdown.replace(/\\(.)/g, '$1');
  for (const expected of [
    'big: ∞',
    'low: −∞',
    'broken: NaN',
    "∞, −∞: MLflow's SQL stores keep ±∞ as ±1.7976931348623157e308 (±1.8e308)",
    'NaN: Not a number',
  ]) {
    assert.ok(shown.includes(expected), `${expected} in\n${markdown}`);
  }
  assert.doesNotMatch(
    runTooltip(aRun('r', { metrics: { loss: 0.25 } }), context),
    /SQL stores/,
    'no note when every value is finite',
  );
});
