import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitError } from '../../../src/extension/git/gitErrors';
import type { GitCommandEvent } from '../../../src/extension/git/gitRunner';
import { GitRunner } from '../../../src/extension/git/gitRunner';
import { MlflowCancelledError } from '../../../src/extension/tracking/errors';
import { git, removeTempFolders, tempFolder } from './helpers/gitCli';
import { remoteAskingForCredentials, remoteThatNeverAnswers } from './helpers/httpRemotes';
import { makeScenario } from './helpers/scenario';

after(removeTempFolders);

function isGitError(reason: string) {
  return (error: unknown) => {
    assert.ok(error instanceof GitError, `not a GitError: ${String(error)}`);
    assert.equal(error.reason, reason, error.message);
    return true;
  };
}

const injections: [string, string[]][] = [
  ['--upload-pack', ['fetch', '--upload-pack=touch pwned', 'origin']],
  ['--upload-pack as two arguments', ['ls-remote', '--upload-pack', 'touch pwned', 'origin']],
  ['-c core.sshCommand', ['-c', 'core.sshCommand=touch pwned', 'fetch', 'origin']],
  ['-c protocol.ext.allow', ['-c', 'protocol.ext.allow=always', 'fetch', 'ext::sh -c touch% pwned']],
  ['clone -u', ['clone', '-u', 'touch pwned', 'origin', 'copy']],
  ['-c core.pager', ['-c', 'core.pager=touch pwned', 'log']],
];

for (const [name, args] of injections) {
  test(`the runner refuses ${name} before git starts`, async () => {
    const { work } = makeScenario();
    const events: GitCommandEvent[] = [];
    await assert.rejects(
      new GitRunner(work, { onCommand: (event) => events.push(event) }).text(args),
      isGitError('unsafeArgument'),
    );
    assert.equal(existsSync(join(work, 'pwned')), false);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.exitCode, undefined, 'git never ran');
  });
}

test('abbreviated options (which could sneak past the checks) are refused by git', async () => {
  const { work } = makeScenario();
  await assert.rejects(new GitRunner(work).text(['fetch', '--upload-pa=touch pwned', 'origin']), GitError);
  assert.equal(existsSync(join(work, 'pwned')), false);
});

test("outside a repository: notARepository, with git's own words", async () => {
  const folder = tempFolder();
  await assert.rejects(new GitRunner(folder).text(['status']), (error: unknown) => {
    assert.ok(error instanceof GitError && error.reason === 'notARepository');
    assert.match(error.gitMessage ?? '', /not a git repository/);
    assert.equal(error.errorCode, 'GIT_NOT_A_REPOSITORY');
    return true;
  });
});

test('a lock file left by another git process: lockFile', async () => {
  const { work } = makeScenario();
  writeFileSync(join(work, 'train.py'), 'changed\n');
  writeFileSync(join(work, '.git', 'index.lock'), '');
  // git stash fails silently on a held lock; the error still names it.
  await assert.rejects(new GitRunner(work).text(['stash', 'push', '--include-untracked']), isGitError('lockFile'));
  // Other commands say so themselves.
  await assert.rejects(new GitRunner(work).text(['switch', '--detach', 'HEAD~1']), (error: unknown) => {
    assert.ok(error instanceof GitError && error.reason === 'lockFile');
    assert.match(error.gitMessage ?? '', /index\.lock': File exists/);
    return true;
  });
});

test('the environment: GIT_* variables of the extension host do not reach git', async () => {
  const { work } = makeScenario();
  const saved = { GIT_DIR: process.env.GIT_DIR, GIT_WORK_TREE: process.env.GIT_WORK_TREE };
  process.env.GIT_DIR = '/nonexistent/.git';
  process.env.GIT_WORK_TREE = '/nonexistent';
  try {
    const { stdout } = await new GitRunner(work).text(['rev-parse', '--show-toplevel']);
    assert.equal(stdout.trim(), work);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});

test('a remote asking for credentials fails at once (authentication) instead of waiting for a prompt', async () => {
  const { work } = makeScenario();
  const remote = await remoteAskingForCredentials();
  try {
    git(work, 'remote', 'add', 'private', remote.url);
    await assert.rejects(new GitRunner(work).text(['fetch', 'private']), isGitError('authentication'));
  } finally {
    await remote.close();
  }
});

test('a remote that never answers: stopped by the idle timeout, or by cancelling', async () => {
  const { work } = makeScenario();
  const remote = await remoteThatNeverAnswers();
  try {
    git(work, 'remote', 'add', 'silent', remote.url);
    await assert.rejects(new GitRunner(work, { idleTimeoutMs: 300 }).text(['fetch', 'silent']), isGitError('timeout'));
    const controller = new AbortController();
    const fetching = new GitRunner(work).text(['fetch', 'silent'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(fetching, MlflowCancelledError);
    await assert.rejects(new GitRunner(work).text(['status'], { signal: controller.signal }), MlflowCancelledError);
  } finally {
    await remote.close();
  }
});

test('an unreachable remote: remoteUnreachable', async () => {
  const { work } = makeScenario();
  git(work, 'remote', 'add', 'gone', join(tempFolder(), 'missing.git'));
  await assert.rejects(new GitRunner(work).text(['fetch', 'gone']), isGitError('remoteUnreachable'));
});

test('git missing from the PATH: gitNotFound', async () => {
  const { work } = makeScenario();
  const saved = process.env.PATH;
  process.env.PATH = tempFolder();
  try {
    await assert.rejects(new GitRunner(work).text(['status']), isGitError('gitNotFound'));
  } finally {
    process.env.PATH = saved;
  }
});

test('every command is reported with its arguments and exit code', async () => {
  const { work } = makeScenario();
  const events: GitCommandEvent[] = [];
  const runner = new GitRunner(work, { onCommand: (event) => events.push(event) });
  await runner.text(['rev-parse', 'HEAD']);
  await runner.text(['rev-parse', '--verify', '--quiet', 'nope'], { acceptExitCodes: [1] });
  await assert.rejects(runner.text(['rev-parse', '--verify', 'nope']));
  assert.deepEqual(
    events.map((event) => [event.args.join(' '), event.exitCode, event.repository]),
    [
      ['rev-parse HEAD', 0, work],
      ['rev-parse --verify --quiet nope', 1, work],
      ['rev-parse --verify nope', 128, work],
    ],
  );
});
