import type { DatabaseSync } from 'node:sqlite';
import { badStore } from './localErrors';
import { queryRows, textCell } from './sqliteQuery';

/** The tables and columns of an `mlflow.db` this client reads, and its Alembic revision. */
export interface SqliteSchema {
  /** `alembic_version.version_num`, e.g. `bf29a5ff90ea` (MLflow 3.5.1). */
  revision: string;
  /** Columns by table, for the tables listed in REQUIRED and OPTIONAL below. */
  columns: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * The tables of a run's params, tags and latest metrics that have an index by run (MLflow's
   * `index_<table>_run_uuid`, added in 2022 by revision bd07f7e963c5): their rows of one run are
   * then a lookup, not a scan of the table.
   */
  runIndexed: ReadonlySet<RunChildTable>;
}

/** The tables holding a run's params, tags and latest metrics, one row per key. */
export type RunChildTable = 'params' | 'tags' | 'latest_metrics';
const RUN_CHILD_TABLES: readonly RunChildTable[] = ['params', 'tags', 'latest_metrics'];

/** What every MLflow schema since 1.x has; anything missing means a layout this client does not know. */
const REQUIRED: Record<string, string[]> = {
  experiments: ['experiment_id', 'name', 'artifact_location', 'lifecycle_stage'],
  runs: [
    'run_uuid',
    'name',
    'experiment_id',
    'user_id',
    'status',
    'start_time',
    'end_time',
    'artifact_uri',
    'lifecycle_stage',
  ],
  params: ['key', 'value', 'run_uuid'],
  tags: ['key', 'value', 'run_uuid'],
  metrics: ['key', 'value', 'timestamp', 'step', 'is_nan', 'run_uuid'],
  latest_metrics: ['key', 'value', 'timestamp', 'step', 'is_nan', 'run_uuid'],
};

/**
 * Tables added over time (datasets in MLflow 2.4, workspaces in 3.10); a store without them has
 * none of what they hold. Columns are checked by name, never by a list of known revisions, so a
 * later MLflow that only adds tables, columns or indexes reads as the one before.
 */
const OPTIONAL = ['experiment_tags', 'inputs', 'input_tags', 'datasets', 'workspaces'];

/**
 * Reads and checks the schema of an image. A file with no `experiments`/`runs` tables is not an
 * MLflow database; a missing table or column names the revision, so the user knows which MLflow
 * wrote a store this client cannot read.
 */
export function readSchema(db: DatabaseSync, description: string): SqliteSchema {
  const tables = new Set(
    queryRows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((row) => textCell(row['name'])),
  );
  if (!tables.has('experiments') || !tables.has('runs')) {
    throw badStore(`${description} is not an MLflow database: it has no experiments or runs table.`);
  }
  const revision = tables.has('alembic_version') ? readRevision(db) : 'unknown';
  const columns = new Map<string, Set<string>>();
  for (const table of [...Object.keys(REQUIRED), ...OPTIONAL]) {
    if (tables.has(table)) columns.set(table, tableColumns(db, table));
  }
  for (const [table, required] of Object.entries(REQUIRED)) {
    const present = columns.get(table);
    const missing =
      present === undefined ? table : required.filter((column) => !present.has(column)).map((c) => `${table}.${c}`)[0];
    if (missing !== undefined) {
      throw badStore(
        `${description} (schema revision ${revision}) has no ${present === undefined ? 'table' : 'column'} ${missing}: ` +
          'it was written by an MLflow version whose layout this extension cannot read.',
      );
    }
  }
  return { revision, columns, runIndexed: runIndexedTables(db) };
}

/** True when the image has this table and, when given, this column of it. */
export function hasColumn(schema: SqliteSchema, table: string, column?: string): boolean {
  const columns = schema.columns.get(table);
  return columns !== undefined && (column === undefined || columns.has(column));
}

function readRevision(db: DatabaseSync): string {
  const rows = queryRows(db, 'SELECT version_num FROM alembic_version');
  return rows.map((row) => textCell(row['version_num']) ?? '?').join(', ') || 'unknown';
}

/** Which of the run child tables have an index whose first column is `run_uuid`. */
function runIndexedTables(db: DatabaseSync): Set<RunChildTable> {
  const rows = queryRows(
    db,
    'SELECT t.value AS name FROM json_each(?) t WHERE EXISTS (SELECT 1 FROM pragma_index_list(t.value) l ' +
      "JOIN pragma_index_info(l.name) i WHERE i.seqno = 0 AND i.name = 'run_uuid')",
    [JSON.stringify(RUN_CHILD_TABLES)],
  );
  const indexed = new Set(rows.map((row) => textCell(row['name'])));
  return new Set(RUN_CHILD_TABLES.filter((table) => indexed.has(table)));
}

function tableColumns(db: DatabaseSync, table: string): Set<string> {
  // PRAGMA table_info takes no bound values; the name comes from our own constant lists.
  return new Set(queryRows(db, `PRAGMA table_info("${table}")`).map((row) => String(row['name'])));
}
