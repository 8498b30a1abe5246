import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { branchNameForRun, isValidBranchName, safeRefComponent } from '../../../src/extension/git/branchName';
import { git, gitStatus, removeTempFolders, tempFolder } from './helpers/gitCli';

after(removeTempFolders);

test('a run name becomes mlflow/<name>, made safe for git', () => {
  assert.equal(branchNameForRun({ runId: 'abc', runName: 'lr-0.01' }), 'mlflow/lr-0.01');
  assert.equal(branchNameForRun({ runId: 'abc', runName: 'my run: v2 [final]?' }), 'mlflow/my-run-v2-final');
  assert.equal(branchNameForRun({ runId: 'abc', runName: '../../etc..passwd.lock' }), 'mlflow/etc.passwd');
  assert.equal(
    branchNameForRun({ runId: 'abc', runName: 'ünïcødé 実験 🧪 <b>bold</b>' }),
    'mlflow/ünïcødé-実験-b-bold-b',
  );
  assert.equal(branchNameForRun({ runId: 'abc', runName: '@{-1}' }), 'mlflow/1');
  assert.equal(branchNameForRun({ runId: 'abc', runName: '-x' }), 'mlflow/x');
});

test('a name with nothing usable falls back to the run id', () => {
  assert.equal(
    branchNameForRun({ runId: '5f0b0040806143e5b6192d6558d23410', runName: '🧪 ~^:' }),
    'mlflow/5f0b0040806143e5b6192d6558d23410',
  );
  assert.equal(branchNameForRun({ runId: '', runName: '' }), 'mlflow/run');
});

test('long names are cut to 60 characters', () => {
  assert.equal(safeRefComponent('a'.repeat(200)).length, 60);
});

test('isValidBranchName follows check-ref-format', () => {
  for (const good of ['main', 'feature/x', 'mlflow/run-1', 'v1.2', 'ünï']) assert.ok(isValidBranchName(good), good);
  for (const bad of [
    '',
    '-x',
    '@',
    'a..b',
    'a b',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    'a[',
    'a\\b',
    'a@{1}',
    'a/',
    '/a',
    'a//b',
    'a.',
    '.a',
    'a/.b',
    'a.lock',
    'a/b.lock/c',
    'a\x7f',
  ]) {
    assert.ok(!isValidBranchName(bad), JSON.stringify(bad));
  }
});

test('property: every generated branch name is accepted by git check-ref-format itself', () => {
  const repo = tempFolder();
  git(repo, 'init', '--quiet');
  const names = fc
    .sample(fc.string({ unit: 'grapheme', maxLength: 40 }), 150)
    .concat(fc.sample(fc.string({ unit: 'binary', maxLength: 30 }), 150));
  for (const runName of names) {
    const branch = branchNameForRun({ runId: 'fallback', runName });
    assert.ok(isValidBranchName(branch), `${JSON.stringify(runName)} -> ${JSON.stringify(branch)}`);
    const verdict = gitStatus(repo, 'check-ref-format', `refs/heads/${branch}`);
    assert.equal(verdict.code, 0, `git refused ${JSON.stringify(branch)} made from ${JSON.stringify(runName)}`);
  }
});

test('property: isValidBranchName agrees with git on arbitrary text', () => {
  const repo = tempFolder();
  git(repo, 'init', '--quiet');
  const names = fc.sample(
    fc.string({ unit: fc.constantFrom(...'ab./-@{}~^:.lock \\*?['.split('')), maxLength: 12 }),
    300,
  );
  for (const name of names) {
    // A branch named "@" is legal but reads as HEAD everywhere; we refuse it on purpose.
    if (name === '@') continue;
    const gitSays = gitStatus(repo, 'check-ref-format', `refs/heads/${name}`).code === 0 && !name.startsWith('-');
    assert.equal(isValidBranchName(name), gitSays, JSON.stringify(name));
  }
});
