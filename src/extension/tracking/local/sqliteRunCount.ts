import type { RunSearchQuery } from '../search/localSearch';
import type { SqliteSession } from './sqliteConnection';
import { queryRows } from './sqliteQuery';
import type { ExperimentRunFactsCache } from './sqliteRunPlan';
import { experimentsSql, runSelectionSql } from './sqliteRunSearch';

/**
 * How many runs a search finds in all, counted by SQLite: the rows searchRunPage selects (the same
 * experiments, lifecycle stages, readable rows and filter, read from the same driving key), with
 * no order, no page and no run read. Rows the client cannot read are left out, as from every page.
 */
export function countRunRows(session: SqliteSession, query: RunSearchQuery, known: ExperimentRunFactsCache): number {
  const experiments = experimentsSql(query.experimentIds);
  if (experiments === undefined || query.stages.size === 0) return 0;
  const { facts } = known.of(session, experiments);
  const { from, where } = runSelectionSql(session, query, experiments, facts, 0);
  const sql = `SELECT count(*) AS runs FROM ${from.sql} WHERE ${where.sql}`;
  const params = [...from.params, ...where.params];
  return Number(queryRows(session.db, sql, params)[0]?.['runs'] ?? 0);
}
