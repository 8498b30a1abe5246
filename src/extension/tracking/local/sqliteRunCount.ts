import type { RunSearchQuery } from '../search/localSearch';
import type { SqliteSession } from './sqliteConnection';
import { queryRows } from './sqliteQuery';
import { READABLE_RUN_SQL, RUN_LIFECYCLE_SQL } from './sqliteRunColumns';
import { keyedComparison, runDriverSql, runFilterSql } from './sqliteRunFilter';
import { drivingComparison, type ExperimentRunFactsCache } from './sqliteRunPlan';
import { experimentsSql } from './sqliteRunSearch';

/**
 * How many runs a search finds in all, counted by SQLite: the rows searchRunPage selects (the same
 * experiments, lifecycle stages, readable rows and filter, read from the same driving key), with
 * no order, no page and no run read. Rows the client cannot read are left out, as from every page.
 */
export function countRunRows(session: SqliteSession, query: RunSearchQuery, known: ExperimentRunFactsCache): number {
  const experiments = experimentsSql(query.experimentIds);
  if (experiments === undefined || query.stages.size === 0) return 0;
  const { facts } = known.of(session, experiments);
  const stages = [...query.stages];
  const lookupsPerRun = 1 + query.comparisons.filter((c) => keyedComparison(c) !== undefined).length;
  const driving = drivingComparison(session, query.comparisons, facts, lookupsPerRun);
  const driver = driving === undefined ? undefined : runDriverSql(keyedComparison(query.comparisons[driving]!)!);
  const filter = runFilterSql(query.comparisons, session.schema, driving);
  const stageMarks = stages.map(() => '?').join(', ');
  const readable = facts.odd
    ? `${RUN_LIFECYCLE_SQL} IN (${stageMarks}) AND ${READABLE_RUN_SQL}`
    : `r.lifecycle_stage IN (${stageMarks})`;
  const sql = `SELECT count(*) AS runs FROM ${driver?.sql ?? 'runs r'} WHERE ${experiments.sql} AND ${readable} AND ${filter.sql}`;
  const params = [...(driver?.params ?? []), ...experiments.params, ...stages, ...filter.params];
  return Number(queryRows(session.db, sql, params)[0]?.['runs'] ?? 0);
}
