import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GitError } from '../../../src/extension/git/gitErrors';
import { describeRun, requireRunCommit, runSourceOf } from '../../../src/extension/git/runSource';
import { fixtureRuns, runWithTags } from './helpers/runs';

test('every recorded run with tag files yields the commit and source name its manifest lists', () => {
  const runs = fixtureRuns();
  // Every run of the manifest but the two of old-experiment (deleted: its folder is not in mlruns/).
  assert.equal(runs.length, 187);
  for (const { run, manifest } of runs) {
    const source = runSourceOf(run);
    assert.equal(source.runId, manifest.run_id);
    assert.equal(source.commit, manifest.git_commit ?? undefined);
    assert.equal(source.sourceName, manifest.source_name ?? undefined);
    assert.equal(requireRunCommit(source), manifest.git_commit);
  }
});

test('only the project runs carry a repository URL (as MLflow documents)', () => {
  const withUrl = fixtureRuns().filter(({ run }) => runSourceOf(run).repoUrl !== undefined);
  assert.deepEqual(new Set(withUrl.map(({ experiment }) => experiment)), new Set(['project-runs']));
  for (const { run } of withUrl) {
    const source = runSourceOf(run);
    assert.equal(source.repoUrl, 'https://example.com/team/demo.git');
    assert.equal(source.sourceType, 'PROJECT');
    assert.equal(source.sourceName, 'file:///home/user/demo-repo');
  }
});

test('tag values are trimmed and empty ones count as absent', () => {
  const source = runSourceOf(
    runWithTags({
      'mlflow.source.git.commit': ' 9b64e09\n',
      'mlflow.source.git.branch': '  ',
      'mlflow.source.name': 'train.py',
    }),
  );
  assert.equal(source.commit, '9b64e09');
  assert.equal(source.branch, undefined);
  assert.equal(requireRunCommit(source), '9b64e09');
});

test('a run without git tags gets a message saying its code is unknown', () => {
  const source = runSourceOf(runWithTags({ 'mlflow.source.name': 'notebook' }, 'r1', 'quick test'));
  assert.throws(
    () => requireRunCommit(source),
    (error: unknown) =>
      error instanceof GitError &&
      error.reason === 'noGitCommit' &&
      /run "quick test" \(r1\) has no mlflow\.source\.git\.commit tag/.test(error.message),
  );
});

test('a commit tag that is not a commit id is refused and named', () => {
  const source = runSourceOf(runWithTags({ 'mlflow.source.git.commit': '--upload-pack=touch x' }, 'r2', 'evil'));
  assert.throws(
    () => requireRunCommit(source),
    (error: unknown) =>
      error instanceof GitError && error.reason === 'invalidCommitId' && /of the run "evil" \(r2\)/.test(error.message),
  );
});

test('a run without a name is described by its id', () => {
  assert.equal(describeRun({ runId: 'r3', runName: '' }), 'run r3');
  assert.equal(
    describeRun(runSourceOf(runWithTags({ 'mlflow.runName': 'from-tag' }, 'r4', ''))),
    'run "from-tag" (r4)',
  );
});
