import { keyedRecord, SystemTags } from '../../../src/extension/tracking/model';
import type { Experiment, Metric, Run, RunInfo } from '../../../src/extension/tracking/model';

/** A run with only what a test names; everything else empty, as MLflow omits empty fields. */
export function aRun(
  runId: string,
  init: Partial<RunInfo> & {
    parent?: string;
    tags?: Record<string, string>;
    params?: Record<string, string>;
    metrics?: Record<string, number>;
  } = {},
): Run {
  const { parent, tags = {}, params = {}, metrics = {}, ...info } = init;
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
    inputs: { datasetInputs: [] },
    outputs: { modelOutputs: [] },
  };
}

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
