import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MlflowError } from '../../../src/extension/tracking/errors';
import { loadSqlJs } from '../../../src/extension/tracking/local/sqlJs';
import { SqliteImageLoader, type SqliteImageOptions } from '../../../src/extension/tracking/local/sqliteImage';
import { checkSqliteHeader } from '../../../src/extension/tracking/local/sqliteHeader';
import { queryRows } from '../../../src/extension/tracking/local/sqliteQuery';
import { SERVER_DB, tempDir, writableCopy } from './fixtures';

const NO_WAIT = { retryDelaysMs: [1, 1, 1], sleep: () => Promise.resolve() };

async function loader(path: string, options: SqliteImageOptions = NO_WAIT): Promise<SqliteImageLoader> {
  return new SqliteImageLoader(await loadSqlJs(), path, `mlflow.db in ${path}`, options);
}

function isBadStore(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof MlflowError, String(error));
    assert.equal(error.errorCode, 'BAD_STORE');
    assert.match(error.message, pattern);
    return true;
  };
}

test('the header check tells SQLite from other files, and a cut-short image from a whole one', async () => {
  const image = await readFile(SERVER_DB);
  assert.equal(checkSqliteHeader(image), 'ok');
  assert.equal(checkSqliteHeader(new Uint8Array()), 'empty');
  assert.equal(checkSqliteHeader(Buffer.from('hello, this is not a database at all, not at all')), 'not-sqlite');
  assert.equal(checkSqliteHeader(image.subarray(0, 50)), 'truncated');
  assert.equal(checkSqliteHeader(image.subarray(0, image.length - 4096)), 'truncated');
});

test('an image is kept while the file is unchanged and reloaded when it changes', async () => {
  const path = await writableCopy(SERVER_DB, 'mlflow.db');
  const images = await loader(path);
  const count = () => images.read((image) => ({ generation: image.generation, runs: queryRows(image.db, 'SELECT count(*) FROM runs')[0]![0] }));
  const first = await count();
  assert.deepEqual(first, { generation: 1, runs: 189 });
  assert.deepEqual(await count(), first, 'same file, same image');

  const SQL = await loadSqlJs();
  const db = new SQL.Database(await readFile(path));
  db.run("DELETE FROM runs WHERE run_uuid IN (SELECT run_uuid FROM runs WHERE experiment_id = 6 LIMIT 10)");
  await writeFile(path, db.export());
  db.close();
  assert.deepEqual(await count(), { generation: 2, runs: 179 });
  images.dispose();
});

test('while a -journal file exists the read waits, and succeeds once the write is over', async () => {
  const path = await writableCopy(SERVER_DB, 'mlflow.db');
  await writeFile(`${path}-journal`, 'a write in progress');
  const waits: number[] = [];
  const images = await loader(path, {
    retryDelaysMs: [10, 20, 40, 80],
    sleep: async (ms: number) => {
      waits.push(ms);
      if (waits.length === 2) await rm(`${path}-journal`);
    },
  });
  assert.equal(await images.read((image) => image.schema.revision), 'bf29a5ff90ea');
  assert.deepEqual(waits, [10, 20], 'it read again after each pause, and stopped waiting once the journal was gone');
  images.dispose();
});

test('a journal that never goes away ends in a clear error after a few tries', async () => {
  const path = await writableCopy(SERVER_DB, 'mlflow.db');
  await writeFile(`${path}-journal`, 'stuck');
  const images = await loader(path);
  await assert.rejects(images.read(() => 1), isBadStore(/after 4 tries.*-journal file exists/));
});

test('a file that is not SQLite, an empty file and a missing file are refused at once', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'notes.db'), 'This is a text file, not a database. '.repeat(20));
  await writeFile(join(dir, 'empty.db'), '');
  let pauses = 0;
  const counting = { retryDelaysMs: [1, 1], sleep: () => Promise.resolve(void (pauses += 1)) };
  await assert.rejects((await loader(join(dir, 'notes.db'), counting)).read(() => 1), isBadStore(/is not an SQLite database/));
  await assert.rejects((await loader(join(dir, 'empty.db'), counting)).read(() => 1), isBadStore(/is empty/));
  await assert.rejects((await loader(join(dir, 'missing.db'), counting)).read(() => 1), isBadStore(/cannot be read: ENOENT/));
  assert.equal(pauses, 0, 'nothing to wait for: these will not fix themselves');
});

test('a truncated database is read again a few times, then reported as damaged', async () => {
  const path = await writableCopy(SERVER_DB, 'mlflow.db');
  await truncate(path, 1024 * 1024);
  await assert.rejects((await loader(path)).read(() => 1), isBadStore(/could not be read after 4 tries.*shorter than its header says/));
});

test('an image that reads as malformed mid-query is reloaded, then reported with the reason', async () => {
  const path = await writableCopy(SERVER_DB, 'mlflow.db');
  const images = await loader(path);
  let generations = 0;
  await assert.rejects(
    images.read((image) => {
      generations = image.generation;
      throw new Error('database disk image is malformed');
    }),
    isBadStore(/could not be read after 4 tries.*malformed/),
  );
  assert.equal(generations, 4, 'each try read the file again');
});

test('an SQLite file without MLflow tables is not an MLflow store; a missing column names the revision', async () => {
  const SQL = await loadSqlJs();
  const dir = await tempDir();
  const other = new SQL.Database();
  other.run('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
  await writeFile(join(dir, 'other.db'), other.export());
  await assert.rejects((await loader(join(dir, 'other.db'))).read(() => 1), isBadStore(/is not an MLflow database: it has no experiments or runs table/));

  const old = new SQL.Database();
  old.run('CREATE TABLE alembic_version (version_num TEXT); INSERT INTO alembic_version VALUES (\'451aebb31d03\')');
  old.run('CREATE TABLE experiments (experiment_id INTEGER, name TEXT, artifact_location TEXT, lifecycle_stage TEXT)');
  old.run('CREATE TABLE runs (run_uuid TEXT, experiment_id INTEGER, status TEXT)');
  await writeFile(join(dir, 'old.db'), old.export());
  await assert.rejects((await loader(join(dir, 'old.db'))).read(() => 1), isBadStore(/schema revision 451aebb31d03\) has no column runs\.name/));
});
