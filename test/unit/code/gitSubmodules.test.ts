// Check Out and Return in a repository with a real submodule (issues 10.17 and 14.4): a
// submodule's own changes are never stashed by git, and a submodule folder stays behind on a
// commit that predates it. Neither may strand the user on the run's commit.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POP_STASH, STASH_AND_CHECK_OUT } from '../../../src/extension/code/checkouts';
import { assertCheckedOutAt, runAt } from '../git/helpers/flowAssertions';
import { git, removeTempFolders, writeFiles } from '../git/helpers/gitCli';
import { copiedSubmoduleScenario } from '../git/helpers/submoduleScenario';
import { shownOf, testContext } from './gitHelpers/commandContext';

after(removeTempFolders);

const NOT_STASHED = 'Not stashed (git does not stash them), left as they are: the changes inside the submodule libs.';

test('a dirty submodule and an edited file: the question names what is not stashed; Return + Pop brings everything back on main', async () => {
  const { work, commits } = copiedSubmoduleScenario();
  writeFiles(work, { 'train.py': 'print("my edit")\n', 'libs/l.txt': 'lib, edited inside the submodule\n' });
  const t = testContext([work], { modal: [STASH_AND_CHECK_OUT, POP_STASH] });
  const outcome = await t.commands.checkOutRun(runAt(commits.withSubmodule, 'with-lib'));
  assert.equal(outcome?.kind, 'checkedOut');
  const [question] = shownOf(t.shown, 'modal');
  assert.match(
    question!.detail!,
    /^Unstaged: train\.py\.\n\nNothing is discarded\. "Stash and Check Out" keeps every change listed above/,
  );
  assert.ok(question!.detail!.includes(` ${NOT_STASHED} "Check Out in New Worktree"`), question!.detail);
  assert.ok(shownOf(t.shown, 'inform')[0]!.message.includes(NOT_STASHED));
  assert.equal(git(work, 'rev-parse', 'HEAD').trim(), commits.withSubmodule);

  const back = await t.commands.returnToPreviousBranch();
  assert.deepEqual([back?.restored, back?.stash], ['main', 'popped']);
  assert.equal(back?.message, `Back on main. Your stashed changes are restored. ${NOT_STASHED}`);
  assert.equal(git(work, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
  assert.equal(readFileSync(join(work, 'train.py'), 'utf8'), 'print("my edit")\n');
  assert.equal(readFileSync(join(work, 'libs/l.txt'), 'utf8'), 'lib, edited inside the submodule\n');
  assert.equal(git(work, 'stash', 'list'), '');
  assert.deepEqual(t.records(), []);
});

test('only a dirty submodule: no question and no stash (nothing of this repository would be lost); Return works', async () => {
  const { work, commits } = copiedSubmoduleScenario();
  writeFiles(work, { 'libs/l.txt': 'lib, edited inside the submodule\n' });
  const t = testContext([work]);
  const outcome = await t.commands.checkOutRun(runAt(commits.withSubmodule, 'with-lib'));
  assert.equal(outcome?.kind, 'checkedOut');
  assert.deepEqual(shownOf(t.shown, 'modal'), []);
  assert.equal(git(work, 'stash', 'list'), '');
  const back = await t.commands.returnToPreviousBranch();
  assert.equal(back?.restored, 'main');
  assert.equal(git(work, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
  assert.equal(readFileSync(join(work, 'libs/l.txt'), 'utf8'), 'lib, edited inside the submodule\n');
});

test('a run commit older than the submodule: its folder stays behind and is said to; Return takes it back as the submodule', async () => {
  const { work, commits } = copiedSubmoduleScenario();
  const t = testContext([work]);
  const outcome = await t.commands.checkOutRun(runAt(commits.beforeSubmodule, 'old'));
  assert.equal(outcome?.kind === 'checkedOut' && outcome.leftBehind.join(), 'libs/');
  assert.match(
    shownOf(t.shown, 'inform')[0]!.message,
    /libs\/ stays as untracked: a submodule this commit does not have, left as it is \("Return to Previous Branch" takes it back\)\.$/,
  );
  assert.equal(git(work, 'status', '--porcelain'), '?? libs/\n');

  const back = await t.commands.returnToPreviousBranch();
  assert.equal(back?.restored, 'main');
  assert.equal(git(work, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
  assert.equal(git(work, 'status', '--porcelain'), '', 'libs is the submodule again');
  assert.equal(readFileSync(join(work, 'libs/l.txt'), 'utf8'), 'lib v1\n');
});

test('at a commit older than the submodule, an edit then another run stashed: the stash holds the edit, not the folder, and one Return restores it', async () => {
  const { work, commits } = copiedSubmoduleScenario();
  const t = testContext([work], { modal: [STASH_AND_CHECK_OUT, POP_STASH] });
  await t.commands.checkOutRun(runAt(commits.beforeSubmodule, 'old'));
  writeFiles(work, { 'notes.txt': 'an idea at the old run\n' });
  await t.commands.checkOutRun(runAt(commits.withSubmodule, 'with-lib'));
  const [question] = shownOf(t.shown, 'modal');
  assert.match(question!.detail!, /^Untracked: notes\.txt\.\n/);
  assert.ok(question!.detail!.includes('left as they are: the untracked repository folder libs/.'), question!.detail);
  assertCheckedOutAt(work, commits.withSubmodule);

  await t.commands.returnToPreviousBranch();
  assert.equal(git(work, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
  assert.equal(git(work, 'status', '--porcelain'), '?? notes.txt\n');
  assert.equal(git(work, 'stash', 'list'), '');
});
