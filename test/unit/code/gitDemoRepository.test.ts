import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runSourceOf } from '../../../src/extension/git/runSource';
import { GitDocumentReader } from '../../../src/extension/code/gitDocument';
import type { Run } from '../../../src/extension/tracking/model';
import { git, removeTempFolders, tempFolder } from '../git/helpers/gitCli';
import { FIXTURES, fixtureManifest, fixtureRuns } from '../git/helpers/runs';
import { snapshot } from '../git/helpers/snapshot';
import { testContext } from './gitHelpers/commandContext';

/** The recorded runs against a clone of demo-repo.bundle, the repository they were logged from. */
let clone = '';
let runs: { run: Run; experiment: string }[] = [];

before(() => {
  clone = join(tempFolder(), 'demo-repo');
  git(tempFolder(), 'clone', '--quiet', join(FIXTURES, 'demo-repo.bundle'), clone);
  git(clone, 'remote', 'set-url', 'origin', fixtureManifest().remote);
  runs = fixtureRuns();
});
after(removeTempFolders);

test("every recorded run's source opens at its commit, titled with its run, equal to git show, with no dialog", async () => {
  const before = snapshot(clone);
  const reader = new GitDocumentReader(() => [clone]);
  const seen = new Set<string>();
  for (const { run, experiment } of runs) {
    const source = runSourceOf(run);
    const key = `${source.commit} ${source.sourceName} ${source.sourceType}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const t = testContext([clone]);
    const document = await t.commands.openRunSource(source);
    assert.ok(document, `${experiment}/${source.runName}: ${JSON.stringify(t.shown)}`);
    assert.deepEqual(t.shown, [], 'one match, commit present: nothing to ask');
    assert.equal(document.repository, clone);
    assert.equal(document.commit, source.commit);
    assert.equal(document.runName, source.runName);
    assert.equal(await reader.read(document), git(clone, 'show', `${document.commit}:${document.path}`));
  }
  assert.ok(seen.size >= 8, `only ${seen.size} distinct sources`);
  assert.deepEqual(snapshot(clone), before);
});

test('the first and the last demo-classifier runs: their commits diff as git diffs them, train.py opening', async () => {
  const classifier = runs.filter((entry) => entry.experiment === 'demo-classifier').map((entry) => entry.run);
  const first = classifier.find((run) => run.info.runName === 'baseline-adam')!;
  const last = classifier.find((run) => run.info.runName === 'best-so-far')!;
  const [older, newer] = [first, last].map(runSourceOf);
  const t = testContext([clone], { pick: ['train.py'] });
  const request = await t.commands.diffRunCommits(older!, newer!);
  const expected = git(clone, 'diff', '--name-only', older!.commit!, newer!.commit!).trim().split('\n');
  assert.deepEqual(t.shown.find((entry) => entry.kind === 'pick')?.items, expected);
  assert.equal(request?.from.commit, older!.commit);
  assert.equal(older!.commit?.slice(0, 7), '7aead6a');
  assert.deepEqual(request?.to, { commit: newer!.commit, runName: newer!.runName });
});
