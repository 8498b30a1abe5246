import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { openGitRepository } from '../../../src/extension/git/repository';
import { diffRunCommits, diffRunWithWorkingTree } from '../../../src/extension/git/runDiffs';
import { runSourceOf } from '../../../src/extension/git/runSource';
import { assertNothingChanged, expectGitError, runAt } from './helpers/flowAssertions';
import { commitAll, git, removeTempFolders, tempFolder, writeFiles } from './helpers/gitCli';
import { runWithTags } from './helpers/runs';
import { makeEveryKindOfChange, makeScenario, shallowClone } from './helpers/scenario';
import { snapshot } from './helpers/snapshot';

after(removeTempFolders);

test('Diff with Working Tree: every change since the run\'s commit, with its status; nothing touched', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  git(work, 'rm', '--quiet', '.gitignore');
  const before = snapshot(work);
  const diff = await diffRunWithWorkingTree(openGitRepository(work), runAt(commits.first, 'baseline'));
  assert.equal(diff.commit, commits.first);
  assert.deepEqual(
    diff.changes.map((change) => `${change.status} ${change.path}`),
    ['deleted .gitignore', 'modified README.md', 'modified train.py', 'added utils/dataset.py', 'untracked notes/untracked.txt', 'untracked run.log'],
  );
  assert.match(diff.message, /^6 files changed between [0-9a-f]{7} \(the run "baseline" \([^)]+\)\) and the working tree\.$/);
  assertNothingChanged(work, before);
});

test('Diff with Working Tree at the run\'s own commit with a clean tree: said to match', async () => {
  const { work, commits } = makeScenario();
  const diff = await diffRunWithWorkingTree(openGitRepository(work), runAt(commits.third));
  assert.deepEqual(diff.changes, []);
  assert.match(diff.message, /The working tree matches [0-9a-f]{7}, the commit of the run/);
});

test('Diff Commits of Runs: the files changed between their commits, renames included', async () => {
  const { work, commits } = makeScenario();
  const diff = await diffRunCommits(openGitRepository(work), runAt(commits.first, 'old'), runAt(commits.third, 'new'));
  assert.equal(diff.kind, 'changes');
  if (diff.kind !== 'changes') return;
  assert.deepEqual([diff.from, diff.to], [commits.first, commits.third]);
  assert.deepEqual(diff.changes, [
    { status: 'modified', path: 'README.md', letter: 'M' },
    { status: 'modified', path: 'train.py', letter: 'M' },
    { status: 'added', path: 'utils/dataset.py', letter: 'A' },
  ]);
  assert.equal(diff.message, `3 files changed from ${commits.first.slice(0, 7)} to ${commits.third.slice(0, 7)}.`);
});

test('two runs of the same commit (one id abbreviated): said plainly', async () => {
  const { work, commits } = makeScenario();
  const diff = await diffRunCommits(openGitRepository(work), runAt(commits.second, 'a'), runAt(commits.second.slice(0, 9).toUpperCase(), 'b'));
  assert.deepEqual(diff.kind === 'sameCommit' && [diff.commit, diff.message], [
    commits.second,
    `The run "a" (run${commits.second.slice(0, 8)}) and the run "b" (run${commits.second.slice(0, 8).toUpperCase()}) were both logged at commit ` +
      `${commits.second.slice(0, 7)}: their committed code is the same (MLflow does not record uncommitted changes).`,
  ]);
});

test('different commits with the same files: the commits differ, no file does', async () => {
  const { work, commits } = makeScenario();
  git(work, 'commit', '--quiet', '--allow-empty', '-m', 'empty');
  const empty = git(work, 'rev-parse', 'HEAD').trim();
  const diff = await diffRunCommits(openGitRepository(work), runAt(commits.third), runAt(empty));
  assert.deepEqual(diff.kind === 'changes' && [diff.changes, diff.message], [
    [],
    `The commits ${commits.third.slice(0, 7)} and ${empty.slice(0, 7)} differ, but no file does.`,
  ]);
});

test('a run without git tags, a commit of another repository, a shallow clone: each its own error', async () => {
  const scenario = makeScenario();
  const repo = openGitRepository(scenario.work);
  const untagged = runSourceOf(runWithTags({ 'mlflow.source.name': 'train.py' }, 'u1', 'untagged'));
  await assert.rejects(diffRunWithWorkingTree(repo, untagged), expectGitError('noGitCommit'));
  await assert.rejects(diffRunCommits(repo, runAt(scenario.commits.first), untagged), expectGitError('noGitCommit'));
  const other = tempFolder();
  git(other, 'init', '--quiet');
  writeFiles(other, { 'x.py': '1\n' });
  const foreign = commitAll(other, 'foreign');
  await assert.rejects(
    diffRunCommits(repo, runAt(scenario.commits.first), runAt(foreign, 'foreign')),
    expectGitError('unknownCommit', (error) => assert.ok(error.message.includes(`Commit ${foreign} of the run "foreign"`))),
  );
  await assert.rejects(
    diffRunWithWorkingTree(openGitRepository(shallowClone(scenario)), runAt(scenario.commits.second)),
    expectGitError('unknownCommit', (error) => assert.match(error.message, /shallow clone/)),
  );
});
