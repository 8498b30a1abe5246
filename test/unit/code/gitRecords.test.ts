import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { CheckoutRecords, describeChanges } from '../../../src/extension/code/checkouts';
import type { CheckoutRecord } from '../../../src/extension/git/checkoutRecord';
import { parseCheckoutRecord } from '../../../src/extension/git/checkoutRecord';
import { assertNothingChanged, expectGitError, runAt } from '../git/helpers/flowAssertions';
import { git, removeTempFolders, writeFiles } from '../git/helpers/gitCli';
import { makeScenario } from '../git/helpers/scenario';
import { snapshot } from '../git/helpers/snapshot';
import { memoryState, shownOf, testContext } from './gitHelpers/commandContext';

after(removeTempFolders);

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const S = '5'.repeat(40);

function record(
  commit: string,
  previous: CheckoutRecord['previous'],
  stash?: string,
  repository = '/r',
): CheckoutRecord {
  return {
    repository,
    runId: `run-${commit[0]}`,
    runName: commit[0]!,
    commit,
    previous,
    stashes: stash ? [{ commit: stash, message: `m${stash[0]}` }] : [],
  };
}

const T = '7'.repeat(40);

test('records: every checkout continuing the latest extends it, its stashes kept oldest first; another repository or a moved HEAD starts a new one', async () => {
  const state = memoryState();
  const seen: boolean[] = [];
  const records = new CheckoutRecords(state, (has) => seen.push(has));
  await records.add(record(A, { kind: 'branch', branch: 'main' }, S));
  await records.add(record(B, { kind: 'detached', commit: A }));
  await records.add(record(C, { kind: 'detached', commit: B }, T));
  assert.deepEqual(records.latest(), {
    ...record(C, { kind: 'branch', branch: 'main' }),
    stashes: [
      { commit: S, message: 'm5' },
      { commit: T, message: 'm7' },
    ],
  });
  await records.add(record(A, { kind: 'detached', commit: C }, undefined, '/other'));
  await records.add(record(B, { kind: 'detached', commit: C }));
  assert.equal(records.size, 3);
  await records.dropLatest();
  await records.dropLatest();
  await records.dropLatest();
  assert.equal(records.latest(), undefined);
  assert.deepEqual(seen, [true, true, true, true, true, true, true, false]);
});

test('records: one stored before excursions (a single stash field) is read as an excursion with that stash', () => {
  const stored = {
    repository: '/r',
    runId: 'x',
    runName: 'x',
    commit: A,
    previous: { kind: 'branch', branch: 'main' },
    stash: { commit: S, message: 'old' },
  };
  assert.deepEqual(parseCheckoutRecord(stored).stashes, [{ commit: S, message: 'old' }]);
  assert.throws(
    () => parseCheckoutRecord({ ...stored, stash: undefined, stashes: [{ commit: 'HEAD', message: 'x' }] }),
    /stash is not a commit id/,
  );
});

test('records: at most 20 are kept; stored garbage is no record to extend', async () => {
  const state = memoryState();
  const records = new CheckoutRecords(state);
  for (let i = 0; i < 25; i++) await records.add(record(i % 2 ? A : B, { kind: 'branch', branch: `b${i}` }));
  assert.equal(records.size, 20);
  state.values.set('mlflow.git.checkoutRecords', [{ repository: '/r', commit: 'not hex' }]);
  await records.add(record(B, { kind: 'detached', commit: A }));
  assert.equal(records.size, 2);
  state.values.set('mlflow.git.checkoutRecords', 'not a list');
  assert.equal(records.size, 0);
});

test('Return refuses a tree with uncommitted changes and keeps the record; a broken record is named and forgotten', async () => {
  const { work, commits } = makeScenario();
  const t = testContext([work]);
  await t.commands.checkOutRun(runAt(commits.first));
  writeFiles(work, { 'train.py': 'edited after the checkout\n' });
  const before = snapshot(work);
  await assert.rejects(
    t.commands.returnToPreviousBranch(),
    expectGitError('dirtyTree', (error) => assert.match(error.message, /Nothing was changed/)),
  );
  assertNothingChanged(work, before);
  assert.equal(t.records().length, 1);

  t.state.values.set('mlflow.git.checkoutRecords', [
    { repository: work, runId: 'x', runName: 'x', commit: 'HEAD~1', previous: { kind: 'branch', branch: 'main' } },
  ]);
  await assert.rejects(
    t.commands.returnToPreviousBranch(),
    expectGitError('badCheckoutRecord', (error) => assert.match(error.message, /forgotten/)),
  );
  assert.deepEqual(t.records(), []);
  assertNothingChanged(work, before);
});

test('Create Branch for Checked-Out Run: a branch named after the run while HEAD is detached, else it says why not', async () => {
  const { work, commits } = makeScenario();
  const t = testContext([work]);
  assert.equal(await t.commands.createBranchForCheckedOutRun(), undefined);
  assert.match(shownOf(t.shown, 'inform')[0]!.message, /No run checkout/);
  await t.commands.checkOutRun(runAt(commits.second, 'dropout=0.3'));
  assert.equal(await t.commands.createBranchForCheckedOutRun(), 'mlflow/dropout-0.3');
  assert.equal(git(work, 'rev-parse', 'mlflow/dropout-0.3').trim(), commits.second);
  assert.equal(await t.commands.createBranchForCheckedOutRun(), undefined);
  assert.match(shownOf(t.shown, 'inform').at(-1)!.message, /is not detached \(it is on mlflow\/dropout-0\.3\)/);
  await t.commands.returnToPreviousBranch();
  assert.equal(git(work, 'symbolic-ref', 'HEAD').trim(), 'refs/heads/main');
});

test('the uncommitted-changes question lists the files by kind, a long list cut short', () => {
  const many = Array.from({ length: 12 }, (_, i) => `data/file-${i}.csv`);
  const text = describeChanges({
    staged: ['a.py'],
    unstaged: [],
    untracked: many,
    unmerged: [],
    submodules: [],
    repositories: [],
  });
  assert.equal(text.split('\n')[0], 'Staged: a.py.');
  assert.match(text.split('\n')[1]!, /^Untracked: 12 files \(data\/file-0\.csv, .*data\/file-7\.csv, \.\.\.\)\.$/);
});
