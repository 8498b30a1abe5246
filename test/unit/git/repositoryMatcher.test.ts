import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { matchRunToRepositories } from '../../../src/extension/git/repositoryMatcher';
import type { RepositoryMatchResult } from '../../../src/extension/git/repositoryMatcher';
import { runSourceOf } from '../../../src/extension/git/runSource';
import { runAt } from './helpers/flowAssertions';
import { commitAll, git, removeTempFolders, tempFolder, writeFiles } from './helpers/gitCli';
import { runWithTags } from './helpers/runs';
import { makeScenario, shallowClone } from './helpers/scenario';

after(removeTempFolders);

function unrelatedRepository(): string {
  const root = tempFolder();
  git(root, 'init', '--quiet');
  writeFiles(root, { 'other.py': 'x = 1\n' });
  commitAll(root, 'unrelated');
  return root;
}

function explanation(result: RepositoryMatchResult): string {
  assert.equal(result.kind, 'none');
  return result.kind === 'none' ? result.explanation : '';
}

test('by repository URL: the remote matches whatever the spelling', async () => {
  const { work, commits } = makeScenario();
  git(work, 'remote', 'set-url', 'origin', 'git@example.com:Team/Demo.git');
  const run = runAt(commits.first, 'r', 'train.py', {
    'mlflow.source.git.repoURL': 'https://user@example.com/team/demo',
  });
  assert.deepEqual(await matchRunToRepositories([unrelatedRepository(), work], run), {
    kind: 'matched',
    matches: [{ root: work, reason: 'remoteUrl', detail: 'remote origin (git@example.com:Team/Demo.git)' }],
  });
});

test('two clones of the repository URL: the one holding the commit wins; both when both hold it', async () => {
  const scenario = makeScenario();
  const fresh = join(scenario.base, 'fresh');
  git(scenario.base, 'clone', '--quiet', scenario.remote, fresh);
  const url = { 'mlflow.source.git.repoURL': pathToFileURL(scenario.remote).href };
  const newer = await matchRunToRepositories(
    [scenario.work, fresh],
    runAt(scenario.commits.remoteOnly, 'r', 'train.py', url),
  );
  assert.deepEqual(newer.kind === 'matched' && newer.matches.map((match) => [match.root, match.reason]), [
    [fresh, 'remoteUrl'],
  ]);
  const older = await matchRunToRepositories(
    [scenario.work, fresh],
    runAt(scenario.commits.first, 'r', 'train.py', url),
  );
  assert.deepEqual(older.kind === 'matched' && older.matches.map((match) => match.root), [scenario.work, fresh]);
});

test('by commit, when the run has no repository URL (most runs)', async () => {
  const { work, commits } = makeScenario();
  const result = await matchRunToRepositories([unrelatedRepository(), work], runAt(commits.second));
  assert.deepEqual(result, {
    kind: 'matched',
    matches: [{ root: work, reason: 'commit', detail: `has commit ${commits.second.slice(0, 7)}` }],
  });
});

test('a repository URL no remote matches falls back to the commit (a fork, a mirror)', async () => {
  const { work, commits } = makeScenario();
  const run = runAt(commits.first, 'r', 'train.py', {
    'mlflow.source.git.repoURL': 'https://example.com/upstream/demo.git',
  });
  const result = await matchRunToRepositories([work], run);
  assert.deepEqual(result.kind === 'matched' && result.matches.map((match) => match.reason), ['commit']);
});

test('by source path, when nothing else says where the run came from', async () => {
  const { work } = makeScenario();
  for (const sourceName of [join(work, 'train.py'), pathToFileURL(join(work, 'utils', 'dataset.py')).href]) {
    const run = runSourceOf(runWithTags({ 'mlflow.source.name': sourceName }));
    const result = await matchRunToRepositories([unrelatedRepository(), work], run);
    assert.deepEqual(result.kind === 'matched' && result.matches.map((match) => [match.root, match.reason]), [
      [work, 'sourcePath'],
    ]);
  }
});

test('a workspace folder inside a repository, and a linked worktree, are matched by their roots', async () => {
  const { work, base, commits } = makeScenario();
  const linked = join(base, 'linked');
  git(work, 'worktree', 'add', '--quiet', '--detach', linked, commits.first);
  const fromSubfolder = await matchRunToRepositories([join(work, 'utils')], runAt(commits.first));
  assert.deepEqual(fromSubfolder.kind === 'matched' && fromSubfolder.matches.map((match) => match.root), [work]);
  const fromWorktree = await matchRunToRepositories([linked], runAt(commits.first));
  assert.deepEqual(fromWorktree.kind === 'matched' && fromWorktree.matches.map((match) => match.root), [linked]);
});

test('a commit of a submodule: the submodule is the match, with its superproject named', async () => {
  const library = tempFolder();
  git(library, 'init', '--quiet');
  writeFiles(library, { 'lib.py': 'VERSION = 1\n' });
  const libraryCommit = commitAll(library, 'library');
  const superproject = tempFolder();
  git(superproject, 'init', '--quiet');
  git(superproject, '-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', library, 'lib');
  commitAll(superproject, 'add submodule');
  const result = await matchRunToRepositories([superproject], runAt(libraryCommit, 'r', 'lib.py'));
  assert.deepEqual(result, {
    kind: 'matched',
    matches: [
      {
        root: join(superproject, 'lib'),
        reason: 'commit',
        detail: `has commit ${libraryCommit.slice(0, 7)}`,
        submoduleOf: superproject,
      },
    ],
  });
});

test('no match: every folder is explained, shallow clones and non-repositories included', async () => {
  const scenario = makeScenario();
  const shallow = shallowClone(scenario);
  const plain = tempFolder();
  const missing = '0123456789abcdef0123456789abcdef01234567';
  const text = explanation(await matchRunToRepositories([plain, shallow, scenario.work], runAt(missing, 'lost run')));
  assert.match(text, /No repository in the workspace matches the run "lost run"/);
  assert.match(
    text,
    /The run records commit 0123456, no repository URL \(only `mlflow run` records one\), source "train\.py"\./,
  );
  assert.ok(text.includes(`- ${plain}: not in a git repository.`));
  assert.ok(
    text.includes(
      `- ${shallow}: commit 0123456 is not in it (a shallow clone: older commits are missing; git fetch --unshallow)`,
    ),
  );
  assert.ok(
    text.includes(
      `- ${scenario.work}: commit 0123456 is not in it, so the run comes from another repository or an unfetched commit`,
    ),
  );
  assert.match(text, /the source "train\.py" is a relative path/);
});

test('no match for a run without git tags: said plainly', async () => {
  const { work } = makeScenario();
  const run = runSourceOf(runWithTags({ 'mlflow.source.name': 'notebook.ipynb' }, 'r9', 'adhoc'));
  const text = explanation(await matchRunToRepositories([work], run));
  assert.match(
    text,
    /The run has no git tags \(mlflow\.source\.git\.commit, mlflow\.source\.git\.repoURL\): it was not logged from inside a git repository; its source is "notebook\.ipynb"\./,
  );
});

test('no match, remotes named without their credentials', async () => {
  const { work, commits } = makeScenario();
  git(work, 'remote', 'set-url', 'origin', 'https://token123@example.com/team/other.git');
  const run = runAt(commits.remoteOnly, 'r', 'train.py', {
    'mlflow.source.git.repoURL': 'https://user:pw@example.com/team/demo.git',
  });
  const text = explanation(await matchRunToRepositories([work], run));
  assert.ok(
    text.includes(
      'its remotes (origin https://***@example.com/team/other.git) are not https://***@example.com/team/demo.git',
    ),
  );
  assert.ok(!text.includes('token123') && !text.includes(':pw@'));
});

test("the run's code in a repository that is not a workspace folder: said where it is", async () => {
  const { work, commits } = makeScenario();
  const run = runAt(commits.first, 'r', join(work, 'train.py'));
  const text = explanation(await matchRunToRepositories([unrelatedRepository()], run));
  assert.ok(text.includes(`The run's source lies in the repository ${work}, which is not a workspace folder`));
});

test('no folder open, and a commit tag that is no commit id', async () => {
  const run = runSourceOf(runWithTags({ 'mlflow.source.git.commit': 'HEAD;rm -rf .' }));
  const text = explanation(await matchRunToRepositories([], run));
  assert.match(text, /No folder is open in the workspace\./);
  assert.match(text, /a commit tag that is not a commit id \("HEAD;rm -rf \."\)/);
});
