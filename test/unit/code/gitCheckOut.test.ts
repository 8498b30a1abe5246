import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CREATE_BRANCH } from '../../../src/extension/code/gitCommands';
import {
  CHECK_OUT_IN_NEW_WORKTREE,
  FETCH_AND_RETRY,
  POP_STASH,
  STASH_AND_CHECK_OUT,
} from '../../../src/extension/code/checkouts';
import { assertCheckedOutAt, assertNothingChanged, expectGitError, runAt } from '../git/helpers/flowAssertions';
import { commitAll, git, removeTempFolders, tempFolder, writeFiles } from '../git/helpers/gitCli';
import { makeEveryKindOfChange, makeScenario } from '../git/helpers/scenario';
import { snapshot } from '../git/helpers/snapshot';
import { shownOf, testContext } from './gitHelpers/commandContext';

after(removeTempFolders);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

test('clean tree: HEAD detached at the run commit, said so, a record kept, and the offered branch made', async () => {
  const { work, commits } = makeScenario();
  const t = testContext([work], { inform: [CREATE_BRANCH] });
  const outcome = await t.commands.checkOutRun(runAt(commits.first, 'lr 0.01/try:1'));
  assert.equal(outcome?.kind, 'checkedOut');
  const [offer, created] = shownOf(t.shown, 'inform');
  assert.match(offer!.message, /HEAD is detached/);
  assert.deepEqual(offer!.actions, [CREATE_BRANCH]);
  assert.match(created!.message, /Created the branch mlflow\/lr-0\.01-try-1 at/);
  assert.equal(git(work, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/mlflow/lr-0.01-try-1');
  assert.equal(git(work, 'rev-parse', 'HEAD').trim(), commits.first);
  assert.deepEqual(
    t.records().map((record) => [record.commit, record.previous]),
    [[commits.first, { kind: 'branch', branch: 'main' }]],
  );
  assert.equal(shownOf(t.shown, 'modal').length, 0, 'a clean tree asks nothing');
  assert.equal(shownOf(t.shown, 'progress').length, 1);
});

test('dirty tree, "Stash and Check Out": a stash named after the run; Return with Pop restores every byte', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const before = snapshot(work);
  const t = testContext([work], { modal: [STASH_AND_CHECK_OUT, POP_STASH] });
  const outcome = await t.commands.checkOutRun(runAt(commits.first, 'sweep-7'));
  assert.equal(outcome?.kind, 'checkedOut');
  const [question] = shownOf(t.shown, 'modal');
  assert.deepEqual(question!.actions, [STASH_AND_CHECK_OUT, CHECK_OUT_IN_NEW_WORKTREE]);
  assert.match(question!.detail!, /Staged: README\.md\.\nUnstaged: train\.py\.\nUntracked: notes\/untracked\.txt\./);
  assert.match(question!.detail!, /Nothing is discarded/);
  assert.match(git(work, 'stash', 'list', '--format=%gs'), /mlflow: before checking out run "sweep-7"/);
  assertCheckedOutAt(work, commits.first);
  assert.equal(t.records()[0]!.stashes.length, 1, 'the record names the stash');
  assert.equal(existsSync(join(work, 'run.log')), true, 'an ignored file stays where it was');

  const back = await t.commands.returnToPreviousBranch();
  assert.equal(back?.stash, 'popped');
  assertNothingChanged(work, before);
  assert.deepEqual(t.records(), []);
});

test('dirty tree, Cancel: nothing changes, nothing is recorded', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const before = snapshot(work);
  const t = testContext([work], { modal: [undefined] });
  const outcome = await t.commands.checkOutRun(runAt(commits.first));
  assert.deepEqual(outcome, { kind: 'cancelled', step: 'uncommittedChanges' });
  assertNothingChanged(work, before);
  assert.deepEqual(t.records(), []);
});

test('dirty tree, "Check Out in New Worktree": the worktree opens in a new window, the checkout is untouched', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const before = snapshot(work);
  const t = testContext([work], { modal: [CHECK_OUT_IN_NEW_WORKTREE] });
  const outcome = await t.commands.checkOutRun(runAt(commits.second, 'lr-0.02'));
  assert.equal(outcome?.kind, 'worktreeAdded');
  assert.deepEqual(t.windows, [`${work}-lr-0.02`]);
  assertCheckedOutAt(t.windows[0]!, commits.second);
  assertNothingChanged(work, before);
  assert.deepEqual(t.records(), [], 'nothing to return from: the checkout did not move');
});

test('one run after another: one Return goes back to the branch the first left, with the edit made on the way', async () => {
  const { work, commits } = makeScenario();
  const before = snapshot(work);
  const t = testContext([work], { modal: [STASH_AND_CHECK_OUT, POP_STASH] });
  await t.commands.checkOutRun(runAt(commits.first, 'a'));
  await t.commands.checkOutRun(runAt(commits.second, 'b'));
  assert.equal(t.records().length, 1);
  assert.deepEqual(t.records()[0]!.previous, { kind: 'branch', branch: 'main' });
  writeFiles(work, { 'train.py': 'print("edited at b")\n' });
  await t.commands.checkOutRun(runAt(commits.first, 'c'));
  assert.equal(t.records().length, 1, 'the stashing checkout continues the same excursion');

  const back = await t.commands.returnToPreviousBranch();
  assert.deepEqual([back?.restored, back?.stash], ['main', 'popped']);
  assert.equal(git(work, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
  assertNothingChanged(work, { ...before, files: { ...before.files, 'train.py': sha256('print("edited at b")\n') } });
  assert.deepEqual(t.records(), []);
  await t.commands.returnToPreviousBranch();
  assert.match(shownOf(t.shown, 'inform').at(-1)!.message, /No run checkout to return from/);
});

test('issue 10.1: main, run A, an edit, run B stashed: Return + Pop lands on main with every byte of the edit', async () => {
  const { work, commits } = makeScenario();
  const t = testContext([work], { modal: [STASH_AND_CHECK_OUT, POP_STASH], inform: [undefined, undefined, undefined] });
  await t.commands.checkOutRun(runAt(commits.second, 'run A'));
  const edit = 'print("v2")\n# tuned by hand at run A\n';
  writeFiles(work, { 'train.py': edit });
  await t.commands.checkOutRun(runAt(commits.first, 'run B'));
  assertCheckedOutAt(work, commits.first);

  const back = await t.commands.returnToPreviousBranch();
  assert.match(back!.message, /^Back on main\. Your stashed changes are restored\.$/);
  assert.equal(git(work, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
  assert.equal(git(work, 'rev-parse', 'HEAD').trim(), commits.third);
  assert.equal(readFileSync(join(work, 'train.py'), 'utf8'), edit);
  assert.equal(git(work, 'status', '--porcelain'), ' M train.py\n');
  assert.equal(git(work, 'stash', 'list'), '');
});

test('a stash at each step of the excursion: one question, every stash popped oldest first, each change back', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const onMain = snapshot(work);
  const t = testContext([work], { modal: [STASH_AND_CHECK_OUT, STASH_AND_CHECK_OUT, POP_STASH] });
  await t.commands.checkOutRun(runAt(commits.second, 'run A'));
  const atA = { '.gitignore': '*.log\nsecret.env\n*.tmp\n', 'ideas.txt': 'try a smaller lr\n' };
  writeFiles(work, atA);
  await t.commands.checkOutRun(runAt(commits.first, 'run B'));
  assert.equal(t.records()[0]!.stashes.length, 2);

  const back = await t.commands.returnToPreviousBranch();
  const question = shownOf(t.shown, 'modal').at(-1)!;
  assert.match(
    question.detail!,
    /applies and drops the 2 stashes, oldest first: "On main: mlflow: before checking out run "run A".*", "On \(no branch\): mlflow: before checking out run "run B"/,
  );
  assert.deepEqual(
    back?.stashes.map((entry) => entry.result),
    ['popped', 'popped'],
  );
  const files = { ...onMain.files, '.gitignore': sha256(atA['.gitignore']), 'ideas.txt': sha256(atA['ideas.txt']) };
  assertNothingChanged(work, { ...onMain, files });
  assert.equal(git(work, 'stash', 'list'), '');
});

test('a commit the clone lacks: "Fetch and Retry" brings it from the remote (the run names its URL)', async () => {
  const { work, remote, commits } = makeScenario();
  const t = testContext([work], { modal: [FETCH_AND_RETRY] });
  const outcome = await t.commands.checkOutRun(
    runAt(commits.remoteOnly, 'exp', 'train.py', { 'mlflow.source.git.repoURL': remote }),
  );
  assert.equal(outcome?.kind, 'checkedOut');
  const [question] = shownOf(t.shown, 'modal');
  assert.match(question!.message, new RegExp(`Commit ${commits.remoteOnly.slice(0, 7)} .* is not in ${work}`));
  assertCheckedOutAt(work, commits.remoteOnly);
});

test('no repository matches (no URL, commit not fetched): the explanation offers "Fetch and Retry"', async () => {
  const { work, commits } = makeScenario();
  const t = testContext([work], { modal: [FETCH_AND_RETRY] });
  const outcome = await t.commands.checkOutRun(runAt(commits.unbranched, 'pr'));
  assert.equal(outcome?.kind, 'checkedOut', 'the full id is asked of the remote itself');
  const [explanation] = shownOf(t.shown, 'modal');
  assert.match(explanation!.message, /No repository in the workspace matches/);
  assert.match(explanation!.detail!, /is not in it/);
  assert.deepEqual(explanation!.actions, [FETCH_AND_RETRY]);
  assertCheckedOutAt(work, commits.unbranched);
});

test('declining or cancelling the fetch, or a commit no remote has, changes nothing', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const before = snapshot(work);
  const declined = testContext([work], { modal: [undefined] });
  assert.equal(await declined.commands.checkOutRun(runAt(commits.remoteOnly)), undefined);
  const cancelled = testContext([work], { modal: [FETCH_AND_RETRY], cancelProgress: true });
  assert.equal(await cancelled.commands.checkOutRun(runAt(commits.remoteOnly)), undefined);
  const missing = testContext([work], { modal: [FETCH_AND_RETRY] });
  const absent = 'c0ffee'.repeat(6) + 'c0ff';
  await assert.rejects(
    missing.commands.checkOutRun(runAt(absent)),
    expectGitError('unknownCommit', (error) =>
      assert.match(error.message, new RegExp(`${absent} .* not in the repository ${work}`)),
    ),
  );
  assertNothingChanged(work, before);
});

test('no repository and no remote: the explanation alone, nothing offered, nothing changed', async () => {
  const { work, commits } = makeScenario();
  const lone = tempFolder();
  git(lone, 'init', '--quiet');
  writeFiles(lone, { 'a.txt': 'a' });
  commitAll(lone, 'lone');
  const before = snapshot(lone);
  const t = testContext([lone], {});
  assert.equal(await t.commands.checkOutRun(runAt(commits.first)), undefined);
  const [explanation] = shownOf(t.shown, 'modal');
  assert.deepEqual(explanation!.actions, []);
  assert.match(explanation!.detail!, new RegExp(`${lone}: commit ${commits.first.slice(0, 7)} is not in it`));
  assertNothingChanged(lone, before);
  assert.ok(work);
});

test('two matching repositories: a quick pick says why each matched, and the chosen one is used', async () => {
  const { work, base, remote, commits } = makeScenario();
  const twin = join(base, 'twin');
  git(base, 'clone', '--quiet', remote, twin);
  const t = testContext([work, twin], { pick: [twin] });
  const outcome = await t.commands.checkOutRun(runAt(commits.first));
  assert.equal(outcome?.kind, 'checkedOut');
  const [pick] = shownOf(t.shown, 'pick');
  assert.deepEqual(pick!.items, [work, twin]);
  assertCheckedOutAt(twin, commits.first);
  assert.equal(git(work, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
});

test('hostile commit tags and a run without one are refused before any git command runs', async () => {
  const { work } = makeScenario();
  const before = snapshot(work);
  for (const commit of ['--upload-pack=touch x', '-x', 'HEAD;rm -rf .', 'a'.repeat(41), 'HEAD~1', '']) {
    const t = testContext([work]);
    await assert.rejects(
      t.commands.checkOutRun(runAt(commit)),
      expectGitError(commit === '' ? 'noGitCommit' : 'invalidCommitId'),
    );
    assert.deepEqual(t.gitCommands, [], commit);
  }
  assert.equal(existsSync(join(work, 'x')), false);
  assertNothingChanged(work, before);
});

test("git refusing (an ignored file would be overwritten) is a typed error with git's words, and the stash comes back", async () => {
  const root = tempFolder();
  git(root, 'init', '--quiet');
  git(root, 'config', 'user.name', 'T');
  git(root, 'config', 'user.email', 't@example.com');
  writeFiles(root, { 'train.py': 'v1\n', 'data.csv': 'tracked at first\n' });
  const first = commitAll(root, 'first');
  git(root, 'rm', '--quiet', '--cached', 'data.csv');
  writeFiles(root, { '.gitignore': 'data.csv\n', 'data.csv': 'my local data, ignored now\n' });
  commitAll(root, 'ignore data.csv');
  writeFiles(root, { 'train.py': 'v2, not committed\n' });
  const before = snapshot(root);
  const t = testContext([root], { modal: [STASH_AND_CHECK_OUT] });
  await assert.rejects(
    t.commands.checkOutRun(runAt(first)),
    expectGitError('wouldBeOverwritten', (error) => {
      assert.match(error.message, /data\.csv/);
      assert.match(error.message, /Your uncommitted changes were put back/);
      assert.deepEqual(error.paths, ['data.csv']);
    }),
  );
  assertNothingChanged(root, before);
  assert.deepEqual(t.records(), []);
});
