import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOutRunCommit, createBranchForRun } from '../../../src/extension/git/checkoutFlow';
import { parseCheckoutRecord } from '../../../src/extension/git/checkoutRecord';
import { openGitRepository } from '../../../src/extension/git/repository';
import { returnToPreviousCheckout } from '../../../src/extension/git/returnFlow';
import { assertCheckedOutAt, assertNothingChanged, expectGitError, runAt } from './helpers/flowAssertions';
import { commitAll, git, gitStatus, removeTempFolders, setIdentity, tempFolder, writeFiles } from './helpers/gitCli';
import { scriptedPrompts } from './helpers/prompts';
import { makeEveryKindOfChange, makeScenario } from './helpers/scenario';
import { snapshot } from './helpers/snapshot';

after(removeTempFolders);

test("clean tree: detached HEAD at the run's commit, no question asked; returning restores everything", async () => {
  const { work, commits } = makeScenario();
  const before = snapshot(work);
  const repo = openGitRepository(work);
  const { prompts, asked } = scriptedPrompts();
  const outcome = await checkOutRunCommit(repo, runAt(commits.first), prompts);
  assert.equal(outcome.kind, 'checkedOut');
  if (outcome.kind !== 'checkedOut') return;
  assert.deepEqual(asked, []);
  assertCheckedOutAt(work, commits.first);
  assert.match(outcome.message, /HEAD is detached/);
  assert.equal(outcome.suggestedBranch, 'mlflow/lr-0.01');
  assert.deepEqual(outcome.record.previous, { kind: 'branch', branch: 'main' });
  assert.deepEqual(outcome.record.stashes, []);
  const back = await returnToPreviousCheckout(repo, JSON.parse(JSON.stringify(outcome.record)), prompts);
  assert.deepEqual([back.restored, back.stash], ['main', 'none']);
  assertNothingChanged(work, before);
});

test('uncommitted changes, Cancel: nothing at all changes', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const before = snapshot(work);
  const { prompts, asked, seen } = scriptedPrompts({ choice: 'cancel' });
  const outcome = await checkOutRunCommit(openGitRepository(work), runAt(commits.first), prompts);
  assert.deepEqual(outcome, { kind: 'cancelled', step: 'uncommittedChanges' });
  assert.deepEqual(asked, ['uncommittedChanges']);
  assert.deepEqual(seen.status, {
    staged: ['README.md'],
    unstaged: ['train.py'],
    untracked: ['notes/untracked.txt'],
    unmerged: [],
    submodules: [],
    repositories: [],
  });
  assertNothingChanged(work, before);
});

test("uncommitted changes, Stash and Check Out: all kinds stashed under the run's name, and all come back", async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const before = snapshot(work);
  const repo = openGitRepository(work);
  const { prompts, asked } = scriptedPrompts({ choice: 'stash', popStash: true });
  const outcome = await checkOutRunCommit(repo, runAt(commits.first, 'sweep #3'), prompts);
  assert.equal(outcome.kind, 'checkedOut');
  if (outcome.kind !== 'checkedOut') return;
  assertCheckedOutAt(work, commits.first);
  assert.equal(readFileSync(join(work, 'run.log'), 'utf8'), 'an ignored log\n', 'ignored files stay where they are');
  assert.equal(existsSync(join(work, 'notes/untracked.txt')), false, 'untracked files went into the stash');
  const stashList = git(work, 'stash', 'list', '--format=%H %gs');
  assert.match(stashList, /mlflow: before checking out run "sweep #3" \(run[0-9a-f]{8}\) at [0-9a-f]{7}/);
  assert.equal(outcome.record.stashes[0]?.commit, git(work, 'rev-parse', 'stash@{0}').trim());
  const back = await returnToPreviousCheckout(repo, outcome.record, prompts);
  assert.deepEqual(asked, ['uncommittedChanges', 'popStash']);
  assert.equal(back.stash, 'popped');
  assertNothingChanged(work, before);
});

test('uncommitted changes, Check Out in New Worktree: a worktree beside the repository, the checkout untouched', async () => {
  const { work, base, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const before = snapshot(work);
  const { prompts } = scriptedPrompts({ choice: 'worktree' });
  const outcome = await checkOutRunCommit(openGitRepository(work), runAt(commits.second, 'baseline'), prompts);
  assert.equal(outcome.kind, 'worktreeAdded');
  if (outcome.kind !== 'worktreeAdded') return;
  assert.equal(outcome.path, join(base, 'work-baseline'));
  assertCheckedOutAt(outcome.path, commits.second);
  assert.equal(readFileSync(join(outcome.path, 'train.py'), 'utf8'), 'print("v2")\n');
  assertNothingChanged(work, before);
  const again = await checkOutRunCommit(openGitRepository(work), runAt(commits.second, 'baseline'), prompts);
  assert.equal(
    again.kind === 'worktreeAdded' && again.path,
    join(base, 'work-baseline-2'),
    'a taken folder is never reused',
  );
  assertNothingChanged(work, before);
});

test("the run's commit is already checked out: said so, nothing done", async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const before = snapshot(work);
  const { prompts, asked } = scriptedPrompts();
  const outcome = await checkOutRunCommit(openGitRepository(work), runAt(commits.third), prompts);
  assert.equal(outcome.kind, 'alreadyAtCommit');
  assert.match(outcome.kind === 'alreadyAtCommit' ? outcome.message : '', /The branch main is already at/);
  assert.deepEqual(asked, []);
  assertNothingChanged(work, before);
});

test('Create Branch after checking out: mlflow/<run name>, made unique; return still goes back to main', async () => {
  const { work, commits } = makeScenario();
  const before = snapshot(work);
  const repo = openGitRepository(work);
  const run = runAt(commits.first, 'lr 0.01: best?');
  const { prompts } = scriptedPrompts();
  git(work, 'branch', 'mlflow/lr-0.01-best', commits.second);
  const outcome = await checkOutRunCommit(repo, run, prompts);
  assert.equal(outcome.kind, 'checkedOut');
  if (outcome.kind !== 'checkedOut') return;
  assert.equal(await createBranchForRun(repo, run), 'mlflow/lr-0.01-best-2');
  assert.equal(git(work, 'symbolic-ref', '--short', 'HEAD').trim(), 'mlflow/lr-0.01-best-2');
  assert.equal(git(work, 'rev-parse', 'HEAD').trim(), commits.first);
  await returnToPreviousCheckout(repo, outcome.record, prompts);
  assertNothingChanged(work, before);
  assert.equal(git(work, 'rev-parse', 'mlflow/lr-0.01-best-2').trim(), commits.first, 'the new branch stays');
});

test("a file that would be overwritten after stashing: git's error, typed, and the changes are put back", async () => {
  const { work } = makeScenario();
  git(work, 'switch', '--quiet', '-c', 'with-secret');
  writeFiles(work, { 'secret.env': 'committed by mistake\n' });
  git(work, 'add', '--force', 'secret.env');
  git(work, 'commit', '--quiet', '-m', 'track secret.env');
  const tracked = git(work, 'rev-parse', 'HEAD').trim();
  git(work, 'switch', '--quiet', 'main');
  makeEveryKindOfChange(work);
  writeFiles(work, { 'secret.env': 'MY REAL SECRET (ignored, never committed)\n' });
  const before = snapshot(work);
  const { prompts } = scriptedPrompts({ choice: 'stash' });
  await assert.rejects(
    checkOutRunCommit(openGitRepository(work), runAt(tracked), prompts),
    expectGitError('wouldBeOverwritten', (error) => {
      assert.deepEqual(error.paths, ['secret.env']);
      assert.match(error.gitMessage ?? '', /would be overwritten by checkout/);
      assert.match(error.message, /Your uncommitted changes were put back\./);
    }),
  );
  assertNothingChanged(work, before);
});

test('the same refusal with a clean tree changes nothing either', async () => {
  const { work } = makeScenario();
  git(work, 'switch', '--quiet', '-c', 'with-log');
  writeFiles(work, { 'run.log': 'tracked log\n' });
  git(work, 'add', '--force', 'run.log');
  git(work, 'commit', '--quiet', '-m', 'track a log');
  const tracked = git(work, 'rev-parse', 'HEAD').trim();
  git(work, 'switch', '--quiet', 'main');
  writeFiles(work, { 'run.log': 'my ignored log\n' });
  const before = snapshot(work);
  await assert.rejects(
    checkOutRunCommit(openGitRepository(work), runAt(tracked), scriptedPrompts().prompts),
    expectGitError('wouldBeOverwritten'),
  );
  assertNothingChanged(work, before);
});

test('a held index lock: a lockFile error, and nothing changes', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  writeFiles(work, { '.git/index.lock': '' });
  const before = snapshot(work);
  const { prompts } = scriptedPrompts({ choice: 'stash' });
  await assert.rejects(
    checkOutRunCommit(openGitRepository(work), runAt(commits.first), prompts),
    expectGitError('lockFile'),
  );
  assertNothingChanged(work, before);
});

test('unresolved merge conflicts: refused before any question, nothing changes', async () => {
  const { work, commits } = makeScenario();
  git(work, 'switch', '--quiet', '-c', 'conflict', commits.first);
  writeFiles(work, { 'train.py': 'print("conflict")\n' });
  git(work, 'commit', '--quiet', '-am', 'conflicting');
  git(work, 'switch', '--quiet', 'main');
  assert.notEqual(gitStatus(work, 'merge', '--no-edit', 'conflict').code, 0);
  const before = snapshot(work);
  const { prompts, asked } = scriptedPrompts({ choice: 'stash' });
  await assert.rejects(
    checkOutRunCommit(openGitRepository(work), runAt(commits.second), prompts),
    expectGitError('unmerged', (error) => assert.deepEqual(error.paths, ['train.py'])),
  );
  assert.deepEqual(asked, []);
  assertNothingChanged(work, before);
});

test('the checkout record survives JSON and is checked when read back', () => {
  const record = {
    repository: '/repo',
    runId: 'r',
    runName: 'n',
    commit: 'a'.repeat(40),
    previous: { kind: 'branch', branch: 'main' },
    stash: { commit: 'b'.repeat(40), message: 'On main: x' },
  };
  const { stash, ...rest } = record;
  assert.deepEqual(
    parseCheckoutRecord(JSON.parse(JSON.stringify(record))),
    { ...rest, stashes: [stash] },
    'a record of one stash, as stored before excursions',
  );
  const broken: unknown[] = [
    null,
    [],
    { ...record, commit: '--upload-pack=touch x' },
    { ...record, commit: 'a'.repeat(41) },
    { ...record, previous: { kind: 'branch', branch: '-f' } },
    { ...record, previous: { kind: 'branch', branch: 'a..b' } },
    { ...record, previous: { kind: 'detached', commit: 'HEAD' } },
    { ...record, stash: { commit: 'stash@{0}', message: 'x' } },
    { ...record, repository: '' },
  ];
  for (const value of broken)
    assert.throws(() => parseCheckoutRecord(value), expectGitError('badCheckoutRecord'), JSON.stringify(value));
});

test('submodules left at other versions by the checkout are named', async () => {
  const library = tempFolder();
  git(library, 'init', '--quiet');
  writeFiles(library, { 'lib.py': 'VERSION = 1\n' });
  commitAll(library, 'library v1');
  const superproject = tempFolder();
  git(superproject, 'init', '--quiet');
  setIdentity(superproject);
  git(superproject, '-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', library, 'lib');
  const older = commitAll(superproject, 'library at v1');
  writeFiles(library, { 'lib.py': 'VERSION = 2\n' });
  commitAll(library, 'library v2');
  git(join(superproject, 'lib'), 'pull', '--quiet', 'origin', 'main');
  commitAll(superproject, 'library at v2');
  const outcome = await checkOutRunCommit(openGitRepository(superproject), runAt(older), scriptedPrompts().prompts);
  assert.equal(outcome.kind, 'checkedOut');
  assert.deepEqual(outcome.kind === 'checkedOut' && outcome.driftedSubmodules, ['lib']);
  assert.match(
    outcome.kind === 'checkedOut' ? outcome.message : '',
    /Submodules not at this commit's versions: lib \(git submodule update\)/,
  );
});
