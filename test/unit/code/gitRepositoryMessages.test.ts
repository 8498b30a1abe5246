import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertNothingChanged, runAt } from '../git/helpers/flowAssertions';
import { commitAll, git, removeTempFolders, tempFolder, writeFiles } from '../git/helpers/gitCli';
import { makeScenario, shallowClone } from '../git/helpers/scenario';
import { snapshot } from '../git/helpers/snapshot';
import { shownOf, testContext } from './gitHelpers/commandContext';

after(removeTempFolders);

test('a shallow clone lacking the commit is named as one in the explanation; cancelling changes nothing', async () => {
  const scenario = makeScenario();
  const shallow = shallowClone(scenario);
  const before = snapshot(shallow);
  const t = testContext([shallow], { modal: [undefined] });
  assert.equal(await t.commands.checkOutRun(runAt(scenario.commits.first)), undefined);
  const [explanation] = shownOf(t.shown, 'modal');
  assert.match(explanation!.detail!, /a shallow clone: older commits are missing; git fetch --unshallow/);
  assertNothingChanged(shallow, before);
});

test('a run whose code lies in a repository that is no workspace folder is told where it is', async () => {
  const { work, commits } = makeScenario();
  const other = tempFolder();
  git(other, 'init', '--quiet');
  writeFiles(other, { 'notes.md': 'x' });
  commitAll(other, 'other');
  const t = testContext([other]);
  assert.equal(await t.commands.openRunSource(runAt(commits.first, 'r', join(work, 'train.py'))), undefined);
  const [explanation] = shownOf(t.shown, 'modal');
  assert.match(explanation!.detail!, new RegExp(`lies in the repository ${work}, which is not a workspace folder`));
  assert.deepEqual(t.opened, []);
});

test('a run without git tags is told so, before any git command', async () => {
  const { work } = makeScenario();
  const t = testContext([work]);
  const run = runAt('x');
  delete run.commit;
  await assert.rejects(t.commands.openRunSource(run), /has no mlflow\.source\.git\.commit tag/);
  assert.deepEqual(t.gitCommands, []);
});

test('a workspace folder that is no repository, and an empty workspace, are explained', async () => {
  const { commits } = makeScenario();
  const plain = tempFolder();
  const t = testContext([plain]);
  assert.equal(await t.commands.openRunSource(runAt(commits.first)), undefined);
  assert.match(shownOf(t.shown, 'modal')[0]!.detail!, new RegExp(`${plain}: not in a git repository`));
  const empty = testContext([]);
  assert.equal(await empty.commands.openRunSource(runAt(commits.first)), undefined);
  assert.match(shownOf(empty.shown, 'modal')[0]!.detail!, /No folder is open in the workspace/);
});

test('a source inside a submodule is named with the submodule to open it from', async () => {
  const { work, base } = makeScenario();
  const library = join(base, 'library');
  git(base, 'init', '--quiet', library);
  writeFiles(library, { 'lib/model.py': 'MODEL = 1\n' });
  commitAll(library, 'library');
  git(work, '-c', 'protocol.file.allow=always', 'submodule', '--quiet', 'add', library, 'vendor/library');
  const withSubmodule = commitAll(work, 'add submodule');
  const t = testContext([work]);
  await assert.rejects(
    t.commands.openRunSource(runAt(withSubmodule, 'sub', 'vendor/library/lib/model.py')),
    /inside the submodule vendor\/library/,
  );
});
