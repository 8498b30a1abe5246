import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOutRunCommit, createBranchForRun } from '../../../src/extension/git/checkoutFlow';
import { continueExcursion } from '../../../src/extension/git/checkoutRecord';
import type { CheckoutRecord } from '../../../src/extension/git/checkoutRecord';
import type { GitRepository } from '../../../src/extension/git/repository';
import { openGitRepository } from '../../../src/extension/git/repository';
import { returnToPreviousCheckout } from '../../../src/extension/git/returnFlow';
import type { RunSource } from '../../../src/extension/git/runSource';
import { assertNothingChanged, expectGitError, runAt } from './helpers/flowAssertions';
import { commitAll, git, removeTempFolders, writeFiles } from './helpers/gitCli';
import type { PromptScript } from './helpers/prompts';
import { scriptedPrompts } from './helpers/prompts';
import { makeEveryKindOfChange, makeScenario } from './helpers/scenario';
import { snapshot } from './helpers/snapshot';

after(removeTempFolders);

async function checkOut(
  repo: GitRepository,
  run: RunSource,
  script: PromptScript = { choice: 'stash' },
): Promise<CheckoutRecord> {
  const outcome = await checkOutRunCommit(repo, run, scriptedPrompts(script).prompts);
  assert.equal(outcome.kind, 'checkedOut');
  return outcome.kind === 'checkedOut' ? outcome.record : assert.fail();
}

test('with uncommitted changes: refused, nothing changes', async () => {
  const { work, commits } = makeScenario();
  const repo = openGitRepository(work);
  const record = await checkOut(repo, runAt(commits.first));
  writeFiles(work, { 'train.py': 'edited while looking around\n', 'scratch.txt': 'new\n' });
  const before = snapshot(work);
  await assert.rejects(
    returnToPreviousCheckout(repo, record, scriptedPrompts({ popStash: true }).prompts),
    expectGitError('dirtyTree', (error) =>
      assert.match(error.message, /before returning to main\. Nothing was changed\./),
    ),
  );
  assertNothingChanged(work, before);
});

test('commits made on the detached HEAD are never stranded: refused until they are on a branch', async () => {
  const { work, commits } = makeScenario();
  const repo = openGitRepository(work);
  const run = runAt(commits.first, 'fix-attempt');
  const record = await checkOut(repo, run);
  writeFiles(work, { 'train.py': 'print("fixed")\n' });
  const fix = commitAll(work, 'fix on detached HEAD');
  const before = snapshot(work);
  const { prompts } = scriptedPrompts();
  await assert.rejects(returnToPreviousCheckout(repo, record, prompts), expectGitError('headMoved'));
  assertNothingChanged(work, before);
  assert.equal(await createBranchForRun(repo, run), 'mlflow/fix-attempt');
  const back = await returnToPreviousCheckout(repo, record, prompts);
  assert.equal(back.restored, 'main');
  assert.equal(git(work, 'rev-parse', 'mlflow/fix-attempt').trim(), fix);
});

test('declining to pop keeps the stash, and says where the changes are', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const original = snapshot(work);
  const repo = openGitRepository(work);
  const record = await checkOut(repo, runAt(commits.first));
  const stashesDuringCheckout = git(work, 'stash', 'list', '--format=%H');
  const back = await returnToPreviousCheckout(repo, record, scriptedPrompts({ popStash: false }).prompts);
  assert.equal(back.stash, 'kept');
  assert.match(back.message, /Your changes stay in the stash "On main: mlflow: before checking out run/);
  assert.equal(git(work, 'stash', 'list', '--format=%H'), stashesDuringCheckout);
  git(work, 'stash', 'pop', '--quiet', '--index');
  assertNothingChanged(work, original);
});

test('a stash popped by hand already: reported as missing, the branch restored', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const repo = openGitRepository(work);
  const record = await checkOut(repo, runAt(commits.first));
  git(work, 'stash', 'drop', '--quiet');
  const back = await returnToPreviousCheckout(repo, record, scriptedPrompts({ popStash: true }).prompts);
  assert.deepEqual([back.restored, back.stash], ['main', 'missing']);
});

test('the stash is found by its commit even after other stashes were pushed on top', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const original = snapshot(work);
  const repo = openGitRepository(work);
  const record = await checkOut(repo, runAt(commits.first));
  writeFiles(work, { 'train.py': 'later experiment\n' });
  git(work, 'stash', 'push', '--quiet', '-m', 'later');
  const later = git(work, 'rev-parse', 'stash@{0}').trim();
  const back = await returnToPreviousCheckout(repo, record, scriptedPrompts({ popStash: true }).prompts);
  assert.equal(back.stash, 'popped');
  assert.equal(git(work, 'stash', 'list', '--format=%H').trim(), later, 'only the other stash is left');
  git(work, 'stash', 'drop', '--quiet');
  assertNothingChanged(work, original);
});

test('a detached HEAD before the checkout is what comes back', async () => {
  const { work, commits } = makeScenario();
  git(work, 'switch', '--quiet', '--detach', commits.second);
  const before = snapshot(work);
  const repo = openGitRepository(work);
  const record = await checkOut(repo, runAt(commits.first));
  assert.deepEqual(record.previous, { kind: 'detached', commit: commits.second });
  const back = await returnToPreviousCheckout(repo, record, scriptedPrompts().prompts);
  assert.equal(back.restored, commits.second.slice(0, 7));
  assertNothingChanged(work, before);
});

test("a stash that no longer applies cleanly: git's conflict, the stash kept", async () => {
  const { work, commits } = makeScenario();
  writeFiles(work, { 'train.py': 'my uncommitted edit\n' });
  const repo = openGitRepository(work);
  const record = await checkOut(repo, runAt(commits.first));
  git(work, 'switch', '--quiet', 'main');
  writeFiles(work, { 'train.py': "someone else's commit\n" });
  commitAll(work, 'conflicting commit on main');
  const stashes = git(work, 'stash', 'list', '--format=%H');
  await assert.rejects(
    returnToPreviousCheckout(repo, record, scriptedPrompts({ popStash: true }).prompts),
    expectGitError('stashConflict', (error) => {
      assert.match(error.message, /^Back on main, but a stash did not apply: /);
      assert.match(
        error.message,
        /\nKept in the stash list, nothing in it lost: "On main: mlflow: before checking out run .*" \([0-9a-f]{7}\) \(git stash list\)\.$/,
      );
      assert.match(error.gitMessage ?? '', /CONFLICT \(content\): Merge conflict in train\.py/);
    }),
  );
  assert.equal(git(work, 'stash', 'list', '--format=%H'), stashes);
});

test("the previous branch was deleted meanwhile: git's refusal, nothing changes", async () => {
  const { work, commits } = makeScenario();
  const repo = openGitRepository(work);
  git(work, 'switch', '--quiet', 'feature');
  const record = await checkOut(repo, runAt(commits.first));
  git(work, 'branch', '--quiet', '-D', 'feature');
  const before = snapshot(work);
  await assert.rejects(
    returnToPreviousCheckout(repo, record, scriptedPrompts().prompts),
    expectGitError('unknownBranch'),
  );
  assertNothingChanged(work, before);
});

test('a record of another repository, or a tampered one, is refused before git runs', async () => {
  const { work, commits } = makeScenario();
  const repo = openGitRepository(work);
  const record = await checkOut(repo, runAt(commits.first));
  const before = snapshot(work);
  const { prompts } = scriptedPrompts();
  await assert.rejects(
    returnToPreviousCheckout(repo, { ...record, repository: '/elsewhere' }, prompts),
    expectGitError('badCheckoutRecord'),
  );
  await assert.rejects(
    returnToPreviousCheckout(repo, { ...record, previous: { kind: 'branch', branch: '--orphan=x' } }, prompts),
    expectGitError('badCheckoutRecord'),
  );
  await assert.rejects(returnToPreviousCheckout(repo, 'not a record', prompts), expectGitError('badCheckoutRecord'));
  assertNothingChanged(work, before);
});

test('an excursion whose second stash conflicts on the branch: the first restored, the error says which stash holds what', async () => {
  const { work, commits } = makeScenario();
  writeFiles(work, { 'README.md': '# my notes on main\n' });
  const repo = openGitRepository(work);
  const first = await checkOut(repo, runAt(commits.first, 'run A'));
  writeFiles(work, { 'train.py': 'print("mine, at run A")\n' });
  const second = await checkOut(repo, runAt(commits.second, 'run B'));
  const excursion = continueExcursion(first, second) ?? assert.fail('the second checkout continues the first');
  const [kept] = excursion.stashes.slice(1);
  await assert.rejects(
    returnToPreviousCheckout(repo, excursion, scriptedPrompts({ popStash: true }).prompts),
    expectGitError('stashConflict', (error) => {
      const lines = error.message.split('\n');
      assert.match(
        lines[0]!,
        /^Back on main, but a stash did not apply: git stash failed in .*CONFLICT \(content\): Merge conflict in train\.py/,
      );
      assert.match(error.message, /\nRestored before it: "On main: mlflow: before checking out run "run A" .*"\.\n/);
      assert.equal(
        lines.at(-1),
        `Kept in the stash list, nothing in it lost: "${kept!.message}" (${kept!.commit.slice(0, 7)}) (git stash list).`,
      );
    }),
  );
  assert.equal(git(work, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
  assert.equal(readFileSync(join(work, 'README.md'), 'utf8'), '# my notes on main\n');
  assert.equal(git(work, 'stash', 'list', '--format=%H').trim(), kept!.commit);
});
