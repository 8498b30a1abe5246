/**
 * The one builder of runs and experiments for tests: a run with only what a test names, everything
 * else empty, as MLflow omits empty fields. Recorded runs come from the fixtures; this is for the
 * edge cases the recordings do not hold.
 */
import { keyedRecord, SystemTags } from '../../src/extension/tracking/model';
import type { DatasetInput, Experiment, Metric, Run, RunInfo } from '../../src/extension/tracking/model';

export interface RunInit extends Partial<RunInfo> {
  /** The parent run's id, as the `mlflow.parentRunId` tag. */
  parent?: string;
  tags?: Record<string, string>;
  params?: Record<string, string>;
  /** Latest values, logged at step 0, time 0. */
  metrics?: Record<string, number>;
  /** Dataset inputs; `context` becomes the `mlflow.data.context` tag. */
  datasets?: { name: string; digest?: string; context?: string }[];
}

/** A run of experiment 1, FINISHED and active, with what `init` names. */
export function aRun(runId: string, init: RunInit = {}): Run {
  const { parent, tags = {}, params = {}, metrics = {}, datasets = [], ...info } = init;
  const allTags = parent === undefined ? tags : { ...tags, [SystemTags.parentRunId]: parent };
  return {
    info: {
      runId,
      runName: '',
      experimentId: '1',
      userId: '',
      status: 'FINISHED',
      artifactUri: `mlflow-artifacts:/1/${runId}/artifacts`,
      lifecycleStage: 'active',
      ...info,
    },
    data: {
      metrics: keyedRecord(
        Object.entries(metrics).map(([key, value]): [string, Metric] => [key, { key, value, timestamp: 0, step: 0 }]),
      ),
      params: keyedRecord(Object.entries(params)),
      tags: keyedRecord(Object.entries(allTags)),
    },
    inputs: {
      datasetInputs: datasets.map((dataset): DatasetInput => ({
        dataset: { name: dataset.name, digest: dataset.digest ?? 'd0', sourceType: 'local', source: '{}' },
        tags: keyedRecord(dataset.context === undefined ? [] : [['mlflow.data.context', dataset.context] as const]),
      })),
    },
    outputs: { modelOutputs: [] },
  };
}

/** An active experiment with no tags, with what `init` names. */
export function anExperiment(experimentId: string, name: string, init: Partial<Experiment> = {}): Experiment {
  return {
    experimentId,
    name,
    artifactLocation: `mlflow-artifacts:/${experimentId}`,
    lifecycleStage: 'active',
    tags: keyedRecord(),
    ...init,
  };
}
