import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunDisplayContext } from '../../../src/extension/runs/runPresentation';
import { runTooltip } from '../../../src/extension/sidebar/presentation';
import { aRun } from '../../support/runBuilder';

const context: RunDisplayContext = {
  now: 0,
  currentUser: 'me',
  primaryMetric: '',
  headCommits: new Set(),
  canWrite: false,
  hasWebUi: false,
};

test("the description is rendered as markdown after the facts, safely (best-so-far's note)", () => {
  const run = aRun('r', {
    runName: 'best-so-far',
    tags: { 'mlflow.note.content': 'Best run so far. Uses **AdamW** with lr=0.004.\n\nSee `plots/`.' },
  });
  assert.equal(
    runTooltip(run, context),
    '**best\\-so\\-far**\n\n**Status:** FINISHED  \n**Run ID:** r\n\n**Description**\n\nBest run so far\\. Uses **AdamW** with lr\\=0\\.004\\.\n\nSee `plots/`\\.',
  );
});

test('an image in the description is never fetched; raw HTML stays text', () => {
  const run = aRun('r', {
    runName: 'n',
    tags: { 'mlflow.note.content': '![pixel](https://tracker.example/p.png) <img src=https://tracker.example/q.png>' },
  });
  const markdown = runTooltip(run, context);
  // The web address is the run panel reader's autolink (which takes the closing '>' with it), shown as text.
  assert.ok(
    markdown.endsWith('**Description**\n\npixel \\<img src\\=https\\:\\/\\/tracker\\.example\\/q\\.png'),
    markdown,
  );
  assert.doesNotMatch(markdown, /!\[|\]\(|(^|[^\\])</);
});

test("the Source row is relative to the workspace repository, whatever the logging machine's path", () => {
  const root = mkdtempSync(join(tmpdir(), 'tooltip-source-'));
  try {
    writeFileSync(join(root, 'train.py'), '');
    const run = aRun('r', { runName: 'n', tags: { 'mlflow.source.name': '/home/user/demo-repo/train.py' } });
    const facts = '**n**\n\n**Status:** FINISHED  \n**Run ID:** r  \n';
    assert.equal(runTooltip(run, { ...context, repositoryRoots: [root] }), `${facts}**Source:** train\\.py`);
    assert.equal(
      runTooltip(run, context),
      `${facts}**Source:** \\/home\\/user\\/demo\\-repo\\/train\\.py`,
      'no repository holds it: as recorded',
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
