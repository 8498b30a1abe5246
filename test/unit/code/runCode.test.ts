import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { readFileAtCommit } from '../../../src/extension/git/fileAtCommit';
import { openGitRepository } from '../../../src/extension/git/repository';
import { RunCodeLookup } from '../../../src/extension/code/runCode';
import { openFileStore } from '../../../src/extension/tracking/local/fileStore';
import type { Run } from '../../../src/extension/tracking/model';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';
import { git, removeTempFolders, tempFolder } from '../git/helpers/gitCli';
import { aRun } from '../../support/runBuilder';

const baselineAdam = 'd389a863ef9143a18728f56612f5d1d2'; // 7aead6a
const sgdMomentum = 'bf29bcb7df6f4d999ff1eec7078e078d'; // f3b9b86
const adamLr3e3 = 'a157ab176cf7422dbeba442ef4f884f6'; // f3b9b86 too
let store: TrackingStore;
let clone = '';

before(async () => {
  store = await openFileStore('test/fixtures/mlflow-3.5.1/mlruns');
  clone = join(tempFolder(), 'demo-repo');
  git(tempFolder(), 'clone', '--quiet', resolve('test/fixtures/mlflow-3.5.1/demo-repo.bundle'), clone);
});
after(() => {
  store.dispose();
  removeTempFolders();
});

function lookup(folders: string[]): RunCodeLookup {
  return new RunCodeLookup(() => folders);
}

async function runs(...ids: string[]): Promise<Run[]> {
  return Promise.all(ids.map((id) => store.getRun(id)));
}

test('each recorded run gets its commit and an id that opens train.py at that commit in the clone', async () => {
  const code = lookup([clone]);
  const described = await code.describe(await runs(baselineAdam, sgdMomentum));
  assert.deepEqual(
    described.map((entry) => entry.commit?.slice(0, 7)),
    ['7aead6a', 'f3b9b86'],
  );
  for (const entry of described) {
    assert.equal(entry.problem, undefined);
    const document = code.sources.get(entry.sourceLinkId!)!;
    assert.equal(document.repository, clone);
    assert.equal(document.path, 'train.py');
    const content = await readFileAtCommit(openGitRepository(clone), document.commit, document.path);
    assert.equal(content?.toString('utf8'), git(clone, 'show', `${document.commit}:train.py`));
  }
  assert.deepEqual(
    described.map((entry) => code.sources.get(entry.sourceLinkId!)!.runName),
    ['baseline-adam', 'sgd-momentum'],
  );
  assert.equal(code.sources.get('source-999'), undefined);
});

test('issue 10.3: the newer run selected first, the diff still runs older to newer, its ends and sides named by run', async () => {
  const code = lookup([clone]);
  const [newer, older] = await runs(sgdMomentum, baselineAdam);
  const diff = await code.diff(newer!, older!);
  assert.ok(diff.kind === 'changes', diff.message);
  assert.deepEqual([diff.fromRunId, diff.toRunId], [baselineAdam, sgdMomentum]);
  assert.match(diff.message, / changed from 7aead6a \(baseline-adam\) to f3b9b86 \(sgd-momentum\)\.$/);
  assert.ok(
    diff.files.every((file) => file.status !== 'deleted'),
    JSON.stringify(diff.files),
  );
  const request = code.files.get(diff.files.find((file) => file.path === 'train.py')!.fileId)!;
  assert.equal(request.repository, clone);
  assert.equal(request.change.status, 'modified');
  assert.deepEqual(request.from, { commit: git(clone, 'rev-parse', '7aead6a').trim(), runName: 'baseline-adam' });
  assert.deepEqual(request.to, { commit: git(clone, 'rev-parse', 'f3b9b86').trim(), runName: 'sgd-momentum' });
});

test('two runs at the same commit are said to be so', async () => {
  const [from, to] = await runs(sgdMomentum, adamLr3e3);
  const diff = await lookup([clone]).diff(from!, to!);
  assert.equal(diff.kind, 'sameCommit');
  assert.match(diff.message, /both logged at commit f3b9b86/);
});

test('a run without a commit tag, and a workspace without the repository, are explained', async () => {
  const [described] = await lookup([clone]).describe([aRun('0123456789abcdef', { runName: 'untracked' })]);
  assert.match(described!.problem!, /No mlflow\.source\.git\.commit tag/);
  const elsewhere = tempFolder();
  const [unmatched] = await lookup([elsewhere]).describe(await runs(baselineAdam));
  assert.equal(unmatched!.sourceLinkId, undefined);
  assert.ok(unmatched!.problem && unmatched!.problem.length > 0);
  const [from, to] = await runs(baselineAdam, sgdMomentum);
  const diff = await lookup([elsewhere]).diff(from!, to!);
  assert.equal(diff.kind, 'unavailable');
});
