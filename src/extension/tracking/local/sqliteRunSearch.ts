import type { Run } from '../model';
import { pageStart, type RunSearchQuery } from '../search/localSearch';
import type { SqliteSession } from './sqliteConnection';
import { READABLE_RUN_SQL, RUN_LIFECYCLE_SQL, type SqlFragment } from './sqliteRunColumns';
import { runFilterSql } from './sqliteRunFilter';
import { runOrderSql } from './sqliteRunOrder';
import { readRuns, type ProblemSink } from './sqliteRuns';
import { queryRows, runsWithIds, textCell } from './sqliteQuery';

/**
 * One page of a run search, found by SQLite: the filter, the order and the page run in one query
 * that returns only the page's run ids, and only those runs are then read whole. So a search
 * costs the same whether the experiment has 100 runs or 100,000, and nothing of the runs not shown
 * is ever built in memory.
 */
export function searchRunPage(
  session: SqliteSession,
  query: RunSearchQuery,
  sink: ProblemSink,
  reported = new UnreadableRunReports(),
): Run[] {
  const experiments = experimentsSql(query.experimentIds);
  if (experiments === undefined || query.stages.size === 0) return [];
  const stages = [...query.stages];
  const filter = runFilterSql(query.comparisons, session.schema);
  const order = runOrderSql(query.order);
  const sql =
    `SELECT r.run_uuid FROM runs r ${order.joins.sql} ` +
    `WHERE ${experiments.sql} AND ${RUN_LIFECYCLE_SQL} IN (${stages.map(() => '?').join(', ')}) AND ${READABLE_RUN_SQL} AND ${filter.sql} ` +
    `ORDER BY ${order.orderBy} LIMIT ? OFFSET ?`;
  const params = [
    ...order.joins.params,
    ...experiments.params,
    ...stages,
    ...filter.params,
    query.maxResults,
    pageStart(query),
  ];
  const runIds = queryRows(session.db, sql, params).map((row) => textCell(row['run_uuid'])!);
  const searched = JSON.stringify(experiments.params);
  if (!reported.has(session.version, searched)) {
    reportUnreadableRuns(session, experiments, sink);
    reported.add(session.version, searched);
  }
  if (runIds.length === 0) return [];
  const byId = new Map(readRuns(session, runsWithIds(runIds), sink).map((run) => [run.info.runId, run]));
  return runIds.map((runId) => byId.get(runId)).filter((run): run is Run => run !== undefined);
}

/**
 * Which experiments' unreadable rows were reported at which committed state of the file: the
 * report is a scan of every run row of the experiments, needed again only once something was
 * committed, not for every page asked of an unchanged file.
 */
export class UnreadableRunReports {
  private version: string | undefined;
  private readonly searched = new Set<string>();

  has(version: string, experiments: string): boolean {
    return this.version === version && this.searched.has(experiments);
  }

  add(version: string, experiments: string): void {
    if (this.version !== version) {
      this.version = version;
      this.searched.clear();
    }
    this.searched.add(experiments);
  }
}

/**
 * The runs of some experiments. Experiment ids are INTEGER in MLflow's schema and the client
 * compares them as text, so only an id written as SQLite writes the integer (`7`, never `07`)
 * can match; undefined when none can.
 */
function experimentsSql(experimentIds: readonly string[]): SqlFragment | undefined {
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
