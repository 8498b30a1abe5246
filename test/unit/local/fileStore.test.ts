import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, chmod, cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MlflowError } from '../../../src/extension/tracking/errors';
import { openFileStore, type FileStore } from '../../../src/extension/tracking/local/fileStore';
import type { Run } from '../../../src/extension/tracking/model';
import { MLRUNS, tempDir, transcriptBody, transcriptBytes } from './fixtures';

test('a file store describes itself by folder', async () => {
  const store = await openFileStore(MLRUNS);
  assert.equal(store.kind, 'file');
  assert.match(store.description, /^mlruns in .*mlflow-3\.5\.1$/);
  assert.match(store.trackingUri, /^file:\/\/\/.*\/mlruns$/);
});

const EDGE_CASES = '569793160747218928';
const NESTED_PARENT = '1b3ca5bfbf864a0dbfd0422ebd02fcdf';
const CHILD_A = 'cf78922a9391436cabcb8a539d57b246';
const CHILD_B = '7d6124edf49e4e9ba2ab934a51b15f7c';
const DIVERGED = 'f6e6aaee049f4deabb7e6ee5118d7249';
const NAN_INF = 'b37e427ead2c4047a7ea1fa8a1841b07';

/** A writable mlruns/ holding the Default and edge-cases experiments only (small enough to copy per test). */
async function smallMlruns(): Promise<string> {
  const root = join(await tempDir(), 'mlruns');
  await mkdir(root);
  for (const experiment of ['0', EDGE_CASES])
    await cp(join(MLRUNS, experiment), join(root, experiment), { recursive: true });
  await chmodTree(root);
  return root;
}

async function chmodTree(path: string): Promise<void> {
  await chmod(path, 0o755);
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.isDirectory()) await chmodTree(join(path, entry.name));
    else await chmod(join(path, entry.name), 0o644);
  }
}

async function edgeCaseRuns(store: FileStore): Promise<Map<string, Run>> {
  const { runs } = await store.searchRuns({ experimentIds: [EDGE_CASES], runViewType: 'ALL' });
  return new Map(runs.map((run) => [run.info.runId, run]));
}

test('a malformed meta.yaml, status or metric line leaves that run or value out, reports it, and the rest still lists', async () => {
  const root = await smallMlruns();
  const experiment = join(root, EDGE_CASES);
  await writeFile(join(experiment, NESTED_PARENT, 'meta.yaml'), 'run_id: [this is not closed\n');
  const childMeta = await readFile(join(experiment, CHILD_A, 'meta.yaml'), 'utf8');
  await writeFile(join(experiment, CHILD_A, 'meta.yaml'), childMeta.replace('status: 3', 'status: 9'));
  await rm(join(experiment, CHILD_B, 'meta.yaml'));
  await appendFile(join(experiment, DIVERGED, 'metrics', 'loss'), 'garbage in the metric file\n');
  await mkdir(join(root, '12345'));

  const store = await openFileStore(root);
  const runs = await edgeCaseRuns(store);
  assert.equal(runs.size, 10, '13 runs, 3 unreadable');
  assert.ok(!runs.has(NESTED_PARENT) && !runs.has(CHILD_A) && !runs.has(CHILD_B));
  const diverged = runs.get(DIVERGED)!.data.metrics.loss!;
  assert.deepEqual(
    [diverged.step, diverged.value],
    [5, Number.NaN],
    'the good lines of a damaged metric file still count',
  );
  assert.deepEqual((await store.searchExperiments({ viewType: 'ALL' })).experiments.map((e) => e.name).sort(), [
    'Default',
    'edge-cases',
  ]);

  const problems = new Map(store.problems.map((problem) => [problem.path, problem.message]));
  assert.match(problems.get(join(experiment, NESTED_PARENT, 'meta.yaml'))!, /meta\.yaml is not valid YAML/);
  assert.equal(problems.get(join(experiment, CHILD_A, 'meta.yaml')), 'meta.yaml its status 9 is not a run status');
  assert.equal(problems.get(join(experiment, CHILD_B, 'meta.yaml')), 'the run folder has no meta.yaml');
  assert.match(problems.get(join(experiment, DIVERGED, 'metrics', 'loss'))!, /"garbage in the metric file"/);
  assert.equal(problems.get(join(root, '12345', 'meta.yaml')), 'the experiment folder has no meta.yaml');
  assert.equal(problems.size, 5);

  await writeFile(join(experiment, CHILD_A, 'meta.yaml'), childMeta);
  assert.equal((await edgeCaseRuns(store)).size, 11, 'a repaired run is back');
  assert.ok(
    !store.problems.some((problem) => problem.path === join(experiment, CHILD_A, 'meta.yaml')),
    'and its problem is gone',
  );
  await assert.rejects(store.getRun(NESTED_PARENT), /Run with id=1b3ca5bfbf864a0dbfd0422ebd02fcdf not found/);
});

test('new runs, appended metric points and rewritten tags show up in the next listing', async () => {
  const root = await smallMlruns();
  const experiment = join(root, EDGE_CASES);
  // A run still being logged to: its files are checked one by one.
  const meta = join(experiment, NAN_INF, 'meta.yaml');
  await writeFile(meta, (await readFile(meta, 'utf8')).replace('status: 3', 'status: 1'));
  const store = await openFileStore(root);
  const before = await edgeCaseRuns(store);
  assert.equal(before.get(NAN_INF)!.data.metrics.weird!.step, 9);
  assert.equal(before.get(NAN_INF)!.info.status, 'RUNNING');

  await appendFile(join(experiment, NAN_INF, 'metrics', 'weird'), '1794709815000 7.5 10\n1794709816000 8.5 3\n');
  await writeFile(join(experiment, NAN_INF, 'tags', 'case'), 'rewritten in place');
  // An ended run: a new key changes its folder, which is what its cached copy is checked against.
  await writeFile(join(experiment, DIVERGED, 'tags', 'reviewed'), 'yes');
  const copy = 'c0ffeec0ffeec0ffeec0ffeec0ffee00';
  await cp(join(experiment, DIVERGED), join(experiment, copy), { recursive: true });
  const copiedMeta = await readFile(join(experiment, copy, 'meta.yaml'), 'utf8');
  await writeFile(
    join(experiment, copy, 'meta.yaml'),
    copiedMeta.replaceAll(DIVERGED, copy).replace('run_name: diverged', 'run_name: copied'),
  );

  const after = await edgeCaseRuns(store);
  assert.equal(after.size, before.size + 1);
  assert.equal(after.get(copy)!.info.runName, 'copied');
  assert.deepEqual(after.get(NAN_INF)!.data.metrics.weird, {
    key: 'weird',
    value: 7.5,
    timestamp: 1794709815000,
    step: 10,
  });
  assert.equal(after.get(NAN_INF)!.data.tags.case, 'rewritten in place');
  assert.equal(after.get(DIVERGED)!.data.tags.reviewed, 'yes');

  // The run ends: meta.yaml is rewritten, and the listing says so.
  await writeFile(meta, (await readFile(meta, 'utf8')).replace('status: 1', 'status: 3'));
  assert.equal((await edgeCaseRuns(store)).get(NAN_INF)!.info.status, 'FINISHED');
});

test('keys in nested files are read as keys with slashes; links and reserved folders are not runs or values', async () => {
  const root = await smallMlruns();
  const run = join(root, EDGE_CASES, NAN_INF);
  await mkdir(join(run, 'tags', 'team'));
  await writeFile(join(run, 'tags', 'team', 'owner'), 'vision');
  await symlink('/etc/hostname', join(run, 'params', 'leak'));
  await mkdir(join(root, EDGE_CASES, 'traces'));
  const store = await openFileStore(root);
  const found = await store.getRun(NAN_INF);
  assert.equal(found.data.tags['team/owner'], 'vision');
  assert.equal(found.data.params.leak, undefined, 'a linked file is never read as a param');
  assert.deepEqual({ ...found.data.params }, { float_param: 'nan', inf_param: 'inf' });
  assert.equal((await edgeCaseRuns(store)).size, 13, 'traces/ is not a run');
  await assert.rejects(store.getMetricHistory(NAN_INF, '../../meta.yaml'), /Invalid metric key/);
  await symlink(join(root, EDGE_CASES, DIVERGED, 'metrics'), join(run, 'metrics', 'elsewhere'));
  assert.deepEqual(
    await store.getMetricHistory(NAN_INF, 'elsewhere/loss'),
    [],
    'a linked metrics folder is not followed',
  );
  assert.equal((await store.getMetricHistory(DIVERGED, 'loss')).length, 6);
});

test('a file store moved from the machine that logged it finds artifacts beside each run (009)', async () => {
  const store = await openFileStore(MLRUNS);
  const runId = 'cdd5ebdb2081480f90aa962e56f9adfe';
  const recorded = await transcriptBody<{
    root_uri: string;
    files: { path: string; is_dir: boolean; file_size?: number }[];
  }>('compare-filestore/009-filestore-artifacts-list-root');
  assert.equal((await store.getRun(runId)).info.artifactUri, recorded.root_uri);
  assert.deepEqual(
    await store.listArtifacts(runId),
    recorded.files.map((file) =>
      file.is_dir ? { path: file.path, isDir: true } : { path: file.path, isDir: false, fileSize: file.file_size },
    ),
  );
  assert.deepEqual(
    Buffer.from((await store.readArtifact(runId, 'notes.txt')).data),
    await transcriptBytes('101-get-artifact-text'),
  );
  const zoo = '1f19b6a2c1a14cb9be001bdfb0109d95';
  assert.deepEqual(
    Buffer.from((await store.readArtifact(zoo, 'reports/résumé final.txt')).data),
    await transcriptBytes('106-get-artifact-unicode-name'),
  );
  await assert.rejects(store.readArtifact(zoo, '../../meta.yaml'), /Invalid artifact path/);
});

test('a deleted experiment lives in .trash/ and its runs can still be read', async () => {
  const store = await openFileStore(MLRUNS);
  const old = await store.getExperimentByName('old-experiment');
  assert.equal(old.lifecycleStage, 'deleted');
  const { runs } = await store.searchRuns({ experimentIds: [old.experimentId], runViewType: 'ALL' });
  assert.deepEqual(runs.map((run) => run.info.runName).sort(), ['old-run-0', 'old-run-1']);
  assert.equal((await store.getRun(runs[0]!.info.runId)).info.experimentId, old.experimentId);
});

test('opening something that is not a folder is refused', async () => {
  const badStore = (error: unknown) => error instanceof MlflowError && error.errorCode === 'BAD_STORE';
  await assert.rejects(openFileStore(join(await tempDir(), 'missing')), badStore);
  await assert.rejects(openFileStore(join(MLRUNS, '0', 'meta.yaml')), badStore);
});
