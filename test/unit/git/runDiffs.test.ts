import { execFileSync } from 'node:child_process';
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

test("Diff with Working Tree: every change since the run's commit, with its status; nothing touched", async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  git(work, 'rm', '--quiet', '.gitignore');
  const before = snapshot(work);
  const diff = await diffRunWithWorkingTree(openGitRepository(work), runAt(commits.first, 'baseline'));
  assert.equal(diff.commit, commits.first);
  assert.deepEqual(
    diff.changes.map((change) => `${change.status} ${change.path}`),
    [
      'deleted .gitignore',
      'modified README.md',
      'modified train.py',
      'added utils/dataset.py',
      'untracked notes/untracked.txt',
      'untracked run.log',
    ],
  );
  assert.match(
    diff.message,
    /^6 files changed between [0-9a-f]{7} \(the run "baseline" \([^)]+\)\) and the working tree\.$/,
  );
  assertNothingChanged(work, before);
});

test("Diff with Working Tree at the run's own commit with a clean tree: said to match", async () => {
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
  assert.equal(
    diff.message,
    `3 files changed from ${commits.first.slice(0, 7)} (old) to ${commits.third.slice(0, 7)} (new).`,
  );
});

test('issue 10.3: the newer run given first, the diff still goes from the older commit to the newer, each side its run', async () => {
  const { work, commits } = makeScenario();
  const repo = openGitRepository(work);
  const diff = await diffRunCommits(repo, runAt(commits.third, 'new'), runAt(commits.first, 'old'));
  assert.ok(diff.kind === 'changes');
  assert.deepEqual(
    [diff.from, diff.fromRun.runName, diff.to, diff.toRun.runName],
    [commits.first, 'old', commits.third, 'new'],
  );
  assert.deepEqual(
    diff.changes.map((change) => change.status),
    ['modified', 'modified', 'added'],
    'nothing shows as deleted',
  );
  // Neither an ancestor of the other (feature branched from second): the earlier commit time is older.
  const committedAt = (date: string) => ({ ...process.env, GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date });
  execFileSync('git', ['commit', '--quiet', '--allow-empty', '-m', 'earlier, on main'], {
    cwd: work,
    env: committedAt('2001-01-01T00:00:00Z'),
  });
  const earlier = git(work, 'rev-parse', 'HEAD').trim();
  const forked = await diffRunCommits(repo, runAt(commits.feature, 'feature'), runAt(earlier, 'main-earlier'));
  assert.ok(forked.kind === 'changes');
  assert.deepEqual([forked.fromRun.runName, forked.toRun.runName], ['main-earlier', 'feature']);
});

test('two runs of the same commit (one id abbreviated): said plainly', async () => {
  const { work, commits } = makeScenario();
  const diff = await diffRunCommits(
    openGitRepository(work),
    runAt(commits.second, 'a'),
    runAt(commits.second.slice(0, 9).toUpperCase(), 'b'),
  );
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
    `The commits ${commits.third.slice(0, 7)} (lr-0.01) and ${empty.slice(0, 7)} (lr-0.01) differ, but no file does.`,
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
    expectGitError('unknownCommit', (error) =>
      assert.ok(error.message.includes(`Commit ${foreign} of the run "foreign"`)),
    ),
  );
  await assert.rejects(
    diffRunWithWorkingTree(openGitRepository(shallowClone(scenario)), runAt(scenario.commits.second)),
    expectGitError('unknownCommit', (error) => assert.match(error.message, /shallow clone/)),
  );
});
