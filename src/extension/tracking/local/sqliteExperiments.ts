import { keyedRecord, type Experiment } from '../model';
import { parseLifecycleStage } from './entityValues';
import type { SqliteImage } from './sqliteImage';
import { hasColumn } from './sqliteSchema';
import { idCell, integerCell, queryRows, textCell } from './sqliteQuery';
import type { StoreProblems } from './storeProblems';

/** Every experiment of the image (active and deleted) with its tags; a malformed row is reported and left out. */
export function readExperiments(image: SqliteImage, problems: StoreProblems, problemPath: string): Experiment[] {
  const { db, schema } = image;
  const times = hasColumn(schema, 'experiments', 'creation_time') && hasColumn(schema, 'experiments', 'last_update_time');
  const sql =
    'SELECT experiment_id, name, artifact_location, lifecycle_stage' +
    (times ? ', creation_time, last_update_time' : '') +
    ' FROM experiments ORDER BY experiment_id';
  const experiments = new Map<string, Experiment>();
  for (const row of queryRows(db, sql)) {
    const experimentId = idCell(row[0]);
    const name = textCell(row[1]);
    const lifecycleStage = parseLifecycleStage(row[3]);
    const where = `${problemPath} (experiment ${String(row[0])})`;
    if (experimentId === undefined || name === undefined || lifecycleStage === undefined) {
      problems.report(where, 'the experiment row has no id, no name or an unknown lifecycle stage');
      continue;
    }
    problems.clear(where);
    experiments.set(experimentId, {
      experimentId,
      name,
      artifactLocation: textCell(row[2]) ?? '',
      lifecycleStage,
      tags: keyedRecord(),
      creationTime: integerCell(row[4]),
      lastUpdateTime: integerCell(row[5]),
    });
  }
  if (hasColumn(schema, 'experiment_tags')) addExperimentTags(image, experiments);
  return [...experiments.values()];
}

function addExperimentTags(image: SqliteImage, experiments: Map<string, Experiment>): void {
  for (const [id, key, value] of queryRows(image.db, 'SELECT experiment_id, key, value FROM experiment_tags')) {
    const experiment = experiments.get(idCell(id) ?? '');
    const tagKey = textCell(key);
    if (experiment && tagKey !== undefined) experiment.tags[tagKey] = textCell(value) ?? '';
  }
}
