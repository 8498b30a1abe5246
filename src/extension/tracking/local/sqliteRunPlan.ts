import type { Comparison } from '../search/filterParser';
import type { SqliteSession } from './sqliteConnection';
import { queryRows } from './sqliteQuery';
import { PLAIN_RUN_SQL, type SqlFragment } from './sqliteRunColumns';
import { keyedComparison } from './sqliteRunFilter';

/** What a page query needs to know of the searched experiments' run rows at one committed state. */
export interface ExperimentRunFacts {
  /** How many run rows the experiments have. */
  runs: number;
  /** Whether any row is not as MLflow writes it (an odd status or lifecycle, no id): see PLAIN_RUN_SQL. */
  odd: boolean;
  /**
   * What comparisons keep, as drivingComparison estimated them at this state, by comparison: the
   * runs table counts a query's runs and then reads its pages, and each would sample the same keys.
   */
  readonly shares: Map<string, KeyShare>;
}

/** A key's rows, and how many of them a comparison keeps (estimated from a sample). */
interface KeyShare {
  rows: number;
  kept: number;
}

/**
 * The facts of the searched experiments, read once per committed state of the file (one pass over
 * `runs`, which has no index by experiment in MLflow's schema), not again for every page.
 */
export class ExperimentRunFactsCache {
  private version: string | undefined;
  private readonly facts = new Map<string, ExperimentRunFacts>();

  /** The facts, and whether they were read just now (so the odd rows are reported once per state). */
  of(session: SqliteSession, experiments: SqlFragment): { facts: ExperimentRunFacts; fresh: boolean } {
    if (this.version !== session.version) {
      this.version = session.version;
      this.facts.clear();
    }
    const searched = JSON.stringify(experiments.params);
    const known = this.facts.get(searched);
    if (known !== undefined) return { facts: known, fresh: false };
    const row = queryRows(
      session.db,
      `SELECT count(*) AS runs, total(1 - ${PLAIN_RUN_SQL}) AS odd FROM runs r WHERE ${experiments.sql}`,
      experiments.params,
    )[0];
    const facts = { runs: Number(row?.['runs'] ?? 0), odd: Number(row?.['odd'] ?? 0) > 0, shares: new Map() };
    this.facts.set(searched, facts);
    return { facts, fresh: true };
  }
}

// Below this many runs, reading every run of the experiments costs less than any estimate would.
const MIN_RUNS_TO_PLAN = 1000;
// Rows of a key read to estimate how many of them a comparison keeps (runs ids are random, so the
// first rows are a fair sample). Each is a read of a page of the table, cold in a first search:
// 64 give a share within about 6 points, which is all the plan's choice needs (costs differ by multiples).
const SAMPLE_ROWS = 64;
// A key's row read in index order costs about a third of a lookup of one run's row by id (measured on a 10,000-run store).
const SEQUENTIAL_ROW_COST = 1 / 3;

/**
 * Which comparison, if any, a search should read its runs from: by default SQLite reads every run
 * of the experiments and looks up each metric, param, tag and ordering key per run; a comparison
 * that keeps few runs of a large experiment is cheaper to start from (its key's rows, then only
 * the runs they name). Its share is estimated on a sample of the key's rows, since MLflow's store
 * has no statistics (it is never ANALYZEd, and a reader must not write them).
 */
export function drivingComparison(
  session: SqliteSession,
  comparisons: readonly Comparison[],
  facts: ExperimentRunFacts,
  lookupsPerRun: number,
): number | undefined {
  if (facts.runs < MIN_RUNS_TO_PLAN) return undefined;
  let best: { index: number; cost: number } | undefined;
  comparisons.forEach((comparison, index) => {
    const keyed = keyedComparison(comparison);
    if (keyed === undefined) return;
    const { rows, kept } = keyShare(session, facts, keyed);
    const cost = rows * SEQUENTIAL_ROW_COST + kept * lookupsPerRun;
    if (best === undefined || cost < best.cost) best = { index, cost };
  });
  return best !== undefined && best.cost < facts.runs * lookupsPerRun ? best.index : undefined;
}

/** The share of its key's rows a comparison keeps, sampled once per committed state and experiments. */
function keyShare(
  session: SqliteSession,
  facts: ExperimentRunFacts,
  keyed: NonNullable<ReturnType<typeof keyedComparison>>,
): KeyShare {
  const id = JSON.stringify([keyed.table, keyed.key, keyed.test.sql, keyed.test.params], (_, value: unknown) =>
    typeof value === 'bigint' ? `${value}n` : value,
  );
  let share = facts.shares.get(id);
  if (share === undefined) {
    const row = queryRows(
      session.db,
      `SELECT (SELECT count(*) FROM ${keyed.table} WHERE key = ?) AS rows, count(*) AS sampled, ` +
        `total(CASE WHEN ${keyed.test.sql} THEN 1 ELSE 0 END) AS kept ` +
        `FROM (SELECT * FROM ${keyed.table} WHERE key = ? LIMIT ${SAMPLE_ROWS}) k`,
      [keyed.key, ...keyed.test.params, keyed.key],
    )[0];
    const rows = Number(row?.['rows'] ?? 0);
    const sampled = Number(row?.['sampled'] ?? 0);
    share = { rows, kept: sampled === 0 ? 0 : (rows * Number(row?.['kept'] ?? 0)) / sampled };
    facts.shares.set(id, share);
  }
  return share;
}
