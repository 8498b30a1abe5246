import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Database, SqlJsStatic } from 'sql.js';
import { badStore, reasonOf } from './localErrors';
import { checkSqliteHeader } from './sqliteHeader';
import { readSchema, type SqliteSchema } from './sqliteSchema';

/** An in-memory copy of `mlflow.db`, queried with no lock on (and no handle to) the file. */
export interface SqliteImage {
  db: Database;
  schema: SqliteSchema;
  /** Counts reloads: anything cached from an image is valid for its generation only. */
  generation: number;
}

export interface SqliteImageOptions {
  /** Pauses before reading again while the file is being written; default 50, 100, 200, 400, 800 ms. */
  retryDelaysMs?: readonly number[];
  /** How to pause (tests pass one that acts between two reads). */
  sleep?: (ms: number) => Promise<void>;
}

type Attempt = { image: SqliteImage; identity: string } | { retry: string };

const DEFAULT_DELAYS = [50, 100, 200, 400, 800];

/**
 * Keeps an image of an `mlflow.db` that another process may be writing. The file is read whole
 * (never opened by SQLite, never written) and the image kept while the file's identity (mtime,
 * ctime, size, inode) stays the same. MLflow's SQLite uses a rollback journal, so a copy taken
 * during a commit can be torn: while `<db>-journal` exists, or the image reads as damaged,
 * it waits briefly and reads again, and gives up with a clear error after a few tries.
 */
export class SqliteImageLoader {
  private current: { image: SqliteImage; identity: string } | undefined;
  private loading: Promise<SqliteImage> | undefined;
  private generation = 0;
  private readonly delays: readonly number[];
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly sql: SqlJsStatic,
    readonly dbPath: string,
    private readonly description: string,
    options: SqliteImageOptions = {},
  ) {
    this.delays = options.retryDelaysMs ?? DEFAULT_DELAYS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Runs a synchronous query against the current image. When the image turns out damaged
   * (SQLITE_CORRUPT / NOTADB halfway through a query), the file is read again and the query rerun.
   */
  async read<T>(query: (image: SqliteImage) => T): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const image = await this.image();
      try {
        return query(image);
      } catch (error) {
        if (!isDamagedImage(error)) throw error;
        this.drop(image);
        if (attempt >= this.delays.length) throw this.gaveUp(reasonOf(error), error);
        await this.sleep(this.delays[attempt]!);
      }
    }
  }

  dispose(): void {
    this.current?.image.db.close();
    this.current = undefined;
  }

  private async image(): Promise<SqliteImage> {
    const identity = fileIdentity(await this.statDb());
    if (this.current?.identity === identity) return this.current.image;
    this.loading ??= this.reload().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private drop(image: SqliteImage): void {
    if (this.current?.image !== image) return;
    image.db.close();
    this.current = undefined;
  }

  private async reload(): Promise<SqliteImage> {
    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt();
      if ('image' in result) {
        this.dispose();
        this.current = result;
        return result.image;
      }
      if (attempt >= this.delays.length) throw this.gaveUp(result.retry);
      await this.sleep(this.delays[attempt]!);
    }
  }

  /** One read of the file: an image, a reason to read again, or (thrown) a reason to stop. */
  private async attempt(): Promise<Attempt> {
    if (await this.journalExists()) return { retry: 'a write is in progress (its -journal file exists)' };
    const before = fileIdentity(await this.statDb());
    const bytes = await readFile(this.dbPath);
    const identity = fileIdentity(await this.statDb());
    if (identity !== before || (await this.journalExists())) return { retry: 'the file changed while it was read' };
    const verdict = checkSqliteHeader(bytes);
    if (verdict === 'empty') throw badStore(`${this.description} is empty: it is not an MLflow database (yet).`);
    if (verdict === 'not-sqlite') throw badStore(`${this.description} is not an SQLite database, so not an MLflow store.`);
    if (verdict === 'truncated') return { retry: 'the file is shorter than its header says (torn or truncated)' };
    return this.open(bytes, identity);
  }

  private open(bytes: Uint8Array, identity: string): Attempt {
    const db = new this.sql.Database(bytes);
    try {
      return { image: { db, schema: readSchema(db, this.description), generation: ++this.generation }, identity };
    } catch (error) {
      db.close();
      if (isDamagedImage(error)) return { retry: reasonOf(error) };
      throw error;
    }
  }

  private async statDb(): Promise<Stats> {
    try {
      return await stat(this.dbPath);
    } catch (error) {
      throw badStore(`${this.description} cannot be read: ${reasonOf(error)}`, error);
    }
  }

  private async journalExists(): Promise<boolean> {
    return stat(`${this.dbPath}-journal`).then(
      () => true,
      () => false,
    );
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

/** SQLite's words for an image that is torn or not a database at all. */
export function isDamagedImage(error: unknown): boolean {
  return /malformed|not a database|SQLITE_CORRUPT|SQLITE_NOTADB/i.test(reasonOf(error));
}

function fileIdentity(stats: Stats): string {
  return `${stats.mtimeMs}:${stats.ctimeMs}:${stats.size}:${stats.ino}`;
}
