import type { DatabaseSync, SQLInputValue, SQLOutputValue, StatementSync } from 'node:sqlite';
import type { KeyedRecord } from '../model';

export type SqlValue = SQLOutputValue;
export type Row = Record<string, SqlValue>;

/** Which runs a query is about: a condition on the `runs` table (aliased `r`) and its bound values. */
export interface RunSelection {
  where: string;
  params: SQLInputValue[];
  /**
   * The same runs as a condition on a child table's run id column alone (bound to the same
   * params), when the selection is by id: child rows then come straight from their `run_uuid`
   * index, with no lookup in `runs` per row.
   */
  ofRunIdColumn?: (column: string) => string;
}

// The texts of a read repeat (the page's params, tags, metrics...): each is compiled once per open
// database. Cleared when full rather than ordered, since the texts a session uses are few.
// Statements that return arrays are kept apart: the flag stays set on a statement, and a text read
// both ways must not get arrays where it expects objects.
const MAX_STATEMENTS = 128;
const statements = {
  objects: new WeakMap<DatabaseSync, Map<string, StatementSync>>(),
  arrays: new WeakMap<DatabaseSync, Map<string, StatementSync>>(),
};

/**
 * A compiled statement of this database, made once per database, SQL text and row shape (SQLite
 * recompiles it itself after a schema change). `arrays`: asked for rows as arrays where this Node can.
 */
export function preparedStatement(
  db: DatabaseSync,
  sql: string,
  rows: keyof typeof statements = 'objects',
): StatementSync {
  const caches = statements[rows];
  let cache = caches.get(db);
  if (cache === undefined) caches.set(db, (cache = new Map<string, StatementSync>()));
  let statement = cache.get(sql);
  if (statement === undefined) {
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    statement = db.prepare(sql);
    if (rows === 'arrays') returnsArrays(statement);
    cache.set(sql, statement);
  }
  return statement;
}

/** Every row of a query, as objects keyed by column name; values are always bound, never spliced in. */
export function queryRows(db: DatabaseSync, sql: string, params: readonly SQLInputValue[] = []): Row[] {
  return preparedStatement(db, sql).all(...params);
}

/**
 * Every row of a query as an array of its cells, in the order of the SELECT list. A page's
 * ~1,700 child rows cost node:sqlite one object each, keyed by column name, which the reads of a
 * page then only take apart: arrays skip that. `setReturnArrays` is feature-detected (the Node of
 * older VS Code builds lacks it); without it the rows are read as objects and turned into the
 * same arrays, so callers get the same answer either way. The SELECT list must name each column
 * once (an object keeps one cell per name).
 */
export function queryArrays(db: DatabaseSync, sql: string, params: readonly SQLInputValue[] = []): SqlValue[][] {
  const rows = preparedStatement(db, sql, 'arrays').all(...params) as unknown[];
  return rows.length > 0 && !Array.isArray(rows[0])
    ? (rows as Row[]).map((row) => Object.values(row))
    : (rows as SqlValue[][]);
}

/** Asks a statement for arrays where this Node can; false when it cannot (its rows stay objects). */
export function returnsArrays(statement: StatementSync): boolean {
  const withArrays = statement as StatementSync & { setReturnArrays?: (enabled: boolean) => void };
  if (typeof withArrays.setReturnArrays !== 'function') return false;
  withArrays.setReturnArrays(true);
  return true;
}

/**
 * The runs whose ids are in a list. The list goes in as one JSON value, so a page of 50,000 runs
 * needs no 50,000 bound variables (SQLite allows 32,766).
 */
export function runsWithIds(runIds: readonly string[]): RunSelection {
  return {
    where: 'r.run_uuid IN (SELECT value FROM json_each(?))',
    params: [JSON.stringify(runIds)],
    ofRunIdColumn: (column) => `${column} IN (SELECT value FROM json_each(?))`,
  };
}

/** One run, by id. */
export function runById(runId: string): RunSelection {
  return { where: 'r.run_uuid = ?', params: [runId], ofRunIdColumn: (column) => `${column} = ?` };
}

/**
 * The child rows of the selected runs, for tables keyed by `run_uuid`. Rows of a run id with no
 * readable run row may come back too: callers attach rows to the runs they read, so those drop out.
 */
export function ofSelectedRuns(selection: RunSelection, column = 'run_uuid'): string {
  return selection.ofRunIdColumn?.(column) ?? `${column} IN (SELECT r.run_uuid FROM runs r WHERE ${selection.where})`;
}

/**
 * A cell SQLite built as `json_array(flag, json_group_object(...))` (a run's entries of one table,
 * and what tells whether JSON carried them as they are): the flag, and the entries as a record
 * with no prototype, as keyedRecord makes. The parsed object is given the null prototype in place:
 * copying its entries into a fresh null-prototype record (Object.assign) costs V8 several times
 * the parse, as such a record is a dictionary. A `__proto__` key stays an own entry, as JSON.parse
 * defines it.
 */
export function flaggedJsonRecord<T>(json: string): [flag: unknown, record: KeyedRecord<T>] {
  const [flag, entries] = JSON.parse(json) as [unknown, object];
  return [flag, Object.setPrototypeOf(entries, null) as KeyedRecord<T>];
}

/** A cell that must hold text; undefined when it holds anything else. */
export function textCell(value: SqlValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A cell holding a whole number (a time, a step); undefined when empty or not a number. */
export function integerCell(value: SqlValue | undefined): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

/** An id column (INTEGER experiment ids) as the text the rest of the client uses. */
export function idCell(value: SqlValue | undefined): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'bigint') return String(value);
  return textCell(value);
}
