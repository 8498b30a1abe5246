import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkOutRunCommit } from '../../../src/extension/git/checkoutFlow';
import type { GitCommandEvent } from '../../../src/extension/git/gitRunner';
import { openGitRepository } from '../../../src/extension/git/repository';
import { diffRunCommits, diffRunWithWorkingTree } from '../../../src/extension/git/runDiffs';
import { readRunSourceAtCommit } from '../../../src/extension/git/sourceAtCommit';
import { assertNothingChanged, expectGitError, runAt } from './helpers/flowAssertions';
import { removeTempFolders } from './helpers/gitCli';
import { scriptedPrompts } from './helpers/prompts';
import { makeEveryKindOfChange, makeScenario } from './helpers/scenario';
import { snapshot } from './helpers/snapshot';

after(removeTempFolders);

const HOSTILE = [
  '--upload-pack=touch x',
  '-x',
  'HEAD;rm -rf .',
  'a'.repeat(41),
  '$(touch x)',
  'HEAD~1',
  '9b64e09:train.py',
  '9b64e09\n--force',
];

for (const commit of HOSTILE) {
  test(`the commit ${JSON.stringify(commit)} is rejected by every flow before git runs`, async () => {
    const { work, commits } = makeScenario();
    makeEveryKindOfChange(work);
    const before = snapshot(work);
    const events: GitCommandEvent[] = [];
    const repo = openGitRepository(work, { onCommand: (event) => events.push(event) });
    const run = runAt(commit, 'hostile');
    const good = runAt(commits.first);
    const { prompts, asked } = scriptedPrompts({ fetch: true, choice: 'stash' });
    const flows = [
      () => checkOutRunCommit(repo, run, prompts),
      () => readRunSourceAtCommit(repo, run),
      () => diffRunWithWorkingTree(repo, run),
      () => diffRunCommits(repo, good, run),
      () => diffRunCommits(repo, run, good),
    ];
    for (const flow of flows) await assert.rejects(flow(), expectGitError('invalidCommitId'));
    assert.deepEqual(events, [], 'no git command ran');
    assert.deepEqual(asked, [], 'no question was asked');
    assert.equal(existsSync(join(work, 'x')), false);
    assert.ok(readdirSync(work).includes('train.py'));
    assertNothingChanged(work, before);
  });
}
