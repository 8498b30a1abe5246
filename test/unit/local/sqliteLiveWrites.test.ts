/**
 * mlflow.db while a training script writes it: a WAL database with commits still in its -wal file,
 * a writer committing (or not yet) while the store is read, and a real concurrent writer process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import { LOCAL_DB, WAL_PENDING, writableCopy } from './fixtures';
import { openWriter, runRowsSql } from './sqliteWriter';

async function runNames(store: SqliteStore, experiment: string): Promise<string[]> {
  const experimentId = (await store.getExperimentByName(experiment)).experimentId;
  const names: string[] = [];
  for await (const run of store.iterateRuns({ experimentIds: [experimentId], runViewType: 'ALL', maxResults: 1000 }))
    names.push(run.info.runName);
  return names;
}

test('a WAL database shows what was committed to its -wal file, and neither file is changed by reading', async () => {
  const dir = await writableCopy(WAL_PENDING, 'wal-pending');
  const path = join(dir, 'mlflow.db');
  const before = { db: await readFile(path), wal: await readFile(`${path}-wal`) };
  const store = await openSqliteStore(path);
  const experiment = await store.getExperimentByName('written-while-open');
  const runs = (await store.searchRuns({ experimentIds: [experiment.experimentId] })).runs;
  assert.deepEqual(
    runs.map((run) => [run.info.runName, run.info.status, run.data.params.lr]),
    [['wal-run', 'RUNNING', '0.001']],
  );
  const history = await store.getMetricHistory(runs[0]!.info.runId, 'loss');
  assert.deepEqual(
    history.map((point) => point.step),
    Array.from({ length: 50 }, (_, step) => step),
  );
  store.dispose();
  assert.deepEqual(await readFile(path), before.db, 'the main file is untouched');
  assert.deepEqual(await readFile(`${path}-wal`), before.wal, 'the committed frames are still only in -wal');
  // Only SQLite's reader bookkeeping (the WAL index) appears beside them.
  assert.deepEqual((await readdir(dir)).sort(), ['mlflow.db', 'mlflow.db-shm', 'mlflow.db-wal']);
});

test('a writer in WAL mode: its commits are seen by the next read, its open transaction is not, a checkpoint changes nothing', async () => {
  const path = await writableCopy(LOCAL_DB, 'mlflow.db');
  const writer = openWriter(path);
  writer.exec('PRAGMA journal_mode = WAL');
  const store = await openSqliteStore(path);
  const before = await runNames(store, 'edge-cases');
  const stamp = await store.changeStamp();

  writer.exec(
    `BEGIN IMMEDIATE; ${runRowsSql({ runId: 'a'.repeat(32), name: 'committed-in-wal', experimentId: 2 })}; COMMIT`,
  );
  assert.deepEqual(await runNames(store, 'edge-cases'), ['committed-in-wal', ...before]);
  assert.notEqual(await store.changeStamp(), stamp, 'the commit moved the stamp');

  writer.exec(
    `BEGIN IMMEDIATE; ${runRowsSql({ runId: 'b'.repeat(32), name: 'not-yet-committed', experimentId: 2, start: 1_900_000_000_000 })}`,
  );
  const during = await store.changeStamp();
  assert.deepEqual(
    await runNames(store, 'edge-cases'),
    ['committed-in-wal', ...before],
    'an open transaction is not seen',
  );
  assert.equal(await store.changeStamp(), during);
  writer.exec('COMMIT');
  writer.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  assert.deepEqual(await runNames(store, 'edge-cases'), ['not-yet-committed', 'committed-in-wal', ...before]);
  const run = await store.getRun('a'.repeat(32));
  assert.deepEqual([run.data.params.lr, run.data.metrics.loss?.step], ['0.01', 0]);
  store.dispose();
  writer.close();
});

interface WriterResult {
  status: number | null;
  committed: string[];
  stderr: string;
}

/** The writer script of mlflowWriter.py, run to its end while `whileWriting` reads the store. */
async function writeConcurrently(
  path: string,
  journal: 'delete' | 'wal',
  seconds: number,
  whileWriting: () => Promise<void>,
): Promise<WriterResult> {
  const child = spawn('python3', [
    join(__dirname, 'support', 'mlflowWriter.py'),
    path,
    '2',
    String(seconds),
    '0.05',
    journal,
  ]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => (stdout += String(data)));
  child.stderr.on('data', (data: Buffer) => (stderr += String(data)));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    await whileWriting();
    // Reads resolve without leaving the microtask queue: yield, so the writer's exit is heard.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { status: await exited, committed: stdout.split('\n').filter(Boolean), stderr };
}

for (const journal of ['delete', 'wal'] as const) {
  test(`a training script committing every 50 ms (journal_mode=${journal}) is never locked out, and every committed run is listed`, async () => {
    const path = await writableCopy(LOCAL_DB, 'mlflow.db');
    const store = await openSqliteStore(path, { retryDelaysMs: [5, 10, 20, 40, 80, 160, 320] });
    const experimentId = (await store.getExperimentByName('edge-cases')).experimentId;
    const readerErrors: unknown[] = [];
    let reads = 0;
    const result = await writeConcurrently(path, journal, 10, async () => {
      try {
        await store.searchRuns({
          experimentIds: [experimentId],
          filterString: "params.lr = '0.01'",
          orderBy: ['metrics.loss ASC'],
          maxResults: 100,
        });
        await store.changeStamp();
        reads += 1;
      } catch (error) {
        readerErrors.push(error);
      }
    });
    assert.equal(result.stderr, '', 'the writer was never refused');
    assert.equal(result.status, 0);
    assert.deepEqual(readerErrors, []);
    assert.ok(result.committed.length > 20 && reads > 20, `${result.committed.length} commits, ${reads} reads`);
    const listed = new Set<string>();
    for await (const run of store.iterateRuns({ experimentIds: [experimentId], maxResults: 1000 }))
      listed.add(run.info.runId);
    assert.deepEqual(
      result.committed.filter((runId) => !listed.has(runId)),
      [],
      'every committed run is listed',
    );
    store.dispose();
  });
}
