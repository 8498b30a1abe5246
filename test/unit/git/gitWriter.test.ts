import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { GitCommandEvent } from '../../../src/extension/git/gitRunner';
import type { FetchProgress } from '../../../src/extension/git/gitWriter';
import { openGitRepository } from '../../../src/extension/git/repository';
import { expectGitError } from './helpers/flowAssertions';
import { git, removeTempFolders, writeFiles } from './helpers/gitCli';
import { makeScenario } from './helpers/scenario';

after(removeTempFolders);

test('stashing a clean tree makes no stash and says so', async () => {
  const { work } = makeScenario();
  assert.equal(await openGitRepository(work).writer.stash('nothing'), undefined);
  assert.equal(git(work, 'stash', 'list'), '');
});

test('a stash message from a run name is one argument, whatever it holds', async () => {
  const { work } = makeScenario();
  writeFiles(work, { 'train.py': 'changed\n' });
  const stash = await openGitRepository(work).writer.stash('--all -- "; rm -rf . $(x)');
  assert.equal(stash?.message, 'On main: --all -- "; rm -rf . $(x)');
  assert.equal(git(work, 'stash', 'list', '--format=%gs').trim(), 'On main: --all -- "; rm -rf . $(x)');
});

test("fetchAll reports git's progress, and fetchCommit lists the remotes that refused", async () => {
  const { work, commits } = makeScenario();
  const { writer } = openGitRepository(work);
  const progress: FetchProgress[] = [];
  await writer.fetchAll({ onProgress: (event) => progress.push(event) });
  assert.equal(git(work, 'rev-parse', 'origin/experiment').trim(), commits.remoteOnly);
  assert.ok(progress.length > 0, 'git reported progress');
  assert.ok(progress.every((event) => event.percent >= 0 && event.percent <= 100 && event.stage !== ''));
  const refusals = await writer.fetchCommit('0123456789abcdef0123456789abcdef01234567', ['origin']);
  assert.equal(refusals.length, 1);
  assert.equal(refusals[0]!.reason, 'unknownCommit', refusals[0]!.message);
});

test('branch names are checked before git runs; worktrees need an absolute path', async () => {
  const { work } = makeScenario();
  const events: GitCommandEvent[] = [];
  const { writer } = openGitRepository(work, { onCommand: (event) => events.push(event) });
  for (const name of ['-D', 'a..b', '--orphan=x', 'x y']) {
    await assert.rejects(writer.createBranch(name), expectGitError('invalidBranchName'));
    await assert.rejects(writer.switchToBranch(name), expectGitError('invalidBranchName'));
  }
  await assert.rejects(writer.addWorktree('-b evil', 'HEAD'), /absolute path/);
  assert.deepEqual(events, []);
});

test("switching to a missing commit or branch: typed errors with git's words", async () => {
  const { work } = makeScenario();
  const { writer } = openGitRepository(work);
  await assert.rejects(
    writer.switchDetached('0123456789abcdef0123456789abcdef01234567'),
    expectGitError('unknownCommit', (error) => assert.match(error.gitMessage ?? '', /reference is not a tree/)),
  );
  await assert.rejects(writer.switchToBranch('no-such-branch'), expectGitError('unknownBranch'));
});
