import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { badStore } from './localErrors';
import { loadNodeSqlite } from './nodeSqlite';
import { checkSqliteHeader } from './sqliteHeader';
import { preparedStatement } from './sqliteQuery';
import { readSchema, type SqliteSchema } from './sqliteSchema';
import { errorMessage } from '../errors';

/** What a query sees: the open database, its schema, and a stamp of the committed state it reads. */
export interface SqliteSession {
  db: DatabaseSync;
  schema: SqliteSchema;
  /**
   * Changes whenever another process commits (SQLite's `data_version`, WAL commits included) or the
   * file is replaced: anything cached from a read is valid while the stamp is the same.
   */
  version: string;
}

export interface SqliteConnectionOptions {
  /** Pauses before trying again while a writer holds the database; default 50, 100, 200, 400, 800 ms. */
  retryDelaysMs?: readonly number[];
  /** How to pause (tests pass one that acts between two tries). */
  sleep?: (ms: number) => Promise<void>;
  /** How long SQLite itself waits for a writer's lock before answering busy; default 100 ms. */
  busyTimeoutMs?: number;
}

const DEFAULT_DELAYS = [50, 100, 200, 400, 800];
const HEADER_BYTES = 100;
// SQLite's primary result codes (sqlite3.h) for a database another process holds, and for one that reads as damaged.
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;
/** A hot `-journal` beside the file (a write interrupted, or one in progress without locks): only a writer can roll it back. */
const SQLITE_READONLY_ROLLBACK = 8 | (3 << 8);

type Attempt<T> = { value: T } | { retry: string; cause?: unknown };

/**
 * An `mlflow.db` that another process (a training script, `mlflow server`) may be writing, read
 * through Node's SQLite opened read-only: pages are read on demand, so a 5 GB file costs what a
 * small one does, and SQLite's own locks (rollback journal or WAL) keep every read consistent.
 * Each read is one short read transaction; SQLite waits briefly for a writer's lock (the busy
 * timeout), then this waits a little longer between tries, so a read never holds the file long
 * enough to make the writer fail. Nothing is ever written: only SQLite's reader bookkeeping of a
 * WAL database (its `-shm` index) is touched, as by every SQLite reader.
 */
export class SqliteConnection {
  private open: OpenDatabase | undefined;
  /** Counts opens: `data_version` is per connection, so a stamp must not repeat across a reopen of the same file. */
  private opens = 0;
  private readonly delays: readonly number[];
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly busyTimeoutMs: number;

  constructor(
    readonly dbPath: string,
    private readonly description: string,
    options: SqliteConnectionOptions = {},
  ) {
    this.delays = options.retryDelaysMs ?? DEFAULT_DELAYS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.busyTimeoutMs = options.busyTimeoutMs ?? 100;
  }

  /**
   * Runs a synchronous query in one read transaction. A writer holding the file, or a file caught
   * half-replaced, is waited out a few times before giving up with one clear error.
   */
  async read<T>(query: (session: SqliteSession) => T): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const result = this.attempt(query);
      if ('value' in result) return result.value;
      if (attempt >= this.delays.length) throw this.gaveUp(result.retry, result.cause);
      await this.sleep(this.delays[attempt]!);
    }
  }

  dispose(): void {
    this.open?.db.close();
    this.open = undefined;
  }

  private attempt<T>(query: (session: SqliteSession) => T): Attempt<T> {
    let db: DatabaseSync | undefined;
    try {
      const opened = this.connection();
      if ('retry' in opened) return opened;
      db = opened.db;
      db.exec('BEGIN');
      try {
        return { value: query(this.session(opened)) };
      } finally {
        endReadTransaction(db);
      }
    } catch (error) {
      const extended = sqliteExtendedCode(error);
      if (extended === SQLITE_READONLY_ROLLBACK) {
        return {
          retry:
            'a write is in progress or was interrupted (its -journal file must be rolled back by MLflow or sqlite3 first)',
          cause: error,
        };
      }
      const code = extended === undefined ? undefined : extended & 0xff;
      if (code === SQLITE_BUSY || code === SQLITE_LOCKED)
        return { retry: 'another process is writing it (the database is locked)', cause: error };
      if (code === SQLITE_CORRUPT || code === SQLITE_NOTADB) {
        // A file replaced or cut while open: read it afresh next time.
        this.dispose();
        return { retry: errorMessage(error), cause: error };
      }
      throw error;
    }
  }

  /** The open database, reopened when the file at the path is no longer the one opened. */
  private connection(): OpenDatabase | { retry: string } {
    const identity = fileIdentity(this.statDb());
    if (this.open?.identity === identity) return this.open;
    this.dispose();
    const verdict = this.checkHeader();
    if (verdict === 'empty') throw badStore(`${this.description} is empty: it is not an MLflow database (yet).`);
    if (verdict === 'not-sqlite')
      throw badStore(`${this.description} is not an SQLite database, so not an MLflow store.`);
    if (verdict === 'truncated') return { retry: 'the file is shorter than its header says (torn or truncated)' };
    const { DatabaseSync } = loadNodeSqlite();
    const db = new DatabaseSync(this.dbPath, { readOnly: true });
    try {
      db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(this.busyTimeoutMs))}`);
      this.open = { db, schemaVersion: -1, identity, generation: ++this.opens };
      return this.open;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private session(opened: OpenDatabase): SqliteSession {
    const { db } = opened;
    // The first read of the transaction takes SQLite's shared lock (or WAL read mark); the stamps read after it are stable.
    const schemaVersion = Number(preparedStatement(db, 'PRAGMA schema_version').get()?.['schema_version'] ?? 0);
    if (opened.schema === undefined || schemaVersion !== opened.schemaVersion) {
      opened.schema = readSchema(db, this.description);
      opened.schemaVersion = schemaVersion;
    }
    const dataVersion = String(preparedStatement(db, 'PRAGMA data_version').get()?.['data_version'] ?? '');
    return {
      db,
      schema: opened.schema,
      version: `${opened.identity}:${opened.generation}:${schemaVersion}:${dataVersion}`,
    };
  }

  private checkHeader(): ReturnType<typeof checkSqliteHeader> {
    const header = new Uint8Array(HEADER_BYTES);
    let length: number;
    let size: number;
    const fd = this.openFile();
    try {
      length = readSync(fd, header, 0, HEADER_BYTES, 0);
      size = statSync(this.dbPath).size;
    } finally {
      closeSync(fd);
    }
    return checkSqliteHeader(header.subarray(0, length), size);
  }

  private openFile(): number {
    try {
      return openSync(this.dbPath, 'r');
    } catch (error) {
      throw badStore(`${this.description} cannot be read: ${errorMessage(error)}`, error);
    }
  }

  private statDb(): Stats {
    try {
      return statSync(this.dbPath);
    } catch (error) {
      throw badStore(`${this.description} cannot be read: ${errorMessage(error)}`, error);
    }
  }

  private gaveUp(reason: string, cause?: unknown): Error {
    const waited = this.delays.reduce((sum, delay) => sum + delay, 0);
    return badStore(
      `${this.description} could not be read after ${this.delays.length + 1} tries over ${waited} ms: ${reason}. ` +
        'If MLflow is writing it, try again in a moment; otherwise the file is damaged.',
      cause,
    );
  }
}

interface OpenDatabase {
  db: DatabaseSync;
  identity: string;
  /** Read again whenever SQLite's schema_version moves (an `mlflow db upgrade` while open). */
  schema?: SqliteSchema;
  schemaVersion: number;
  generation: number;
}

/** Ends a read transaction (nothing was written, so rolling back only releases the read lock). */
function endReadTransaction(db: DatabaseSync): void {
  try {
    db.exec('ROLLBACK');
  } catch {
    // SQLite already ended it (it does after some errors): nothing is held.
  }
}

/** SQLite's extended result code of an error node:sqlite threw, if it is one (the low byte is the primary code). */
function sqliteExtendedCode(error: unknown): number | undefined {
  const errcode = (error as { errcode?: unknown } | undefined)?.errcode;
  return typeof errcode === 'number' ? errcode : undefined;
}

// Which file is at the path: a file replaced by another (a copy moved in place) is opened afresh.
function fileIdentity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}
