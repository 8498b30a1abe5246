// Entities as an MLflow 3.5.1 server writes them in JSON (see the transcripts, e.g. 061 and 173):
// snake_case, key/value lists, NaN and infinities as strings, empty parts left out.
import { doubleToWire } from '../../../../src/extension/tracking/rest/json';
import type { Experiment, KeyedRecord, Metric, Run, RunInfo } from '../../../../src/extension/tracking/model';

type Json = Record<string, unknown>;

function keyValues(record: KeyedRecord<string>): { key: string; value: string }[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}

function withoutUndefined(fields: Json): Json {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

export function experimentToWire(experiment: Experiment): Json {
  const tags = keyValues(experiment.tags);
  return withoutUndefined({
    experiment_id: experiment.experimentId,
    name: experiment.name,
    artifact_location: experiment.artifactLocation,
    lifecycle_stage: experiment.lifecycleStage,
    last_update_time: experiment.lastUpdateTime,
    creation_time: experiment.creationTime,
    tags: tags.length > 0 ? tags : undefined,
  });
}

export function runInfoToWire(info: RunInfo): Json {
  return withoutUndefined({
    run_uuid: info.runId,
    experiment_id: info.experimentId,
    run_name: info.runName,
    user_id: info.userId,
    status: info.status,
    start_time: info.startTime,
    end_time: info.endTime,
    artifact_uri: info.artifactUri,
    lifecycle_stage: info.lifecycleStage,
    run_id: info.runId,
  });
}

function metricToWire(metric: Metric): Json {
  return { key: metric.key, value: doubleToWire(metric.value), timestamp: metric.timestamp, step: metric.step };
}

export function runToWire(run: Run): Json {
  const metrics = Object.values(run.data.metrics).map(metricToWire);
  const params = keyValues(run.data.params);
  const tags = keyValues(run.data.tags);
  const datasetInputs = run.inputs.datasetInputs.map((input) => ({
    tags: keyValues(input.tags),
    dataset: withoutUndefined({
      name: input.dataset.name,
      digest: input.dataset.digest,
      source_type: input.dataset.sourceType,
      source: input.dataset.source,
      schema: input.dataset.schema,
      profile: input.dataset.profile,
    }),
  }));
  const modelOutputs = run.outputs.modelOutputs.map((output) => ({ model_id: output.modelId, step: output.step }));
  return {
    info: runInfoToWire(run.info),
    data: withoutUndefined({
      metrics: metrics.length > 0 ? metrics : undefined,
      params: params.length > 0 ? params : undefined,
      tags: tags.length > 0 ? tags : undefined,
    }),
    inputs: datasetInputs.length > 0 ? { dataset_inputs: datasetInputs } : {},
    outputs: modelOutputs.length > 0 ? { model_outputs: modelOutputs } : {},
  };
}
