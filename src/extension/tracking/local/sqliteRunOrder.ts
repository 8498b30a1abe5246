import type { RunOrderClause } from '../search/searchRequest';
import { runTextAttributeSql, type SqlFragment } from './sqliteRunColumns';

/** The joins an ordering needs (one primary-key lookup per run and key) and its ORDER BY terms. */
export interface RunOrderSql {
  joins: SqlFragment;
  /** How many joins (one lookup per run each). */
  joinCount: number;
  orderBy: string;
}

/**
 * Orders runs as sortRuns in search/localSearch.ts does (the server's SQL store, as recorded): by each
 * clause in turn, a missing value last whichever the direction (for metrics a NaN just before
 * the missing ones), then by start time newest first unless start time was a clause, then by run
 * id. Texts compare as SQLite's BINARY collation, which is what the server compares too.
 */
export function runOrderSql(clauses: readonly RunOrderClause[]): RunOrderSql {
  const joins: string[] = [];
  const params: SqlFragment['params'] = [];
  const terms: string[] = [];
  clauses.forEach((clause, index) => {
    const direction = clause.ascending ? 'ASC' : 'DESC';
    const alias = `o${index}`;
    if (clause.entityType === 'metric') {
      joins.push(`LEFT JOIN latest_metrics ${alias} ON ${alias}.key = ? AND ${alias}.run_uuid = r.run_uuid`);
      params.push(clause.key);
      terms.push(
        `CASE WHEN ${alias}.run_uuid IS NULL THEN 2 WHEN ${alias}.is_nan = 1 THEN 1 WHEN ${alias}.value IS NULL THEN 2 ELSE 0 END`,
        `(CASE WHEN ${alias}.is_nan = 1 THEN NULL ELSE ${alias}.value END) ${direction}`,
      );
    } else if (clause.entityType === 'param' || clause.entityType === 'tag') {
      joins.push(
        `LEFT JOIN ${clause.entityType === 'param' ? 'params' : 'tags'} ${alias} ON ${alias}.key = ? AND ${alias}.run_uuid = r.run_uuid`,
      );
      params.push(clause.key);
      terms.push(`${alias}.run_uuid IS NULL`, `ifnull(${alias}.value, '') ${direction}`);
    } else if (clause.key === 'start_time' || clause.key === 'end_time') {
      terms.push(`r.${clause.key} IS NULL`, `r.${clause.key} ${direction}`);
    } else {
      terms.push(`${runTextAttributeSql(clause.key) ?? 'NULL'} ${direction}`);
    }
  });
  if (!clauses.some((clause) => clause.entityType === 'attribute' && clause.key === 'start_time')) {
    // No CASE column here on the server: SQLite puts NULL below every number, so last when newest first.
    terms.push('r.start_time DESC');
  }
  terms.push('r.run_uuid ASC');
  return { joins: { sql: joins.join(' '), params }, joinCount: joins.length, orderBy: terms.join(', ') };
}
