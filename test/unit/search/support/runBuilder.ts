/** Small typed builders for the edge cases the recordings do not hold. */
import type { Experiment, LifecycleStage, Run, RunStatus } from '../../../../src/extension/tracking/model';
import { keyedRecord } from '../../../../src/extension/tracking/model';

export interface RunSpec {
  id: string;
  experimentId?: string;
  name?: string;
  status?: RunStatus;
  start?: number;
  end?: number;
  stage?: LifecycleStage;
  metrics?: Record<string, number>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  datasets?: { name: string; digest?: string; context?: string }[];
}

export function buildRun(spec: RunSpec): Run {
  const name = spec.name ?? spec.id;
  return {
    info: {
      runId: spec.id,
      runName: name,
      experimentId: spec.experimentId ?? '1',
      userId: 'user',
      status: spec.status ?? 'FINISHED',
      startTime: spec.start,
      endTime: spec.end,
      artifactUri: `mlflow-artifacts:/1/${spec.id}/artifacts`,
      lifecycleStage: spec.stage ?? 'active',
    },
    data: {
      metrics: keyedRecord(
        Object.entries(spec.metrics ?? {}).map(([key, value]) => [key, { key, value, timestamp: 0, step: 0 }] as const),
      ),
      params: keyedRecord(Object.entries(spec.params ?? {})),
      tags: keyedRecord(Object.entries({ 'mlflow.runName': name, ...spec.tags })),
    },
    inputs: {
      datasetInputs: (spec.datasets ?? []).map((dataset) => ({
        dataset: { name: dataset.name, digest: dataset.digest ?? 'd0', sourceType: 'local', source: '{}' },
        tags: keyedRecord(dataset.context === undefined ? [] : [['mlflow.data.context', dataset.context] as const]),
      })),
    },
    outputs: { modelOutputs: [] },
  };
}

export function buildExperiment(id: string, name: string, extra: Partial<Experiment> = {}): Experiment {
  return {
    experimentId: id,
    name,
    artifactLocation: `mlflow-artifacts:/${id}`,
    lifecycleStage: 'active',
    tags: keyedRecord(),
    ...extra,
  };
}
