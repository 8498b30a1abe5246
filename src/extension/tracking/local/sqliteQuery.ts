import type { DatabaseSync, SQLInputValue, SQLOutputValue } from 'node:sqlite';

export type SqlValue = SQLOutputValue;
export type Row = Record<string, SqlValue>;

/** Which runs a query is about: a condition on the `runs` table (aliased `r`) and its bound values. */
export interface RunSelection {
  where: string;
  params: SQLInputValue[];
}

/** Every row of a query, as objects keyed by column name; values are always bound, never spliced in. */
export function queryRows(db: DatabaseSync, sql: string, params: readonly SQLInputValue[] = []): Row[] {
  return db.prepare(sql).all(...params);
}

/**
 * The runs whose ids are in a list. The list goes in as one JSON value, so a page of 50,000 runs
 * needs no 50,000 bound variables (SQLite allows 32,766).
 */
export function runsWithIds(runIds: readonly string[]): RunSelection {
  return { where: 'r.run_uuid IN (SELECT value FROM json_each(?))', params: [JSON.stringify(runIds)] };
}

/** One run, by id. */
export function runById(runId: string): RunSelection {
  return { where: 'r.run_uuid = ?', params: [runId] };
}

/** The child rows of the selected runs, for tables keyed by `run_uuid`. */
export function ofSelectedRuns(selection: RunSelection, column = 'run_uuid'): string {
  return `${column} IN (SELECT r.run_uuid FROM runs r WHERE ${selection.where})`;
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
