import type { Database, SqlValue } from 'sql.js';

export type Row = SqlValue[];

/** Which runs a query is about: a condition on the `runs` table and its bound values. */
export interface RunSelection {
  where: string;
  params: SqlValue[];
}

/** Every row of a query, as arrays in the order of its columns. */
export function queryRows(db: Database, sql: string, params: SqlValue[] = []): Row[] {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    const rows: Row[] = [];
    while (statement.step()) rows.push(statement.get());
    return rows;
  } finally {
    statement.free();
  }
}

/** The runs of some experiments; ids compare as text, so an id that is not a number matches nothing. */
export function runsOfExperiments(experimentIds: readonly string[]): RunSelection {
  return {
    where: `CAST(experiment_id AS TEXT) IN (${experimentIds.map(() => '?').join(', ')})`,
    params: [...experimentIds],
  };
}

/** One run, by id. */
export function runById(runId: string): RunSelection {
  return { where: 'run_uuid = ?', params: [runId] };
}

/** The child rows of the selected runs, for tables keyed by `run_uuid`. */
export function ofSelectedRuns(selection: RunSelection): string {
  return `run_uuid IN (SELECT run_uuid FROM runs WHERE ${selection.where})`;
}

/** A cell that must hold text; undefined when it holds anything else. */
export function textCell(value: SqlValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A cell holding a whole number (a time, a step); undefined when empty or not a number. */
export function integerCell(value: SqlValue | undefined): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

/** An id column (INTEGER experiment ids) as the text the rest of the client uses. */
export function idCell(value: SqlValue | undefined): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return textCell(value);
}
