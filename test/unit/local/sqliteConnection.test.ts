import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rename, rm, stat, truncate, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { MlflowError } from '../../../src/extension/tracking/errors';
import { nodeSqliteFrom } from '../../../src/extension/tracking/local/nodeSqlite';
import { SqliteConnection, type SqliteConnectionOptions } from '../../../src/extension/tracking/local/sqliteConnection';
import { checkSqliteHeader } from '../../../src/extension/tracking/local/sqliteHeader';
import { queryRows } from '../../../src/extension/tracking/local/sqliteQuery';
import { SERVER_DB, tempDir, writableCopy } from './fixtures';
import { openWriter, withWriter, writeSql } from './sqliteWriter';

const NO_WAIT = { retryDelaysMs: [1, 1, 1], sleep: () => Promise.resolve(), busyTimeoutMs: 0 };

function connection(path: string, options: SqliteConnectionOptions = NO_WAIT): SqliteConnection {
  return new SqliteConnection(path, `mlflow.db in ${path}`, options);
}

function isBadStore(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof MlflowError, String(error));
    assert.equal(error.errorCode, 'BAD_STORE');
    assert.match(error.message, pattern);
    return true;
  };
}

const countRuns = (db: DatabaseSync) => queryRows(db, 'SELECT count(*) AS n FROM runs')[0]!['n'];

test('the header check tells SQLite from other files, and a cut-short file from a whole one', async () => {
  const file = await readFile(SERVER_DB);
  const header = file.subarray(0, 100);
  assert.equal(checkSqliteHeader(header, file.length), 'ok');
  assert.equal(checkSqliteHeader(new Uint8Array(), 0), 'empty');
  assert.equal(checkSqliteHeader(Buffer.from('hello, this is not a database at all, not at all'), 49), 'not-sqlite');
  assert.equal(checkSqliteHeader(header.subarray(0, 50), 50), 'truncated');
  assert.equal(checkSqliteHeader(header, file.length - 4096), 'truncated');
});

test('a commit by another process is seen by the next read, and moves the version stamp; no commit, same stamp', async () => {
  const path = await writableCopy(SERVER_DB, 'mlflow.db');
  const reader = connection(path);
  const read = () => reader.read((session) => ({ version: session.version, runs: countRuns(session.db) }));
  const first = await read();
  assert.equal(first.runs, 189);
  assert.deepEqual(await read(), first, 'nothing committed: same answer, same stamp');
  writeSql(path, 'DELETE FROM runs WHERE run_uuid IN (SELECT run_uuid FROM runs WHERE experiment_id = 6 LIMIT 10)');
  const second = await read();
  assert.equal(second.runs, 179);
  assert.notEqual(second.version, first.version);
  reader.dispose();
});

test('reading never writes the file: its bytes and times are as they were, and no file appears beside it', async () => {
  const path = await writableCopy(SERVER_DB, 'mlflow.db');
  const before = { bytes: await readFile(path), stats: await stat(path) };
  const reader = connection(path);
  for (let i = 0; i < 3; i++) await reader.read((session) => countRuns(session.db));
  reader.dispose();
  const after = await stat(path);
  assert.deepEqual(await readFile(path), before.bytes);
  assert.deepEqual([after.mtimeMs, after.size], [before.stats.mtimeMs, before.stats.size]);
  const { readdir } = await import('node:fs/promises');
  assert.deepEqual(await readdir(join(path, '..')), ['mlflow.db']);
});

test('a writer holding the database is waited out between tries, and the read succeeds once it commits', async () => {
  const path = await writableCopy(SERVER_DB, 'mlflow.db');
  const writer = openWriter(path);
  writer.exec("BEGIN EXCLUSIVE; DELETE FROM tags WHERE key = 'no such key'");
  const waits: number[] = [];
  const reader = connection(path, {
    retryDelaysMs: [10, 20, 40, 80],
    busyTimeoutMs: 0,
    sleep: (ms) => {
      waits.push(ms);
      if (waits.length === 2) writer.exec('COMMIT');
      return Promise.resolve();
    },
  });
  assert.equal(await reader.read((session) => countRuns(session.db)), 189);
  assert.deepEqual(waits, [10, 20], 'it tried again after each pause, and stopped once the writer had committed');
  writer.close();
  reader.dispose();
});

test('a writer that never lets go ends in a clear error after a few tries', async () => {
  const path = await writableCopy(SERVER_DB, 'mlflow.db');
  const writer = openWriter(path);
  writer.exec("BEGIN EXCLUSIVE; DELETE FROM tags WHERE key = 'no such key'");
  await assert.rejects(
    connection(path).read(() => 1),
    isBadStore(/after 4 tries.*database is locked/),
  );
  writer.exec('ROLLBACK');
  writer.close();
});

test('an interrupted write (a hot -journal) is waited for, and read once a writer has rolled it back', async () => {
  const path = await writableCopy(SERVER_DB, 'mlflow.db');
  await writeFile(`${path}-journal`, 'a write in progress');
  let pauses = 0;
  const reader = connection(path, { ...NO_WAIT, sleep: async () => void ((pauses += 1), await rm(`${path}-journal`)) });
  assert.equal(await reader.read((session) => session.schema.revision), 'bf29a5ff90ea');
  assert.equal(pauses, 1);
  await writeFile(`${path}-journal`, 'stuck');
  reader.dispose();
  await assert.rejects(
    connection(path).read(() => 1),
    isBadStore(/after 4 tries.*-journal file must be rolled back/),
  );
});

test('a file that is not SQLite, an empty file and a missing file are refused at once', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'notes.db'), 'This is a text file, not a database. '.repeat(20));
  await writeFile(join(dir, 'empty.db'), '');
  let pauses = 0;
  const counting = { retryDelaysMs: [1, 1], sleep: () => Promise.resolve(void (pauses += 1)) };
  await assert.rejects(
    connection(join(dir, 'notes.db'), counting).read(() => 1),
    isBadStore(/is not an SQLite database/),
  );
  await assert.rejects(
    connection(join(dir, 'empty.db'), counting).read(() => 1),
    isBadStore(/is empty/),
  );
  await assert.rejects(
    connection(join(dir, 'missing.db'), counting).read(() => 1),
    isBadStore(/cannot be read: ENOENT/),
  );
  assert.equal(pauses, 0, 'nothing to wait for: these will not fix themselves');
});

test('a truncated database is read again a few times, then reported as damaged', async () => {
  const path = await writableCopy(SERVER_DB, 'mlflow.db');
  await truncate(path, 1024 * 1024);
  await assert.rejects(
    connection(path).read(() => 1),
    isBadStore(/could not be read after 4 tries.*shorter than its header says/),
  );
});

test('a file replaced by another one (moved in place) is read afresh', async () => {
  const path = await writableCopy(SERVER_DB, 'mlflow.db');
  const reader = connection(path);
  assert.equal(await reader.read((session) => countRuns(session.db)), 189);
  const next = join(path, '..', 'next.db');
  await copyFile(path, next);
  writeSql(next, 'DELETE FROM runs WHERE run_uuid IN (SELECT run_uuid FROM runs WHERE experiment_id = 6 LIMIT 5)');
  await rename(next, path);
  assert.equal(await reader.read((session) => countRuns(session.db)), 184);
  reader.dispose();
});

test('an SQLite file without MLflow tables is not an MLflow store; a missing column names the revision', async () => {
  const dir = await tempDir();
  withWriter(join(dir, 'other.db'), (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)'));
  await assert.rejects(
    connection(join(dir, 'other.db')).read(() => 1),
    isBadStore(/is not an MLflow database: it has no experiments or runs table/),
  );
  withWriter(join(dir, 'old.db'), (db) => {
    db.exec("CREATE TABLE alembic_version (version_num TEXT); INSERT INTO alembic_version VALUES ('451aebb31d03')");
    db.exec(
      'CREATE TABLE experiments (experiment_id INTEGER, name TEXT, artifact_location TEXT, lifecycle_stage TEXT)',
    );
    db.exec('CREATE TABLE runs (run_uuid TEXT, experiment_id INTEGER, status TEXT)');
  });
  await assert.rejects(
    connection(join(dir, 'old.db')).read(() => 1),
    isBadStore(/schema revision 451aebb31d03\) has no column runs\.name/),
  );
});

test('an editor whose Node has no node:sqlite gets a clear reason, not a crash', () => {
  const refuse = /needs Node's built-in SQLite \(node:sqlite\), which VS Code 1\.101 or later provides/;
  assert.throws(() => nodeSqliteFrom(() => undefined), isBadStore(refuse));
  assert.throws(
    () =>
      nodeSqliteFrom(() => {
        throw new Error('No such binding: sqlite');
      }),
    isBadStore(/No such binding: sqlite/),
  );
  assert.equal(typeof nodeSqliteFrom((id) => process.getBuiltinModule(id)).DatabaseSync, 'function');
});
