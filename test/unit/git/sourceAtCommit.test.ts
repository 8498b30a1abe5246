import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openGitRepository } from '../../../src/extension/git/repository';
import { runSourceOf } from '../../../src/extension/git/runSource';
import { readRunSourceAtCommit } from '../../../src/extension/git/sourceAtCommit';
import { sourcePathCandidates } from '../../../src/extension/git/sourcePath';
import { assertNothingChanged, expectGitError, runAt } from './helpers/flowAssertions';
import { commitAll, git, removeTempFolders, tempFolder, writeFiles } from './helpers/gitCli';
import { runWithTags } from './helpers/runs';
import { makeEveryKindOfChange, makeScenario, shallowClone } from './helpers/scenario';
import { snapshot } from './helpers/snapshot';

after(removeTempFolders);

test('source path candidates: relative, absolute here, absolute elsewhere, file URI, Windows', () => {
  assert.deepEqual(sourcePathCandidates('train.py', '/repo').paths, ['train.py']);
  assert.deepEqual(sourcePathCandidates('./src/train.py', '/repo').paths, ['src/train.py', 'train.py']);
  assert.deepEqual(sourcePathCandidates('/repo/src/train.py', '/repo').paths, [
    'src/train.py',
    'repo/src/train.py',
    'train.py',
  ]);
  assert.deepEqual(sourcePathCandidates('/home/user/demo-repo/train.py', '/tmp/clone').paths, [
    'home/user/demo-repo/train.py',
    'user/demo-repo/train.py',
    'demo-repo/train.py',
    'train.py',
  ]);
  assert.deepEqual(sourcePathCandidates('file:///repo/a%20b.py', '/repo').paths, ['a b.py', 'repo/a b.py']);
  assert.deepEqual(sourcePathCandidates('C:\\Users\\me\\proj\\train.py', '/repo').paths.slice(-2), [
    'proj/train.py',
    'train.py',
  ]);
  assert.deepEqual(sourcePathCandidates('file:///repo', '/repo'), { paths: [], fileName: '', isRepositoryRoot: true });
});

test('source path candidates never climb out of the repository', () => {
  for (const name of ['../../etc/passwd', '/etc/../../passwd', 'a/../../../b.py', '..']) {
    for (const path of sourcePathCandidates(name, '/repo').paths) {
      assert.ok(!path.split('/').includes('..') && !path.startsWith('/'), `${name} -> ${path}`);
    }
  }
});

test("the source as it was at the run's commit, without touching the working tree", async () => {
  const { work, commits } = makeScenario();
  makeEveryKindOfChange(work);
  const before = snapshot(work);
  const repo = openGitRepository(work);
  for (const [commit, expected] of [
    [commits.first, 'print("v1")\n'],
    [commits.second, 'print("v2")\n'],
  ] as const) {
    const source = await readRunSourceAtCommit(repo, runAt(commit));
    assert.deepEqual(
      { ...source, content: source.content.toString() },
      { commit, path: 'train.py', foundBy: 'path', content: expected },
    );
  }
  assertNothingChanged(work, before);
});

test('an absolute source path inside the repository, and one logged on another machine', async () => {
  const { work, commits } = makeScenario();
  const repo = openGitRepository(work);
  const here = await readRunSourceAtCommit(repo, runAt(commits.second, 'r', join(work, 'utils', 'data.py')));
  assert.deepEqual([here.path, here.foundBy], ['utils/data.py', 'path']);
  const elsewhere = await readRunSourceAtCommit(repo, runAt(commits.third, 'r', '/home/someone/demo/utils/dataset.py'));
  assert.deepEqual(
    [elsewhere.path, elsewhere.foundBy, elsewhere.content.toString()],
    ['utils/dataset.py', 'pathTail', 'DATA = 1\n'],
  );
  const uri = await readRunSourceAtCommit(repo, runAt(commits.first, 'r', pathToFileURL(join(work, 'README.md')).href));
  assert.equal(uri.content.toString(), '# demo\n');
});

test('a relative name logged from a subfolder is found by its file name, when only one file has it', async () => {
  const { work, commits } = makeScenario();
  const found = await readRunSourceAtCommit(openGitRepository(work), runAt(commits.second, 'r', 'data.py'));
  assert.deepEqual([found.path, found.foundBy], ['utils/data.py', 'fileName']);
  writeFiles(work, { 'scripts/data.py': 'one\n', 'tools/data.py': 'two\n' });
  const twice = commitAll(work, 'two data.py');
  await assert.rejects(
    readRunSourceAtCommit(openGitRepository(work), runAt(twice, 'r', 'data.py')),
    expectGitError('ambiguousSource', (error) => {
      assert.deepEqual(error.paths, ['scripts/data.py', 'tools/data.py']);
      assert.match(error.message, /could be any of 2 files/);
    }),
  );
});

test('a source that is no file of the commit, and a notebook', async () => {
  const { work, commits } = makeScenario();
  const repo = openGitRepository(work);
  await assert.rejects(
    readRunSourceAtCommit(repo, runAt(commits.first, 'r', 'utils/data.py')),
    expectGitError('sourceNotInCommit', (error) =>
      assert.match(error.message, /names no file of commit [0-9a-f]{7} in /),
    ),
  );
  await assert.rejects(
    readRunSourceAtCommit(repo, runAt(commits.first, 'r', '/Users/me/analysis', { 'mlflow.source.type': 'NOTEBOOK' })),
    expectGitError('sourceNotInCommit', (error) => assert.match(error.message, /logged from a notebook/)),
  );
});

test('a run without a source name, or without git tags', async () => {
  const { work, commits } = makeScenario();
  const repo = openGitRepository(work);
  await assert.rejects(
    readRunSourceAtCommit(repo, runSourceOf(runWithTags({ 'mlflow.source.git.commit': commits.first }))),
    expectGitError('noSourceName'),
  );
  await assert.rejects(
    readRunSourceAtCommit(repo, runSourceOf(runWithTags({ 'mlflow.source.name': 'train.py' }))),
    expectGitError('noGitCommit'),
  );
});

test("a commit of another repository, and one beyond a shallow clone's history", async () => {
  const scenario = makeScenario();
  const other = tempFolder();
  git(other, 'init', '--quiet');
  writeFiles(other, { 'train.py': 'elsewhere\n' });
  const foreign = commitAll(other, 'foreign');
  await assert.rejects(
    readRunSourceAtCommit(openGitRepository(scenario.work), runAt(foreign, 'foreign run')),
    expectGitError('unknownCommit', (error) =>
      assert.ok(
        error.message.includes(`Commit ${foreign} of the run "foreign run"`) && error.message.includes(scenario.work),
      ),
    ),
  );
  const shallow = shallowClone(scenario);
  await assert.rejects(
    readRunSourceAtCommit(openGitRepository(shallow), runAt(scenario.commits.first)),
    expectGitError('unknownCommit', (error) =>
      assert.match(error.message, /it is a shallow clone, so older commits are missing/),
    ),
  );
});

test("a source inside a submodule: named, with the submodule's commit", async () => {
  const library = tempFolder();
  git(library, 'init', '--quiet');
  writeFiles(library, { 'model.py': 'MODEL = 1\n' });
  const libraryCommit = commitAll(library, 'library');
  const superproject = tempFolder();
  git(superproject, 'init', '--quiet');
  git(superproject, '-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', library, 'vendor/lib');
  const commit = commitAll(superproject, 'add submodule');
  await assert.rejects(
    readRunSourceAtCommit(openGitRepository(superproject), runAt(commit, 'r', 'vendor/lib/model.py')),
    expectGitError('insideSubmodule', (error) =>
      assert.ok(
        error.message.includes(`inside the submodule vendor/lib, which was at commit ${libraryCommit.slice(0, 7)}`),
      ),
    ),
  );
});

test('a project run (mlflow run): its MLproject file', async () => {
  const { work } = makeScenario();
  writeFiles(work, { MLproject: 'name: demo\n' });
  const commit = commitAll(work, 'project');
  const run = runAt(commit, 'project-run', 'file:///home/user/demo-repo', { 'mlflow.source.type': 'PROJECT' });
  const found = await readRunSourceAtCommit(openGitRepository(work), run);
  assert.deepEqual([found.path, found.foundBy, found.content.toString()], ['MLproject', 'projectFile', 'name: demo\n']);
});
