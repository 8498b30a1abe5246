import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { join } from 'node:path';
import { openFileStore } from '../../../src/extension/tracking/local/fileStore';
import { tempDir } from './fixtures';

const RUNS = 2_000;
const PAGE = 100;
const START = 1_795_564_800_000;
const EXPERIMENT = '1';

interface WrittenRun {
  runId: string;
  meta: string;
  /** Its params, tags and metrics files. */
  files: string[];
}

/** An mlruns/ of one experiment whose runs start one second apart, each with one param, tag and metric. */
async function generatedMlruns(): Promise<{ root: string; runs: WrittenRun[] }> {
  const { mkdirSync: mkdir, writeFileSync: writeFile } = fs;
  const root = join(await tempDir(), 'mlruns');
  const experiment = join(root, EXPERIMENT);
  mkdir(experiment, { recursive: true });
  writeFile(
    join(experiment, 'meta.yaml'),
    `artifact_location: file://${experiment}\nexperiment_id: '${EXPERIMENT}'\nlifecycle_stage: active\nname: sweep\n`,
  );
  const runs: WrittenRun[] = [];
  for (let index = 0; index < RUNS; index++) {
    const runId = `a${index.toString(16).padStart(31, '0')}`;
    const folder = join(experiment, runId);
    for (const sub of ['params', 'tags', 'metrics']) mkdir(join(folder, sub), { recursive: true });
    const start = START + index * 1000;
    const meta = join(folder, 'meta.yaml');
    writeFile(
      meta,
      [
        `artifact_uri: file://${folder}/artifacts`,
        `end_time: ${start + 500}`,
        `experiment_id: '${EXPERIMENT}'`,
        'lifecycle_stage: active',
        `run_id: ${runId}`,
        "run_name: ''",
        `start_time: ${start}`,
        'status: 3',
        'user_id: root',
        '',
      ].join('\n'),
    );
    const files = [
      join(folder, 'params', 'lr'),
      join(folder, 'tags', 'mlflow.runName'),
      join(folder, 'metrics', 'loss'),
    ];
    writeFile(files[0]!, String(index));
    writeFile(files[1]!, `trial-${index}`);
    writeFile(files[2]!, `${start} ${index / 10} 0\n`);
    runs.push({ runId, meta, files });
  }
  return { root, runs };
}

/** Every file path the store opens for reading while `action` runs (its reads are synchronous fs calls). */
async function pathsRead(action: () => Promise<unknown>): Promise<Set<string>> {
  const read = new Set<string>();
  const { readFileSync: originalReadFileSync, openSync: originalOpenSync } = fs;
  const readFileSync = mock.method(
    fs,
    'readFileSync',
    function (this: unknown, ...args: Parameters<typeof fs.readFileSync>) {
      if (typeof args[0] === 'string') read.add(args[0]);
      return originalReadFileSync.apply(this, args);
    },
  );
  const openSync = mock.method(fs, 'openSync', function (this: unknown, ...args: Parameters<typeof fs.openSync>) {
    if (typeof args[0] === 'string') read.add(args[0]);
    return originalOpenSync.apply(this, args);
  });
  try {
    await action();
  } finally {
    readFileSync.mock.restore();
    openSync.mock.restore();
  }
  return read;
}

test('the first page in the default order reads every meta.yaml but the params, tags and metrics of that page only', async () => {
  const { root, runs } = await generatedMlruns();
  const store = await openFileStore(root);
  let page: Awaited<ReturnType<typeof store.searchRuns>> | undefined;
  const read = await pathsRead(async () => {
    page = await store.searchRuns({ experimentIds: [EXPERIMENT], maxResults: PAGE });
  });
  const newest = runs.slice(-PAGE).reverse();
  assert.deepEqual(
    page!.runs.map((run) => run.info.runId),
    newest.map((run) => run.runId),
  );
  // The page's runs are whole: data read from their files, the name from the mlflow.runName tag.
  const first = page!.runs[0]!;
  assert.equal(first.info.runName, `trial-${RUNS - 1}`);
  assert.deepEqual({ ...first.data.params }, { lr: String(RUNS - 1) });
  assert.equal(first.data.metrics['loss']?.value, (RUNS - 1) / 10);
  assert.equal(page!.nextPageToken !== undefined, true);
  assert.deepEqual([...read].sort(), [...runs.map((run) => run.meta), ...newest.flatMap((run) => run.files)].sort());
  store.dispose();
});

test('a filter on a param reads the searched files of the runs the meta files leave as candidates, and answers as before', async () => {
  const { root, runs } = await generatedMlruns();
  const store = await openFileStore(root);
  let page: Awaited<ReturnType<typeof store.searchRuns>> | undefined;
  const cutoff = START + (RUNS - 10) * 1000;
  const read = await pathsRead(async () => {
    page = await store.searchRuns({
      experimentIds: [EXPERIMENT],
      filterString: `attributes.start_time >= ${cutoff} AND params.lr != '${RUNS - 1}'`,
      orderBy: ['metrics.loss ASC'],
    });
  });
  const candidates = runs.slice(-10);
  assert.deepEqual(
    page!.runs.map((run) => run.info.runId),
    candidates.slice(0, -1).map((run) => run.runId),
  );
  // The candidates' param and metric searched, the tags only of the runs shown (read whole).
  assert.deepEqual(
    [...read].sort(),
    [
      ...runs.map((run) => run.meta),
      ...candidates.flatMap((run) => [run.files[0]!, run.files[2]!]),
      ...candidates.slice(0, -1).map((run) => run.files[1]!),
    ].sort(),
  );
  store.dispose();
});

test('a filter on a param ordered by a metric reads those two files of every candidate, and the page runs whole', async () => {
  const { root, runs } = await generatedMlruns();
  const store = await openFileStore(root);
  let page: Awaited<ReturnType<typeof store.searchRuns>> | undefined;
  const read = await pathsRead(async () => {
    page = await store.searchRuns({
      experimentIds: [EXPERIMENT],
      filterString: "params.lr != '0'",
      orderBy: ['metrics.loss DESC'],
      maxResults: 5,
    });
  });
  const shown = runs.slice(-5).reverse();
  assert.deepEqual(
    page!.runs.map((run) => [run.info.runId, run.info.runName, run.data.params['lr']]),
    shown.map((run, index) => [run.runId, `trial-${RUNS - 1 - index}`, String(RUNS - 1 - index)]),
  );
  const [lr, , loss] = [0, 1, 2];
  assert.deepEqual(
    [...read].sort(),
    [
      ...runs.flatMap((run) => [run.meta, run.files[lr]!, run.files[loss]!]),
      ...shown.map((run) => run.files[1]!),
    ].sort(),
  );
  store.dispose();
});
