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
 * search/runPredicates.ts means (the contract suite holds both to the recorded server): a run
 * lacking the metric, param, tag or attribute never matches (not even `!=`), a NaN metric
 * compares as 0, `run_name` is the `mlflow.runName` tag, a dataset comparison holds when any one
 * of the run's dataset inputs satisfies it. Each metric, param and tag test is one primary-key
 * lookup per run, rather than the scan of a derived table MLflow's own SQL makes.
 */
export function runFilterSql(comparisons: readonly Comparison[], schema: SqliteSchema): SqlFragment {
  const parts = comparisons.map((comparison) => comparisonSql(comparison, schema));
  if (parts.length === 0) return { sql: '1', params: [] };
  return { sql: parts.map((part) => `(${part.sql})`).join(' AND '), params: parts.flatMap((part) => part.params) };
}

function comparisonSql(comparison: Comparison, schema: SqliteSchema): SqlFragment {
  const { key } = comparison;
  switch (comparison.entityType) {
    case 'metric': {
      const test = numberTestSql('(CASE WHEN m.is_nan = 1 THEN 0 ELSE m.value END)', comparison);
      return within('SELECT 1 FROM latest_metrics m WHERE m.key = ? AND m.run_uuid = r.run_uuid', [key], test);
    }
    case 'param':
      return within(
        'SELECT 1 FROM params p WHERE p.key = ? AND p.run_uuid = r.run_uuid',
        [key],
        textTestSql("ifnull(p.value, '')", comparison),
      );
    case 'tag':
      return tagSql(key, comparison);
    case 'attribute':
      return attributeSql(comparison);
    case 'dataset':
      return datasetSql(comparison, schema);
  }
}

function tagSql(key: string, comparison: Comparison): SqlFragment {
  return within(
    'SELECT 1 FROM tags t WHERE t.key = ? AND t.run_uuid = r.run_uuid',
    [key],
    textTestSql("ifnull(t.value, '')", comparison),
  );
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

/** The SQL of search/valueTests.ts's textTest: `=`, `!=`, LIKE, ILIKE, IN, NOT IN. */
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
