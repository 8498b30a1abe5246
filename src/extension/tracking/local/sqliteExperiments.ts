import { DEFAULT_WORKSPACE, keyedRecord, type Experiment } from '../model';
import { parseLifecycleStage } from './entityValues';
import type { SqliteSession } from './sqliteConnection';
import { hasColumn } from './sqliteSchema';
import { idCell, integerCell, queryRows, textCell } from './sqliteQuery';
import type { StoreProblems } from './storeProblems';

/** Every experiment of the database (active and deleted) with its tags; a malformed row is reported and left out. */
export function readExperiments(session: SqliteSession, problems: StoreProblems, problemPath: string): Experiment[] {
  const { db, schema } = session;
  const times =
    hasColumn(schema, 'experiments', 'creation_time') && hasColumn(schema, 'experiments', 'last_update_time');
  const workspaces = hasColumn(schema, 'experiments', 'workspace');
  const sql =
    'SELECT experiment_id, name, artifact_location, lifecycle_stage' +
    (times ? ', creation_time, last_update_time' : '') +
    (workspaces ? ', workspace' : '') +
    ' FROM experiments ORDER BY experiment_id';
  const experiments = new Map<string, Experiment>();
  for (const row of queryRows(db, sql)) {
    const experimentId = idCell(row['experiment_id']);
    const name = textCell(row['name']);
    const lifecycleStage = parseLifecycleStage(row['lifecycle_stage']);
    const where = `${problemPath} (experiment ${String(row['experiment_id'])})`;
    if (experimentId === undefined || name === undefined || lifecycleStage === undefined) {
      problems.report(where, 'the experiment row has no id, no name or an unknown lifecycle stage');
      continue;
    }
    problems.clear(where);
    const experiment: Experiment = {
      experimentId,
      name,
      artifactLocation: textCell(row['artifact_location']) ?? '',
      lifecycleStage,
      tags: keyedRecord(),
      creationTime: integerCell(row['creation_time']),
      lastUpdateTime: integerCell(row['last_update_time']),
    };
    if (workspaces) experiment.workspace = textCell(row['workspace']) ?? DEFAULT_WORKSPACE;
    experiments.set(experimentId, experiment);
  }
  if (hasColumn(schema, 'experiment_tags')) addExperimentTags(session, experiments);
  return [...experiments.values()];
}

/**
 * The workspaces of the database as MLflow 3.10+ lists them (its workspace store reads the
 * `workspaces` table, by name), `default` first when it is there; none for a store from before
 * workspaces. An experiment naming a workspace the table lacks is not offered, as MLflow does not.
 */
export function readWorkspaces(session: SqliteSession): string[] {
  if (!hasColumn(session.schema, 'workspaces', 'name')) return [];
  const names: string[] = [];
  for (const row of queryRows(session.db, 'SELECT name FROM workspaces ORDER BY name')) {
    const name = textCell(row['name']);
    if (name !== undefined && name !== '') names.push(name);
  }
  return names.includes(DEFAULT_WORKSPACE)
    ? [DEFAULT_WORKSPACE, ...names.filter((name) => name !== DEFAULT_WORKSPACE)]
    : names;
}

function addExperimentTags(session: SqliteSession, experiments: Map<string, Experiment>): void {
  for (const row of queryRows(session.db, 'SELECT experiment_id, key, value FROM experiment_tags')) {
    const experiment = experiments.get(idCell(row['experiment_id']) ?? '');
    const tagKey = textCell(row['key']);
    if (experiment && tagKey !== undefined) experiment.tags[tagKey] = textCell(row['value']) ?? '';
  }
}
