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

/** Git's own verdict on `refs/heads/<name>` (check-ref-format needs no repository, but runs in one here). */
function gitAccepts(repo: string, name: string): boolean {
  return gitStatus(repo, 'check-ref-format', `refs/heads/${name}`).code === 0;
}

// Run names that reach each rule of safeRefComponent: dots and `.lock` at each end, the 60-character
// cut landing on a dot or inside a surrogate pair, combining marks (NFC), controls and `@{`.
const TRICKY_RUN_NAMES = [
  '.lock',
  'a.lock',
  'x.lock.lock',
  'a.lock.',
  '..',
  '...a...',
  '-',
  '.',
  '/',
  'a/b',
  '@',
  '@{',
  'a@{b}',
  'e\u0301t\u00e9',
  'tab\there',
  'nul\0byte',
  'del\x7f',
  '\u00a0nbsp\u2028line',
  'a'.repeat(59) + '.b',
  'a'.repeat(59) + '-b',
  'a'.repeat(55) + '.lock',
  '🧪'.repeat(70),
  'a'.repeat(59) + '🧪',
  '\ud800lone surrogate',
];

// Each generated case spawns git once: a few dozen find what the rules get wrong; the rest of the
// cases check the same names against isValidBranchName without git (which the hand-picked list
// above shows to agree with git).
test('property: every generated branch name is accepted by git check-ref-format itself', () => {
  const repo = tempFolder();
  git(repo, 'init', '--quiet');
  for (const runName of TRICKY_RUN_NAMES) {
    const branch = branchNameForRun({ runId: 'fallback', runName });
    assert.ok(gitAccepts(repo, branch), `git refused ${JSON.stringify(branch)} made from ${JSON.stringify(runName)}`);
  }
  const runNames = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
  );
  fc.assert(
    fc.property(runNames, (runName) => {
      const branch = branchNameForRun({ runId: 'fallback', runName });
      assert.ok(gitAccepts(repo, branch), `git refused ${JSON.stringify(branch)} made from ${JSON.stringify(runName)}`);
    }),
    { numRuns: 40 },
  );
  fc.assert(
    fc.property(runNames, (runName) => {
      const branch = branchNameForRun({ runId: 'fallback', runName });
      assert.ok(isValidBranchName(branch), `${JSON.stringify(runName)} -> ${JSON.stringify(branch)}`);
    }),
    { numRuns: 2000 },
  );
});

// Names where each rule of check-ref-format decides; `@` alone is legal but reads as HEAD
// everywhere, so it is refused on purpose (and checked apart).
const TRICKY_BRANCH_NAMES = [
  'a',
  'a.b',
  'a/b',
  'a.lock/b',
  'a/b.lock',
  'a.lockx',
  'a..b',
  'a/.b',
  '.a',
  'a.',
  'a/',
  '/a',
  'a//b',
  '@',
  '@{',
  'a@{',
  'a@b',
  '@/a',
  'a{}',
  '-a',
  'a-',
  'a b',
  'a~',
  'a^',
  'a:',
  'a?',
  'a*',
  'a[',
  'a\\',
  'a\x7f',
  'a\x01',
  'ünï',
  '.lock',
  'a/.lock/b',
];

test('property: isValidBranchName agrees with git on arbitrary text', () => {
  const repo = tempFolder();
  git(repo, 'init', '--quiet');
  const agree = (name: string) => {
    const gitSays = gitAccepts(repo, name) && !name.startsWith('-') && name !== '@';
    assert.equal(isValidBranchName(name), gitSays, JSON.stringify(name));
  };
  for (const name of TRICKY_BRANCH_NAMES) agree(name);
  assert.equal(gitAccepts(repo, '@'), true, 'git accepts "@", which isValidBranchName refuses on purpose');
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...'ab./-@{}~^:.lock \\*?['.split('')), maxLength: 12 }), agree),
    { numRuns: 80 },
  );
});
