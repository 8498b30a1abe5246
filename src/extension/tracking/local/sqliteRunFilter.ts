import { ClientErrorCode, MlflowError } from '../errors';
import { SystemTags } from '../model';
import type { Comparison } from '../search/filterParser';
import { runTextAttributeSql, type SqlFragment } from './sqliteRunColumns';
import { hasColumn, type SqliteSchema } from './sqliteSchema';

const DATASET_CONTEXT_TAG = 'mlflow.data.context';
const NUMERIC_OPERATORS: Readonly<Record<string, string>> = {
  '=': '=',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

/**
 * A parsed run filter as one SQL condition on `runs r`, every value bound, meaning exactly what
 * search/localSearch.ts means (the contract suite holds both to the recorded server): a run
 * lacking the metric, param, tag or attribute never matches (not even `!=`), a NaN metric
 * compares as 0, `run_name` is the `mlflow.runName` tag, a dataset comparison holds when any one
 * of the run's dataset inputs satisfies it. Each metric, param and tag test is one primary-key
 * lookup per run, rather than the scan of a derived table MLflow's own SQL makes. The comparison
 * at index `driving`, when given, is left out: the search reads runs from its key's rows instead
 * (runDriverSql).
 */
export function runFilterSql(comparisons: readonly Comparison[], schema: SqliteSchema, driving?: number): SqlFragment {
  const parts = comparisons
    .filter((_comparison, index) => index !== driving)
    .map((comparison) => comparisonSql(comparison, schema));
  if (parts.length === 0) return { sql: '1', params: [] };
  return { sql: parts.map((part) => `(${part.sql})`).join(' AND '), params: parts.flatMap((part) => part.params) };
}

/** A metric, param or tag comparison: a test on the one row of `table` with the run's id and `key`. */
export interface KeyedComparison {
  table: 'latest_metrics' | 'params' | 'tags';
  key: string;
  /** The test on that row, aliased `k`. */
  test: SqlFragment;
}

/** The comparison as a test on one keyed row, when it is a metric, param or tag comparison. */
export function keyedComparison(comparison: Comparison): KeyedComparison | undefined {
  const { key } = comparison;
  switch (comparison.entityType) {
    case 'metric':
      return {
        table: 'latest_metrics',
        key,
        test: numberTestSql('(CASE WHEN k.is_nan = 1 THEN 0 ELSE k.value END)', comparison),
      };
    case 'param':
      return { table: 'params', key, test: textTestSql("ifnull(k.value, '')", comparison) };
    case 'tag':
      return { table: 'tags', key, test: textTestSql("ifnull(k.value, '')", comparison) };
    default:
      return undefined;
  }
}

/**
 * The runs a keyed comparison holds for, as the table a search reads first: the key's rows in
 * its index (`key` leads the primary key), each joined to its run row. DISTINCT keeps a run once
 * even in a store whose table lacks MLflow's primary key.
 */
export function runDriverSql(keyed: KeyedComparison): SqlFragment {
  return {
    sql:
      `(SELECT DISTINCT k.run_uuid FROM ${keyed.table} k WHERE k.key = ? AND ${keyed.test.sql}) driver ` +
      'CROSS JOIN runs r ON r.run_uuid = driver.run_uuid',
    params: [keyed.key, ...keyed.test.params],
  };
}

function comparisonSql(comparison: Comparison, schema: SqliteSchema): SqlFragment {
  const keyed = keyedComparison(comparison);
  if (keyed !== undefined) return keyedSql(keyed);
  if (comparison.entityType === 'dataset') return datasetSql(comparison, schema);
  return attributeSql(comparison);
}

function keyedSql(keyed: KeyedComparison): SqlFragment {
  return within(`SELECT 1 FROM ${keyed.table} k WHERE k.key = ? AND k.run_uuid = r.run_uuid`, [keyed.key], keyed.test);
}

function tagSql(key: string, comparison: Comparison): SqlFragment {
  return keyedSql({ table: 'tags', key, test: textTestSql("ifnull(k.value, '')", comparison) });
}

function attributeSql(comparison: Comparison): SqlFragment {
  switch (comparison.key) {
    case 'start_time':
      return numberTestSql('r.start_time', comparison);
    case 'end_time':
      return numberTestSql('r.end_time', comparison);
    case 'run_name':
      // The server filters on the tag, since the name column is empty for runs of MLflow <= 1.29.
      return tagSql(SystemTags.runName, comparison);
    default: {
      const column = runTextAttributeSql(comparison.key);
      if (column === undefined) throw unsupported(comparison);
      return textTestSql(column, comparison);
    }
  }
}

function datasetSql(comparison: Comparison, schema: SqliteSchema): SqlFragment {
  // Stores older than datasets (MLflow < 2.4) have no inputs: no run matches a dataset comparison.
  if (!hasColumn(schema, 'inputs') || !hasColumn(schema, 'datasets')) return { sql: '0', params: [] };
  const inputs =
    'SELECT 1 FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id ' +
    "WHERE i.destination_type = 'RUN' AND i.destination_id = r.run_uuid AND i.source_type = 'DATASET'";
  if (comparison.key !== 'context') {
    return within(
      inputs,
      [],
      textTestSql(comparison.key === 'digest' ? "ifnull(d.digest, '')" : "ifnull(d.name, '')", comparison),
    );
  }
  if (!hasColumn(schema, 'input_tags')) return { sql: '0', params: [] };
  const context = `${inputs} AND EXISTS (SELECT 1 FROM input_tags it WHERE it.input_uuid = i.input_uuid AND it.name = ? AND `;
  const test = textTestSql("ifnull(it.value, '')", comparison);
  return { sql: `EXISTS (${context}${test.sql}))`, params: [DATASET_CONTEXT_TAG, ...test.params] };
}

/** `EXISTS (<select> AND <test>)`. */
function within(select: string, params: SqlFragment['params'], test: SqlFragment): SqlFragment {
  return { sql: `EXISTS (${select} AND ${test.sql})`, params: [...params, ...test.params] };
}

function numberTestSql(column: string, comparison: Comparison): SqlFragment {
  const operator = NUMERIC_OPERATORS[comparison.comparator];
  if (operator === undefined || typeof comparison.value !== 'number') throw unsupported(comparison);
  return { sql: `${column} ${operator} ?`, params: [comparison.value] };
}

/** The SQL of search/sqlValues.ts's textTest: `=`, `!=`, LIKE, ILIKE, IN, NOT IN. */
function textTestSql(column: string, comparison: Comparison): SqlFragment {
  const { comparator, value } = comparison;
  if (Array.isArray(value)) {
    const marks = value.map(() => '?').join(', ');
    if (comparator === 'IN') return { sql: `${column} IN (${marks})`, params: [...value] };
    if (comparator === 'NOT IN') return { sql: `${column} NOT IN (${marks})`, params: [...value] };
  } else if (typeof value === 'string') {
    if (comparator === '=') return { sql: `${column} = ?`, params: [value] };
    if (comparator === '!=') return { sql: `${column} != ?`, params: [value] };
    // LIKE is case-sensitive in MLflow (it turns on case_sensitive_like): GLOB is SQLite's
    // case-sensitive LIKE. ILIKE is SQLite's own LIKE, which folds A-Z only, as lower() does.
    if (comparator === 'LIKE') return { sql: `${column} GLOB ?`, params: [globOfLike(value)] };
    if (comparator === 'ILIKE') return { sql: `${column} LIKE ?`, params: [value] };
  }
  throw unsupported(comparison);
}

/** A LIKE pattern (`%`, `_`, no escape character) as the GLOB pattern that matches the same texts. */
export function globOfLike(pattern: string): string {
  let glob = '';
  for (const character of pattern) {
    if (character === '%') glob += '*';
    else if (character === '_') glob += '?';
    else if (character === '*' || character === '?' || character === '[') glob += `[${character}]`;
    else glob += character;
  }
  return glob;
}

// Reached only by a Comparison built by hand: parseRunFilter never produces one of these.
function unsupported(comparison: Comparison): MlflowError {
  return new MlflowError(
    `Cannot evaluate ${comparison.entityType} ${comparison.key} ${comparison.comparator} ${JSON.stringify(comparison.value)}`,
    ClientErrorCode.unsupported,
  );
}
