import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openGitRepository } from '../../../src/extension/git/repository';
import { matchRunToRepositories } from '../../../src/extension/git/repositoryMatcher';
import { diffRunCommits } from '../../../src/extension/git/runDiffs';
import type { RunSource } from '../../../src/extension/git/runSource';
import { runSourceOf } from '../../../src/extension/git/runSource';
import { readRunSourceAtCommit } from '../../../src/extension/git/sourceAtCommit';
import { git, removeTempFolders, tempFolder } from './helpers/gitCli';
import { FIXTURES, fixtureManifest, fixtureRuns } from './helpers/runs';

/** The recorded runs against a clone of the repository they were logged from (demo-repo.bundle). */
let clone = '';
let runs: { source: RunSource; experiment: string }[] = [];

before(() => {
  clone = join(tempFolder(), 'demo-repo');
  git(tempFolder(), 'clone', '--quiet', join(FIXTURES, 'demo-repo.bundle'), clone);
  git(clone, 'remote', 'set-url', 'origin', fixtureManifest().remote);
  runs = fixtureRuns().map(({ run, experiment }) => ({ source: runSourceOf(run), experiment }));
});
after(removeTempFolders);

test('the bundle holds the four recorded commits', async () => {
  const { reader } = openGitRepository(clone);
  const ids = fixtureManifest().commits;
  assert.deepEqual(
    ids.map((id) => id.slice(0, 7)),
    ['7aead6a', 'f3b9b86', '2c3a103', '9b64e09'],
  );
  for (const id of ids) assert.equal(await reader.filesAtCommit(id).then((files) => files.length > 0), true);
});

test('every recorded run is matched to the clone: project runs by their URL, the others by commit', async () => {
  const other = tempFolder();
  const reasons = new Map<string, Set<string>>();
  const distinct = new Map(
    runs.map((run) => [`${run.source.commit} ${run.source.repoUrl ?? ''} ${run.source.sourceName}`, run]),
  );
  for (const { source, experiment } of distinct.values()) {
    const result = await matchRunToRepositories([other, clone], source);
    assert.equal(result.kind, 'matched', `${experiment}: ${result.kind === 'none' ? result.explanation : ''}`);
    if (result.kind !== 'matched') continue;
    assert.deepEqual(
      result.matches.map((match) => match.root),
      [clone],
    );
    reasons.set(
      experiment,
      new Set([...(reasons.get(experiment) ?? []), ...result.matches.map((match) => match.reason)]),
    );
  }
  assert.deepEqual(reasons.get('project-runs'), new Set(['remoteUrl']));
  assert.deepEqual(reasons.get('demo-classifier'), new Set(['commit']));
  assert.equal(runs.length, 187, 'every run of the manifest but the two of the deleted old-experiment');
});

test("each recorded run's source opens at its commit, equal to git's own copy", async () => {
  const repo = openGitRepository(clone);
  const seen = new Set<string>();
  for (const { source } of runs) {
    const key = `${source.commit} ${source.sourceName} ${source.sourceType}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const found = await readRunSourceAtCommit(repo, source);
    assert.equal(found.commit, source.commit);
    assert.equal(found.content.toString(), git(clone, 'show', `${found.commit}:${found.path}`), key);
    if (source.sourceType === 'PROJECT') assert.deepEqual([found.path, found.foundBy], ['MLproject', 'projectFile']);
    else if (source.sourceName?.startsWith('/'))
      assert.deepEqual([found.path, found.foundBy], ['train.py', 'pathTail']);
    else assert.deepEqual([found.path, found.foundBy], [source.sourceName, 'path']);
  }
  assert.ok(seen.size >= 8, `only ${seen.size} distinct sources`);
});

test('diffing the first and the last demo-classifier commits lists what git lists', async () => {
  const classifier = runs.filter((run) => run.experiment === 'demo-classifier').map((run) => run.source);
  const first = classifier.find((run) => run.commit?.startsWith('7aead6a'))!;
  const last = classifier.find((run) => run.commit?.startsWith('9b64e09'))!;
  const diff = await diffRunCommits(openGitRepository(clone), first, last);
  assert.equal(diff.kind, 'changes');
  const expected = git(clone, 'diff', '--name-status', `${first.commit}`, `${last.commit}`)
    .trim()
    .split('\n')
    .map((line) => line.replace('\t', ' '));
  assert.deepEqual(
    diff.kind === 'changes' && diff.changes.map((change) => `${change.letter} ${change.path}`),
    expected,
  );
  const twin = classifier.filter((run) => run.commit === last.commit)[1]!;
  assert.equal((await diffRunCommits(openGitRepository(clone), last, twin)).kind, 'sameCommit');
});
