import type { Run } from '../model';
import { pageStart, type RunSearchQuery } from '../search/localSearch';
import type { SqliteSession } from './sqliteConnection';
import { READABLE_RUN_SQL, RUN_LIFECYCLE_SQL, type SqlFragment } from './sqliteRunColumns';
import { keyedComparison, runDriverSql, runFilterSql } from './sqliteRunFilter';
import { drivingComparison, ExperimentRunFactsCache, type ExperimentRunFacts } from './sqliteRunPlan';
import { runOrderSql } from './sqliteRunOrder';
import { readRuns, type ProblemSink } from './sqliteRuns';
import { queryRows, runsWithIds, textCell } from './sqliteQuery';

/**
 * One page of a run search, found by SQLite: the filter, the order and the page run in one query
 * that returns only the page's run ids, and only those runs are then read whole. So a search
 * costs the same whether the experiment has 100 runs or 100,000, and nothing of the runs not shown
 * is ever built in memory. A large experiment searched by a comparison that keeps few of its runs
 * is read from that comparison's key (sqliteRunPlan.ts).
 */
export function searchRunPage(
  session: SqliteSession,
  query: RunSearchQuery,
  sink: ProblemSink,
  known = new ExperimentRunFactsCache(),
): Run[] {
  const experiments = experimentsSql(query.experimentIds);
  if (experiments === undefined || query.stages.size === 0) return [];
  const { facts, fresh } = known.of(session, experiments);
  // Rows the client cannot read are reported once per committed state, and left out of every page.
  if (fresh && facts.odd) reportUnreadableRuns(session, experiments, sink);
  const order = runOrderSql(query.order);
  const selection = runSelectionSql(session, query, experiments, facts, order.joinCount);
  const sql =
    `SELECT r.run_uuid FROM ${selection.from.sql} ${order.joins.sql} ` +
    `WHERE ${selection.where.sql} ORDER BY ${order.orderBy} LIMIT ? OFFSET ?`;
  const params = [
    ...selection.from.params,
    ...order.joins.params,
    ...selection.where.params,
    query.maxResults,
    pageStart(query),
  ];
  const runIds = queryRows(session.db, sql, params).map((row) => textCell(row['run_uuid'])!);
  if (runIds.length === 0) return [];
  const byId = new Map(readRuns(session, runsWithIds(runIds), sink).map((run) => [run.info.runId, run]));
  return runIds.map((runId) => byId.get(runId)).filter((run): run is Run => run !== undefined);
}

/**
 * The rows a search selects, for its page and for its count alike: FROM the runs, or the most
 * selective key's rows joined to them (when the searched experiments are large enough for it to
 * pay), and WHERE the experiments, lifecycle stages, readable rows and filter hold. `otherLookups`
 * are the per-run index lookups the caller adds (the order's joins), which weigh the plan's choice.
 */
export function runSelectionSql(
  session: SqliteSession,
  query: RunSearchQuery,
  experiments: SqlFragment,
  facts: ExperimentRunFacts,
  otherLookups: number,
): { from: SqlFragment; where: SqlFragment } {
  const stages = [...query.stages];
  const lookupsPerRun = 1 + otherLookups + query.comparisons.filter((c) => keyedComparison(c) !== undefined).length;
  const driving = drivingComparison(session, query.comparisons, facts, lookupsPerRun);
  const driver = driving === undefined ? undefined : runDriverSql(keyedComparison(query.comparisons[driving]!)!);
  const filter = runFilterSql(query.comparisons, session.schema, driving);
  const stageMarks = stages.map(() => '?').join(', ');
  const readable = facts.odd
    ? `${RUN_LIFECYCLE_SQL} IN (${stageMarks}) AND ${READABLE_RUN_SQL}`
    : `r.lifecycle_stage IN (${stageMarks})`;
  return {
    from: { sql: driver?.sql ?? 'runs r', params: driver?.params ?? [] },
    where: {
      sql: `${experiments.sql} AND ${readable} AND ${filter.sql}`,
      params: [...experiments.params, ...stages, ...filter.params],
    },
  };
}

/**
 * The runs of some experiments. Experiment ids are INTEGER in MLflow's schema and the client
 * compares them as text, so only an id written as SQLite writes the integer (`7`, never `07`)
 * can match; undefined when none can.
 */
export function experimentsSql(experimentIds: readonly string[]): SqlFragment | undefined {
  const ids = experimentIds.filter((id) => /^(0|-?[1-9]\d*)$/.test(id) && Number.isSafeInteger(Number(id))).map(Number);
  if (ids.length === 0) return undefined;
  return { sql: `r.experiment_id IN (${ids.map(() => '?').join(', ')})`, params: ids };
}

/**
 * Rows of the searched experiments that cannot be read as runs are left out of every page; they
 * are read the way a run is so that each is reported with its reason (the store's problems).
 */
function reportUnreadableRuns(session: SqliteSession, experiments: SqlFragment, sink: ProblemSink): void {
  readRuns(session, { where: `${experiments.sql} AND NOT (${READABLE_RUN_SQL})`, params: experiments.params }, sink);
}
