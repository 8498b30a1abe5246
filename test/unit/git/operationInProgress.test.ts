// Issue 14.3: a merge (or cherry-pick, revert, rebase, bisect) under way keeps its state in the
// git folder, which a stash silently drops. Check Out and Return refuse before anything changes.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkOutRunCommit } from '../../../src/extension/git/checkoutFlow';
import { openGitRepository } from '../../../src/extension/git/repository';
import { returnToPreviousCheckout } from '../../../src/extension/git/returnFlow';
import { assertNothingChanged, expectGitError, runAt } from './helpers/flowAssertions';
import { commitAll, git, gitStatus, removeTempFolders, writeFiles } from './helpers/gitCli';
import { scriptedPrompts } from './helpers/prompts';
import { makeScenario } from './helpers/scenario';
import { snapshot } from './helpers/snapshot';

after(removeTempFolders);

/** A branch `other` from `first` whose train.py conflicts with main's. */
function conflictingBranch(work: string, first: string): void {
  git(work, 'switch', '--quiet', '-c', 'other', first);
  writeFiles(work, { 'train.py': 'print("other")\n' });
  commitAll(work, 'other');
  git(work, 'switch', '--quiet', 'main');
}

/** Resolves the conflict in train.py and stages it, as a user does before committing. */
function resolve(work: string): void {
  writeFiles(work, { 'train.py': 'print("resolved")\n' });
  git(work, 'add', 'train.py');
}

const cases: { name: string; marker: string; start: (work: string, first: string) => void; says: RegExp }[] = [
  {
    name: 'a merge, its conflict resolved but not committed',
    marker: 'MERGE_HEAD',
    start: (work, first) => {
      conflictingBranch(work, first);
      assert.notEqual(gitStatus(work, 'merge', 'other').code, 0);
      resolve(work);
    },
    says: /is in the middle of a merge \(MERGE_HEAD is present\): finish it with git commit, or abandon it with git merge --abort, then try checking out the run's commit again\. Nothing was changed\./,
  },
  {
    name: 'a cherry-pick',
    marker: 'CHERRY_PICK_HEAD',
    start: (work, first) => {
      conflictingBranch(work, first);
      assert.notEqual(gitStatus(work, 'cherry-pick', 'other').code, 0);
      resolve(work);
    },
    says: /middle of a cherry-pick \(CHERRY_PICK_HEAD is present\): finish it with git cherry-pick --continue/,
  },
  {
    name: 'a revert',
    marker: 'REVERT_HEAD',
    start: (work) => {
      writeFiles(work, { 'train.py': 'print("v3")\n' });
      const v3 = commitAll(work, 'v3');
      writeFiles(work, { 'train.py': 'print("v4")\n' });
      commitAll(work, 'v4');
      assert.notEqual(gitStatus(work, 'revert', '--no-edit', v3).code, 0);
      resolve(work);
    },
    says: /middle of a revert \(REVERT_HEAD is present\)/,
  },
  {
    name: 'a rebase',
    marker: 'rebase-merge',
    start: (work, first) => {
      conflictingBranch(work, first);
      git(work, 'switch', '--quiet', 'other');
      assert.notEqual(gitStatus(work, 'rebase', 'main').code, 0);
      resolve(work);
    },
    says: /middle of a rebase \(rebase-merge is present\): finish it with git rebase --continue, or abandon it with git rebase --abort/,
  },
  {
    name: 'a bisect',
    marker: 'BISECT_LOG',
    start: (work, first) => {
      git(work, 'bisect', 'start');
      git(work, 'bisect', 'bad');
      git(work, 'bisect', 'good', first);
    },
    says: /middle of a bisect \(BISECT_LOG is present\): end it with git bisect reset/,
  },
];

for (const { name, marker, start, says } of cases) {
  test(`Check Out during ${name}: refused before any question, ${marker} and every byte kept`, async () => {
    const { work, commits } = makeScenario();
    start(work, commits.first);
    const before = snapshot(work);
    const { prompts, asked } = scriptedPrompts({ choice: 'stash', popStash: true });
    await assert.rejects(
      checkOutRunCommit(openGitRepository(work), runAt(commits.feature), prompts),
      expectGitError('operationInProgress', (error) => assert.match(error.message, says)),
    );
    assert.deepEqual(asked, []);
    assertNothingChanged(work, before);
    assert.ok(existsSync(join(work, '.git', marker)));
  });
}

test('in a linked worktree, whose merge state lives in its own git folder: refused too', async () => {
  const { work, base, commits } = makeScenario();
  const linked = join(base, 'linked');
  git(work, 'worktree', 'add', '--quiet', '-b', 'side', linked, commits.third);
  git(linked, 'switch', '--quiet', '-c', 'other', commits.first);
  writeFiles(linked, { 'train.py': 'print("other")\n' });
  commitAll(linked, 'other');
  git(linked, 'switch', '--quiet', 'side');
  assert.notEqual(gitStatus(linked, 'merge', 'other').code, 0);
  resolve(linked);
  const before = snapshot(linked);
  await assert.rejects(
    checkOutRunCommit(openGitRepository(linked), runAt(commits.feature), scriptedPrompts({ choice: 'stash' }).prompts),
    expectGitError('operationInProgress'),
  );
  assertNothingChanged(linked, before);
  assert.ok(existsSync(join(work, '.git', 'worktrees', 'linked', 'MERGE_HEAD')));
});

test('Return during a bisect started on the run commit: refused, nothing changed', async () => {
  const { work, commits } = makeScenario();
  const repo = openGitRepository(work);
  const outcome = await checkOutRunCommit(repo, runAt(commits.second), scriptedPrompts().prompts);
  assert.equal(outcome.kind, 'checkedOut');
  git(work, 'bisect', 'start', commits.second, commits.first);
  const before = snapshot(work);
  await assert.rejects(
    returnToPreviousCheckout(
      repo,
      outcome.kind === 'checkedOut' ? outcome.record : undefined,
      scriptedPrompts().prompts,
    ),
    expectGitError('operationInProgress', (error) => assert.match(error.message, /then try returning to main again/)),
  );
  assertNothingChanged(work, before);
});
