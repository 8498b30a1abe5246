import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { olderFirst } from '../../../src/extension/code/gitCommands';
import { GitDocumentReader } from '../../../src/extension/code/gitDocument';
import { assertNothingChanged, expectGitError, runAt } from '../git/helpers/flowAssertions';
import { git, removeTempFolders } from '../git/helpers/gitCli';
import { runWithTags } from '../git/helpers/runs';
import { makeEveryKindOfChange, makeScenario } from '../git/helpers/scenario';
import { snapshot } from '../git/helpers/snapshot';
import { shownOf, testContext } from './gitHelpers/commandContext';

after(removeTempFolders);

test("Open Source at Commit opens the run's file as it was at its commit, named after the run; nothing is checked out", async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const before = snapshot(work);
  const t = testContext([work]);
  const document = await t.commands.openRunSource(runAt(commits.second, 'lr-0.02', `${work}/utils/data.py`));
  assert.deepEqual(document, { repository: work, commit: commits.second, path: 'utils/data.py', runName: 'lr-0.02' });
  assert.deepEqual(t.opened, [document]);
  assert.equal(
    await new GitDocumentReader(() => [work]).read(document),
    git(work, 'show', `${commits.second}:utils/data.py`),
  );
  assertNothingChanged(work, before);
});

test('Open Source at Commit names what is wrong: no source tag, a source the commit lacks', async () => {
  const { work, commits } = makeScenario();
  const t = testContext([work]);
  const noSource = runAt(commits.first);
  delete noSource.sourceName;
  await assert.rejects(t.commands.openRunSource(noSource), expectGitError('noSourceName'));
  await assert.rejects(
    t.commands.openRunSource(runAt(commits.first, 'x', 'utils/data.py')),
    expectGitError('sourceNotInCommit'),
  );
  assert.deepEqual(t.opened, []);
});

test('Diff with Working Tree lists every change with its status; the chosen one opens against the working tree', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const before = snapshot(work);
  const t = testContext([work], { pick: ['utils/dataset.py'] });
  const request = await t.commands.diffRunWithWorkingTree(runAt(commits.second, 'lr-0.02'));
  const [pick] = shownOf(t.shown, 'pick');
  assert.match(pick!.message, /files changed between .* \(the run "lr-0.02"/);
  assert.deepEqual(new Set(pick!.items), new Set(['README.md', 'train.py', 'utils/dataset.py', 'notes/untracked.txt']));
  assert.deepEqual(request, {
    repository: work,
    change: { status: 'renamed', path: 'utils/dataset.py', oldPath: 'utils/data.py', letter: 'R' },
    from: { commit: commits.second, runName: 'lr-0.02' },
    to: 'workingTree',
  });
  assert.deepEqual(t.diffs, [request]);
  assertNothingChanged(work, before);
});

test('Diff with Working Tree on a tree at the commit says so and opens nothing', async () => {
  const { work, commits } = makeScenario();
  const t = testContext([work]);
  assert.equal(await t.commands.diffRunWithWorkingTree(runAt(commits.third)), undefined);
  assert.match(shownOf(t.shown, 'inform')[0]!.message, /The working tree matches/);
  assert.deepEqual(t.diffs, []);
});

test('Diff Commits of Runs: the files changed from the older run to the newer, each side named after its run', async () => {
  const { work, commits } = makeScenario();
  const t = testContext([work], { pick: ['train.py'] });
  const request = await t.commands.diffRunCommits(runAt(commits.first, 'baseline'), runAt(commits.third, 'final'));
  assert.deepEqual(new Set(shownOf(t.shown, 'pick')[0]!.items), new Set(['README.md', 'train.py', 'utils/dataset.py']));
  assert.deepEqual(request, {
    repository: work,
    change: { status: 'modified', path: 'train.py', letter: 'M' },
    from: { commit: commits.first, runName: 'baseline' },
    to: { commit: commits.third, runName: 'final' },
  });
});

test('Diff Commits of Runs: one commit is said plainly; a commit of another repository is named', async () => {
  const { work, commits } = makeScenario();
  const same = testContext([work]);
  assert.equal(await same.commands.diffRunCommits(runAt(commits.first, 'a'), runAt(commits.first, 'b')), undefined);
  assert.match(
    shownOf(same.shown, 'inform')[0]!.message,
    /were both logged at commit .*: their committed code is the same/,
  );
  const foreign = testContext([work], { modal: [undefined] });
  const elsewhere = 'f00d'.repeat(10);
  assert.equal(await foreign.commands.diffRunCommits(runAt(commits.first, 'a'), runAt(elsewhere, 'b')), undefined);
  assert.match(
    shownOf(foreign.shown, 'modal')[0]!.message,
    new RegExp(`Commit f00df00 of the run "b" .* is not in ${work}`),
  );
  assert.deepEqual(foreign.diffs, []);
});

test('Diff Commits of Runs checks both commit tags before git runs', async () => {
  const { work, commits } = makeScenario();
  const t = testContext([work]);
  await assert.rejects(
    t.commands.diffRunCommits(runAt(commits.first), runAt('--output=/tmp/x')),
    expectGitError('invalidCommitId'),
  );
  assert.deepEqual(t.gitCommands, []);
});

test('two runs are put older first', () => {
  const a = runWithTags({}, 'a', 'a');
  const b = runWithTags({}, 'b', 'b');
  a.info.startTime = 2000;
  b.info.startTime = 1000;
  assert.deepEqual(
    olderFirst([a, b]).map((run) => run.info.runId),
    ['b', 'a'],
  );
  delete a.info.startTime;
  assert.deepEqual(
    olderFirst([a, b]).map((run) => run.info.runId),
    ['b', 'a'],
    'a run without a start time goes last',
  );
});
