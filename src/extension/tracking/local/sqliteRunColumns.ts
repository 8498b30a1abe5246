import type { SQLInputValue } from 'node:sqlite';

/** A piece of SQL and the values bound to its `?` marks, in order. */
export interface SqlFragment {
  sql: string;
  params: SQLInputValue[];
}

/**
 * A run's status as the client reads it (entityValues.ts): MLflow's name, or the number the file
 * store uses, any case, spaces around; anything else is not a status (the row is reported).
 */
export const RUN_STATUS_SQL =
  "CASE upper(trim(r.status)) WHEN '1' THEN 'RUNNING' WHEN '2' THEN 'SCHEDULED' WHEN '3' THEN 'FINISHED' " +
  "WHEN '4' THEN 'FAILED' WHEN '5' THEN 'KILLED' ELSE upper(trim(r.status)) END";

/** A run's lifecycle stage: an empty one (stores before lifecycle stages) is active. */
export const RUN_LIFECYCLE_SQL = "ifnull(nullif(r.lifecycle_stage, ''), 'active')";

const STATUSES = "('RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED')";

/**
 * The run rows the client can read (sqliteRuns.ts reports the others instead of listing them).
 * The plain comparisons come first: every row MLflow wrote passes them, so the normalising CASE
 * (most of a page query's time on 10,000 runs) runs only for the odd rows.
 */
export const READABLE_RUN_SQL =
  `typeof(r.run_uuid) = 'text' AND r.run_uuid != '' AND (r.status IN ${STATUSES} OR (${RUN_STATUS_SQL}) IN ${STATUSES}) ` +
  `AND (r.lifecycle_stage IN ('active', 'deleted') OR ${RUN_LIFECYCLE_SQL} IN ('active', 'deleted'))`;

/**
 * A run row exactly as MLflow writes it (id, status name, lifecycle stage): when every row of the
 * searched experiments is, a page query needs neither READABLE_RUN_SQL nor RUN_LIFECYCLE_SQL (a
 * third of its time on 10,000 runs). A CASE, so that a NULL column counts as not plain.
 */
export const PLAIN_RUN_SQL =
  `CASE WHEN typeof(r.run_uuid) = 'text' AND r.run_uuid != '' AND r.status IN ${STATUSES} ` +
  "AND r.lifecycle_stage IN ('active', 'deleted') THEN 1 ELSE 0 END";

/**
 * The text attributes of a run as filters and ordering read them (runAttributeOf in search/filterParser.ts):
 * empty when the column is; `run_name` falls back to the `mlflow.runName` tag as the run's name does.
 */
export function runTextAttributeSql(key: string): string | undefined {
  switch (key) {
    case 'run_name':
      return "coalesce(nullif(r.name, ''), (SELECT ifnull(t.value, '') FROM tags t WHERE t.key = 'mlflow.runName' AND t.run_uuid = r.run_uuid), '')";
    case 'run_id':
      return 'r.run_uuid';
    case 'user_id':
      return "ifnull(r.user_id, '')";
    case 'status':
      return `(${RUN_STATUS_SQL})`;
    case 'artifact_uri':
      return "ifnull(r.artifact_uri, '')";
    default:
      return undefined;
  }
}
