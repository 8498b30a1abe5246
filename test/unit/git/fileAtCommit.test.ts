import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRepositoryPath, readFileAtCommit } from '../../../src/extension/git/fileAtCommit';
import type { GitCommandEvent } from '../../../src/extension/git/gitRunner';
import { openGitRepository } from '../../../src/extension/git/repository';
import { expectGitError } from './helpers/flowAssertions';
import { removeTempFolders } from './helpers/gitCli';
import { makeScenario } from './helpers/scenario';

after(removeTempFolders);

test('both sides of a diff: the file at each commit, undefined where it does not exist', async () => {
  const { work, commits } = makeScenario();
  const repo = openGitRepository(work);
  assert.equal((await readFileAtCommit(repo, commits.second, 'utils/data.py'))?.toString(), 'DATA = 1\n');
  assert.equal(await readFileAtCommit(repo, commits.first, 'utils/data.py'), undefined, 'added later');
  assert.equal(await readFileAtCommit(repo, commits.third, 'utils/data.py'), undefined, 'renamed away');
  assert.equal(
    (await readFileAtCommit(repo, commits.first.slice(0, 7).toUpperCase(), 'train.py'))?.toString(),
    'print("v1")\n',
  );
});

test('a commit or path taken from a document URI is checked before git runs', async () => {
  const { work, commits } = makeScenario();
  const events: GitCommandEvent[] = [];
  const repo = openGitRepository(work, { onCommand: (event) => events.push(event) });
  await assert.rejects(readFileAtCommit(repo, '--output=/tmp/x', 'train.py'), expectGitError('invalidCommitId'));
  for (const path of ['', '../outside', 'a/../../b', '/etc/passwd', 'a//b', './train.py', 'a\0b', 'C:/x']) {
    await assert.rejects(
      readFileAtCommit(repo, commits.first, path),
      expectGitError('invalidPath'),
      JSON.stringify(path),
    );
  }
  assert.deepEqual(events, []);
  assert.equal(checkRepositoryPath('utils/dataset.py'), 'utils/dataset.py');
});
