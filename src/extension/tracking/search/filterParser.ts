/**
 * MLflow's search filter language (`metrics.loss < 0.2 AND params.optimizer = 'adam'`), parsed
 * and checked exactly as an MLflow 3.5.1 server checks it: what the server rejects is rejected
 * here with a SearchSyntaxError (INVALID_PARAMETER_VALUE) whose `position` points at the
 * offending token.
 */
import { parseFilterSyntax } from './filterSyntax';
import { experimentComparisonOf } from './experimentFilterRules';
import { runComparisonOf } from './runFilterRules';

export type Comparator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN' | 'IS NULL' | 'IS NOT NULL';

export type EntityType = 'attribute' | 'metric' | 'param' | 'tag' | 'dataset';

export interface Comparison {
  entityType: EntityType;
  /**
   * The key with its quotes removed. Attribute aliases are resolved to MLflow's column names
   * (`created` is `start_time`, `Run Name` is `run_name`).
   */
  key: string;
  comparator: Comparator;
  /**
   * A number for metrics and numeric attributes, a string for the others (its inner text exactly
   * as written between the quotes: MLflow unescapes nothing), a list for IN / NOT IN (only the
   * values MLflow keeps: it drops any that are not lower-case, since run ids are), null for
   * IS [NOT] NULL.
   */
  value: string | number | string[] | null;
  /** offset in the filter string */
  position: number;
}

/** Parses a `runs/search` filter; an empty or blank filter is no comparison at all. Throws SearchSyntaxError. */
export function parseRunFilter(filter: string): Comparison[] {
  return parseFilterSyntax(filter).map((clause) => runComparisonOf(clause, filter));
}

/** Parses an `experiments/search` filter (name, creation_time, last_update_time, tags.<key>). Throws SearchSyntaxError. */
export function parseExperimentFilter(filter: string): Comparison[] {
  return parseFilterSyntax(filter).map((clause) => experimentComparisonOf(clause, filter));
}
