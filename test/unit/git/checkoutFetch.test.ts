import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkOutRunCommit } from '../../../src/extension/git/checkoutFlow';
import { openGitRepository } from '../../../src/extension/git/repository';
import { assertCheckedOutAt, assertNothingChanged, expectGitError, runAt } from './helpers/flowAssertions';
import { git, gitStatus, removeTempFolders, tempFolder } from './helpers/gitCli';
import { remoteAskingForCredentials, remoteThatNeverAnswers } from './helpers/httpRemotes';
import { scriptedPrompts } from './helpers/prompts';
import { makeEveryKindOfChange, makeScenario, shallowClone } from './helpers/scenario';
import { snapshot } from './helpers/snapshot';

after(removeTempFolders);

const hasObject = (root: string, commit: string) => gitStatus(root, 'cat-file', '-e', `${commit}^{commit}`).code === 0;

test('a commit only the remote has: declining Fetch and Retry changes nothing and fetches nothing', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const before = snapshot(work);
  const { prompts, asked, seen } = scriptedPrompts({ fetch: false });
  const outcome = await checkOutRunCommit(openGitRepository(work), runAt(commits.remoteOnly), prompts);
  assert.deepEqual(outcome, { kind: 'cancelled', step: 'fetch' });
  assert.deepEqual(asked, ['confirmFetch']);
  assert.deepEqual(seen.fetch && [seen.fetch.remotes, seen.fetch.shallow, seen.fetch.commit], [
    ['origin'],
    false,
    commits.remoteOnly,
  ]);
  assert.equal(hasObject(work, commits.remoteOnly), false);
  assertNothingChanged(work, before);
});

test('Fetch and Retry brings a commit of another branch, then checks it out', async () => {
  const { work, commits } = makeScenario();
  const { prompts, asked } = scriptedPrompts({ fetch: true });
  const outcome = await checkOutRunCommit(openGitRepository(work), runAt(commits.remoteOnly), prompts);
  assert.equal(outcome.kind, 'checkedOut');
  assert.deepEqual(asked, ['confirmFetch', 'fetchProgress']);
  assertCheckedOutAt(work, commits.remoteOnly);
  assert.equal(git(work, 'rev-parse', 'origin/experiment').trim(), commits.remoteOnly);
});

test('a commit no branch holds (a pull request head) arrives by its id', async () => {
  const { work, commits } = makeScenario();
  const { prompts } = scriptedPrompts({ fetch: true });
  const outcome = await checkOutRunCommit(openGitRepository(work), runAt(commits.unbranched), prompts);
  assert.equal(outcome.kind, 'checkedOut');
  assertCheckedOutAt(work, commits.unbranched);
});

test('still missing after fetching: a message naming the repository and the commit; nothing changed', async () => {
  const { work } = makeScenario();
  makeEveryKindOfChange(work);
  const before = snapshot(work);
  const missing = '0123456789abcdef0123456789abcdef01234567';
  const { prompts } = scriptedPrompts({ fetch: true, choice: 'stash' });
  await assert.rejects(
    checkOutRunCommit(openGitRepository(work), runAt(missing, 'lost'), prompts),
    expectGitError('unknownCommit', (error) => {
      assert.ok(error.message.includes(`Commit ${missing}`));
      assert.ok(error.message.includes(`not in the repository ${work} even after fetching origin`));
      assert.match(error.message, /another repository/);
    }),
  );
  assertNothingChanged(work, before);
});

test('missing and no remotes: said so, without offering a fetch', async () => {
  const { work, commits } = makeScenario();
  git(work, 'remote', 'remove', 'origin');
  const before = snapshot(work);
  const { prompts, asked } = scriptedPrompts({ fetch: true });
  await assert.rejects(
    checkOutRunCommit(openGitRepository(work), runAt(commits.remoteOnly), prompts),
    expectGitError('unknownCommit', (error) => assert.match(error.message, /has no remotes to fetch it from/)),
  );
  assert.deepEqual(asked, []);
  assertNothingChanged(work, before);
});

test('cancelling the fetch: cancelled, nothing changed', async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const before = snapshot(work);
  const { prompts } = scriptedPrompts({ fetch: true, cancelFetch: 'before' });
  assert.deepEqual(await checkOutRunCommit(openGitRepository(work), runAt(commits.remoteOnly), prompts), {
    kind: 'cancelled',
    step: 'fetch',
  });
  assert.equal(hasObject(work, commits.remoteOnly), false);
  assertNothingChanged(work, before);
});

test('cancelling a fetch that hangs on a silent remote stops git: cancelled, nothing changed', async () => {
  const { work } = makeScenario();
  const remote = await remoteThatNeverAnswers();
  try {
    git(work, 'remote', 'add', 'silent', remote.url);
    makeEveryKindOfChange(work);
    const before = snapshot(work);
    const { prompts } = scriptedPrompts({ fetch: true, cancelFetch: 300 });
    const missing = 'fedcba9876543210fedcba9876543210fedcba98';
    assert.deepEqual(await checkOutRunCommit(openGitRepository(work), runAt(missing), prompts), {
      kind: 'cancelled',
      step: 'fetch',
    });
    assertNothingChanged(work, before);
  } finally {
    await remote.close();
  }
});

test("a remote wanting credentials: git's refusal (no prompt), nothing changed", async () => {
  const { work, commits } = makeScenario();
  const remote = await remoteAskingForCredentials();
  try {
    git(work, 'remote', 'set-url', 'origin', remote.url);
    const before = snapshot(work);
    await assert.rejects(
      checkOutRunCommit(openGitRepository(work), runAt(commits.remoteOnly), scriptedPrompts({ fetch: true }).prompts),
      expectGitError('authentication', (error) =>
        assert.match(error.gitMessage ?? '', /terminal prompts disabled|could not read Username/),
      ),
    );
    assertNothingChanged(work, before);
  } finally {
    await remote.close();
  }
});

test('one unreachable remote does not hide the commit another remote brings', async () => {
  const { work, commits } = makeScenario();
  git(work, 'remote', 'add', 'broken', join(tempFolder(), 'missing.git'));
  const outcome = await checkOutRunCommit(
    openGitRepository(work),
    runAt(commits.remoteOnly),
    scriptedPrompts({ fetch: true }).prompts,
  );
  assert.equal(outcome.kind, 'checkedOut');
  assertCheckedOutAt(work, commits.remoteOnly);
  await assert.rejects(
    checkOutRunCommit(
      openGitRepository(work),
      runAt('0123456789abcdef0123456789abcdef01234567'),
      scriptedPrompts({ fetch: true }).prompts,
    ),
    expectGitError('unknownCommit', (error) => {
      assert.match(error.message, /even after fetching broken, origin/);
      assert.match(error.message, /fetching also failed: .*broken/s);
    }),
  );
});

test('a shallow clone: the question says so, and the old commit is fetched by its id', async () => {
  const scenario = makeScenario();
  const shallow = shallowClone(scenario);
  const { prompts, seen } = scriptedPrompts({ fetch: true });
  const outcome = await checkOutRunCommit(openGitRepository(shallow), runAt(scenario.commits.first), prompts);
  assert.equal(seen.fetch?.shallow, true);
  assert.equal(outcome.kind, 'checkedOut');
  assertCheckedOutAt(shallow, scenario.commits.first);
});

test('a shallow clone and an abbreviated id that no fetch can bring: the message explains both', async () => {
  const scenario = makeScenario();
  const shallow = shallowClone(scenario);
  const before = snapshot(shallow);
  await assert.rejects(
    checkOutRunCommit(
      openGitRepository(shallow),
      runAt(scenario.commits.first.slice(0, 10)),
      scriptedPrompts({ fetch: true }).prompts,
    ),
    expectGitError('unknownCommit', (error) => {
      assert.match(error.message, /abbreviated id/);
      assert.match(error.message, /shallow clone/);
    }),
  );
  assertNothingChanged(shallow, before);
});
