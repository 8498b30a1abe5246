import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommitId } from '../../../src/extension/git/commitId';
import { GitError } from '../../../src/extension/git/gitErrors';
import { findRepositoryRoot, openGitRepository } from '../../../src/extension/git/repository';
import { commitAll, git, removeTempFolders, tempFolder, writeFiles } from './helpers/gitCli';
import { makeEveryKindOfChange, makeScenario, shallowClone } from './helpers/scenario';

after(removeTempFolders);

test('status tells staged, unstaged and untracked changes apart, and ignores ignored files', async () => {
  const { work } = makeScenario();
  const { reader } = openGitRepository(work);
  assert.deepEqual(await reader.status(), {
    staged: [],
    unstaged: [],
    untracked: [],
    unmerged: [],
    submodules: [],
    repositories: [],
  });
  makeEveryKindOfChange(work);
  git(work, 'mv', 'utils/dataset.py', 'utils/renamed.py');
  assert.deepEqual(await reader.status(), {
    staged: ['README.md', 'utils/renamed.py'],
    unstaged: ['train.py'],
    untracked: ['notes/untracked.txt'],
    unmerged: [],
    submodules: [],
    repositories: [],
  });
});

test('status lists a file name with spaces, quotes and unicode as it is', async () => {
  const { work } = makeScenario();
  writeFiles(work, { 'ré sumé "x".txt': 'x' });
  assert.deepEqual((await openGitRepository(work).reader.status()).untracked, ['ré sumé "x".txt']);
});

test('resolveCommit gives the full id of a present commit, short or full, and undefined for a missing one', async () => {
  const { work, commits } = makeScenario();
  const { reader } = openGitRepository(work);
  assert.equal(await reader.resolveCommit(parseCommitId(commits.first)), commits.first);
  assert.equal(await reader.resolveCommit(parseCommitId(commits.first.slice(0, 7))), commits.first);
  assert.equal(await reader.resolveCommit(parseCommitId(commits.remoteOnly)), undefined);
  assert.equal(await reader.resolveCommit(parseCommitId('0123456789012345678901234567890123456789')), undefined);
  const tree = git(work, 'rev-parse', 'HEAD^{tree}').trim();
  assert.equal(await reader.resolveCommit(parseCommitId(tree)), undefined, 'a tree id is not a commit');
});

test('head is a branch, a detached commit, or an unborn branch', async () => {
  const { work, commits } = makeScenario();
  const { reader } = openGitRepository(work);
  assert.deepEqual(await reader.head(), { kind: 'branch', branch: 'main', commit: commits.third });
  git(work, 'switch', '--quiet', '--detach', commits.first);
  assert.deepEqual(await reader.head(), { kind: 'detached', commit: commits.first });
  const empty = tempFolder();
  git(empty, 'init', '--quiet');
  assert.deepEqual(await openGitRepository(empty).reader.head(), { kind: 'unborn', branch: 'main' });
});

test('shallow clones are recognised', async () => {
  const scenario = makeScenario();
  assert.equal(await openGitRepository(scenario.work).reader.isShallow(), false);
  assert.equal(await openGitRepository(shallowClone(scenario)).reader.isShallow(), true);
});

test('remotes give their fetch and push URLs', async () => {
  const { work, remote } = makeScenario();
  git(work, 'remote', 'add', 'upstream', 'git@example.com:team/demo.git');
  git(work, 'remote', 'set-url', '--push', 'upstream', 'ssh://git@example.com/team/push.git');
  assert.deepEqual(await openGitRepository(work).reader.remotes(), [
    { name: 'origin', fetchUrl: remote, pushUrl: remote },
    { name: 'upstream', fetchUrl: 'git@example.com:team/demo.git', pushUrl: 'ssh://git@example.com/team/push.git' },
  ]);
});

test('worktrees are listed with their commit and branch', async () => {
  const { work, base, commits } = makeScenario();
  const linked = join(base, 'linked');
  git(work, 'worktree', 'add', '--quiet', '--detach', linked, commits.first);
  assert.deepEqual(await openGitRepository(work).reader.worktrees(), [
    { path: work, head: commits.third, branch: 'main', bare: false },
    { path: linked, head: commits.first, bare: false },
  ]);
  assert.equal(await findRepositoryRoot(linked), linked, 'a linked worktree is a repository root of its own');
});

test('files at a commit and a file as it was, bytes exact', async () => {
  const { work, commits } = makeScenario();
  const binary = Buffer.from([0, 1, 2, 255, 254, 10, 13, 0]);
  writeFileSync(join(work, 'weights.bin'), binary);
  const withBinary = commitAll(work, 'binary');
  const { reader } = openGitRepository(work);
  assert.deepEqual(
    (await reader.filesAtCommit(commits.first)).map((entry) => `${entry.type} ${entry.path}`),
    ['blob .gitignore', 'blob README.md', 'blob train.py'],
  );
  assert.equal((await reader.showFile(commits.first, 'train.py')).toString(), 'print("v1")\n');
  assert.equal((await reader.showFile(commits.second, 'train.py')).toString(), 'print("v2")\n');
  assert.deepEqual(await reader.showFile(withBinary, 'weights.bin'), binary);
  await assert.rejects(reader.showFile(commits.first, 'utils/data.py'), GitError);
});

test('diff between commits: added, modified, renamed, deleted', async () => {
  const { work, commits } = makeScenario();
  git(work, 'rm', '--quiet', 'README.md');
  const fourth = commitAll(work, 'remove readme');
  const { reader } = openGitRepository(work);
  assert.deepEqual(await reader.diffCommits(commits.first, commits.second), [
    { status: 'modified', path: 'train.py', letter: 'M' },
    { status: 'added', path: 'utils/data.py', letter: 'A' },
  ]);
  assert.deepEqual(await reader.diffCommits(commits.second, fourth), [
    { status: 'deleted', path: 'README.md', letter: 'D' },
    { status: 'renamed', path: 'utils/dataset.py', oldPath: 'utils/data.py', letter: 'R' },
  ]);
});

test('diff with the working tree counts staged, unstaged and untracked files, not ignored ones', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const changes = await openGitRepository(work).reader.diffWithWorkingTree(commits.second);
  assert.deepEqual(changes, [
    { status: 'modified', path: 'README.md', letter: 'M' },
    { status: 'modified', path: 'train.py', letter: 'M' },
    { status: 'renamed', path: 'utils/dataset.py', oldPath: 'utils/data.py', letter: 'R' },
    { status: 'untracked', path: 'notes/untracked.txt', letter: '?' },
  ]);
});

test('stashes are listed newest first with their commit, ref and message', async () => {
  const { work } = makeScenario();
  writeFiles(work, { 'train.py': 'one\n' });
  git(work, 'stash', 'push', '--quiet', '-m', 'first stash');
  writeFiles(work, { 'train.py': 'two\n' });
  git(work, 'stash', 'push', '--quiet', '-m', 'second stash');
  const stashes = await openGitRepository(work).reader.stashes();
  assert.deepEqual(
    stashes.map((stash) => [stash.ref, stash.message]),
    [
      ['stash@{0}', 'On main: second stash'],
      ['stash@{1}', 'On main: first stash'],
    ],
  );
  assert.equal(stashes[0]!.commit, git(work, 'rev-parse', 'stash@{0}').trim());
});

test('branches containing a commit, branch existence and git-checked branch names', async () => {
  const { work, commits } = makeScenario();
  const { reader } = openGitRepository(work);
  assert.deepEqual(await reader.branchesContaining(commits.second), ['feature', 'main']);
  assert.deepEqual(await reader.branchesContaining(commits.third), ['main']);
  assert.equal(await reader.branchExists('feature'), true);
  assert.equal(await reader.branchExists('nope'), false);
  assert.equal(await reader.isValidBranchName('mlflow/run-1'), true);
  assert.equal(await reader.isValidBranchName('a..b'), false);
});

test('findRepositoryRoot: the top of the repository from a subfolder; undefined outside one', async () => {
  const { work } = makeScenario();
  assert.equal(await findRepositoryRoot(join(work, 'utils')), work);
  assert.equal(await findRepositoryRoot(tempFolder()), undefined);
  assert.equal(await findRepositoryRoot(join(tempFolder(), 'missing')), undefined);
});

test('commitLog lists the history of HEAD newest first with full ids and subjects, bounded, and nothing on an unborn branch', async () => {
  const { work, commits } = makeScenario();
  const { reader } = openGitRepository(work);
  assert.deepEqual(await reader.commitLog(100), [
    { commit: commits.third, subject: 'third' },
    { commit: commits.second, subject: 'second' },
    { commit: commits.first, subject: 'first' },
  ]);
  assert.deepEqual(await reader.commitLog(2), [
    { commit: commits.third, subject: 'third' },
    { commit: commits.second, subject: 'second' },
  ]);
  git(work, 'switch', '--quiet', 'feature');
  assert.deepEqual(
    (await reader.commitLog(100)).map((entry) => entry.commit),
    [commits.feature, commits.second, commits.first],
    'the current branch, not main',
  );
  writeFiles(work, { 'x.txt': 'x' });
  git(work, 'add', 'x.txt');
  git(work, 'commit', '--quiet', '-m', 'subject with\ttab and "quotes" and ünïcode\n\nbody line');
  assert.equal((await reader.commitLog(1))[0]!.subject, 'subject with\ttab and "quotes" and ünïcode');
  const empty = tempFolder();
  git(empty, 'init', '--quiet');
  assert.deepEqual(await openGitRepository(empty).reader.commitLog(10), []);
});
