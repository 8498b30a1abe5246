import type { Experiment, RunInfo } from '../model';
import { keyedRecord } from '../model';
import { parseLifecycleStage, parseRunStatus } from './entityValues';
import { metaInteger, metaText, type MetaRecord } from './fileMeta';

/**
 * The file store's `meta.yaml` files as model entities. Each function returns the entity, or a
 * sentence saying why the file cannot describe one (it becomes a store problem, never a crash).
 */

/** An experiment's `<root>/<id>/meta.yaml`; `folderId` is the folder's name, which MLflow goes by. */
export function experimentFromMeta(meta: MetaRecord, folderId: string): Experiment | string {
  const experimentId = metaText(meta, 'experiment_id') ?? folderId;
  if (experimentId !== folderId)
    return `it names experiment ${experimentId}, but sits in the folder of experiment ${folderId}`;
  const name = metaText(meta, 'name');
  if (name === undefined) return 'it has no experiment name';
  const lifecycleStage = parseLifecycleStage(meta.lifecycle_stage);
  if (lifecycleStage === undefined)
    return `its lifecycle_stage ${show(meta.lifecycle_stage)} is neither active nor deleted`;
  return {
    experimentId,
    name,
    artifactLocation: metaText(meta, 'artifact_location') ?? '',
    lifecycleStage,
    tags: keyedRecord(),
    creationTime: metaInteger(meta, 'creation_time'),
    lastUpdateTime: metaInteger(meta, 'last_update_time'),
  };
}

/** A run's `<root>/<exp>/<run>/meta.yaml` (status and source_type as MLflow's enum numbers). */
export function runInfoFromMeta(meta: MetaRecord, folderRunId: string, folderExperimentId: string): RunInfo | string {
  const runId = metaText(meta, 'run_id') ?? metaText(meta, 'run_uuid');
  if (runId !== folderRunId) return `it names run ${String(runId)}, but sits in the folder of run ${folderRunId}`;
  const experimentId = metaText(meta, 'experiment_id');
  if (experimentId !== folderExperimentId) {
    return `it names experiment ${String(experimentId)}, but sits in the folder of experiment ${folderExperimentId}`;
  }
  const status = parseRunStatus(metaInteger(meta, 'status') ?? meta.status);
  if (status === undefined) return `its status ${show(meta.status)} is not a run status`;
  const lifecycleStage = parseLifecycleStage(meta.lifecycle_stage);
  if (lifecycleStage === undefined)
    return `its lifecycle_stage ${show(meta.lifecycle_stage)} is neither active nor deleted`;
  return {
    runId,
    runName: metaText(meta, 'run_name') ?? '',
    experimentId,
    userId: metaText(meta, 'user_id') ?? '',
    status,
    startTime: metaInteger(meta, 'start_time'),
    endTime: metaInteger(meta, 'end_time'),
    artifactUri: metaText(meta, 'artifact_uri') ?? '',
    lifecycleStage,
  };
}

/** A YAML value in a message (JSON.stringify cannot show the big integers YAML reads). */
function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
