import { unclampInfinity } from '../../../webview/shared/nonFinite';
import { keyedRecord, RUN_STATUSES, SystemTags } from '../model';
import type {
  Dataset,
  DatasetInput,
  Experiment,
  FileInfo,
  KeyedRecord,
  LifecycleStage,
  Metric,
  ModelOutput,
  Run,
  RunInfo,
} from '../model';
import {
  asObject,
  readArray,
  readBoolean,
  readDouble,
  readEnum,
  readInteger,
  readObject,
  readOptionalInteger,
  readOptionalString,
  readString,
} from './wireValues';
import type { WireObject } from './wireValues';

/**
 * MLflow's snake_case JSON entities -> model.ts entities, validated field by field. `where` names
 * the place in the answer (`runs/get: run`) for the BAD_RESPONSE message when a field is wrong.
 */

const LIFECYCLE_STAGES: readonly LifecycleStage[] = ['active', 'deleted'];

/** An `Experiment` message. */
export function experimentFromWire(value: unknown, where: string): Experiment {
  const wire = asObject(value, where);
  const experiment: Experiment = {
    experimentId: readString(wire, 'experiment_id', where),
    name: readString(wire, 'name', where),
    artifactLocation: readOptionalString(wire, 'artifact_location', where) ?? '',
    lifecycleStage: lifecycleStage(wire, where),
    tags: tagsFromWire(readArray(wire, 'tags', where), `${where}.tags`),
  };
  const creationTime = readOptionalInteger(wire, 'creation_time', where);
  const lastUpdateTime = readOptionalInteger(wire, 'last_update_time', where);
  if (creationTime !== undefined) experiment.creationTime = creationTime;
  if (lastUpdateTime !== undefined) experiment.lastUpdateTime = lastUpdateTime;
  return experiment;
}

/** A `Run` message: info, data, inputs and outputs (the last three omitted by the server when empty). */
export function runFromWire(value: unknown, where: string): Run {
  const wire = asObject(value, where);
  const data = readObject(wire, 'data', where);
  const tags = tagsFromWire(readArray(data, 'tags', `${where}.data`), `${where}.data.tags`);
  const inputs = readObject(wire, 'inputs', where);
  const outputs = readObject(wire, 'outputs', where);
  return {
    info: runInfoFromWire(wire.info, `${where}.info`, tags),
    data: {
      metrics: latestMetricsFromWire(readArray(data, 'metrics', `${where}.data`), `${where}.data.metrics`),
      params: tagsFromWire(readArray(data, 'params', `${where}.data`), `${where}.data.params`),
      tags,
    },
    inputs: {
      datasetInputs: readArray(inputs, 'dataset_inputs', `${where}.inputs`).map((input, index) =>
        datasetInputFromWire(input, `${where}.inputs.dataset_inputs[${index}]`),
      ),
    },
    outputs: {
      modelOutputs: readArray(outputs, 'model_outputs', `${where}.outputs`).map((output, index) =>
        modelOutputFromWire(output, `${where}.outputs.model_outputs[${index}]`),
      ),
    },
  };
}

/** A `RunInfo` message. Servers before MLflow 2 send `run_uuid` and no `run_name` (the tag has it). */
export function runInfoFromWire(value: unknown, where: string, tags?: KeyedRecord<string>): RunInfo {
  const wire = asObject(value, where);
  const runId = readOptionalString(wire, 'run_id', where) ?? readString(wire, 'run_uuid', where);
  const info: RunInfo = {
    runId,
    runName: readOptionalString(wire, 'run_name', where) ?? tags?.[SystemTags.runName] ?? '',
    experimentId: readString(wire, 'experiment_id', where),
    userId: readOptionalString(wire, 'user_id', where) ?? '',
    status: readEnum(wire, 'status', RUN_STATUSES, where),
    artifactUri: readOptionalString(wire, 'artifact_uri', where) ?? '',
    lifecycleStage: lifecycleStage(wire, where),
  };
  const startTime = readOptionalInteger(wire, 'start_time', where);
  const endTime = readOptionalInteger(wire, 'end_time', where);
  if (startTime !== undefined) info.startTime = startTime;
  if (endTime !== undefined) info.endTime = endTime;
  return info;
}

/**
 * A `Metric` message (a history point, or a run's latest value). A server on a SQL store sends
 * ±Infinity as the ±1.7976931348623157e308 it stored: read back as ±Infinity, as every store does.
 */
export function metricFromWire(value: unknown, where: string): Metric {
  const wire = asObject(value, where);
  return {
    key: readString(wire, 'key', where),
    value: unclampInfinity(readDouble(wire, 'value', where)),
    timestamp: readInteger(wire, 'timestamp', where),
    step: readInteger(wire, 'step', where),
  };
}

/**
 * The metric at `entries[index]`, as metricFromWire reads it. A page of 1,000 runs holds some
 * 5,000 latest values and a history page up to 25,000 points: the usual entry (numbers where
 * numbers belong) is taken as it is, and the entry's location is only spelled out for the error
 * of one that is not.
 */
export function metricAt(entries: readonly unknown[], index: number, where: string): Metric {
  const entry = entries[index];
  if (isPlainMetric(entry)) {
    return { key: entry.key, value: unclampInfinity(entry.value), timestamp: entry.timestamp, step: entry.step ?? 0 };
  }
  return metricFromWire(entry, `${where}[${index}]`);
}

/** A metric entry whose fields are what metricFromWire accepts without conversion (protobuf omits a 0 step). */
function isPlainMetric(entry: unknown): entry is { key: string; value: number; timestamp: number; step?: number } {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return false;
  const { key, value, timestamp, step } = entry as WireObject;
  return (
    typeof key === 'string' &&
    typeof value === 'number' &&
    Number.isInteger(timestamp) &&
    (step === undefined || Number.isInteger(step))
  );
}

/** A `FileInfo` message; `path` as the server gave it. */
export function fileInfoFromWire(value: unknown, where: string): FileInfo {
  const wire = asObject(value, where);
  const info: FileInfo = { path: readString(wire, 'path', where), isDir: readBoolean(wire, 'is_dir', where) };
  const fileSize = readOptionalInteger(wire, 'file_size', where);
  if (fileSize !== undefined) info.fileSize = fileSize;
  return info;
}

/** `[{key, value}]` (tags, params) -> a null-prototype record; a later duplicate key wins. */
export function tagsFromWire(entries: readonly unknown[], where: string): KeyedRecord<string> {
  const record = keyedRecord<string>();
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    // The usual entry is taken as it is: a page of 1,000 runs has some 20,000 of them, and building
    // each one's location for a message it never needs cost a tenth of the page's parsing.
    if (isPlainTag(entry)) {
      record[entry.key] = entry.value ?? '';
      continue;
    }
    const at = `${where}[${index}]`;
    const wire = asObject(entry, at);
    record[readString(wire, 'key', at)] = readOptionalString(wire, 'value', at) ?? '';
  }
  return record;
}

/** A `{key, value?}` entry whose key and value (when present) are strings: what asObject and readString accept. */
function isPlainTag(entry: unknown): entry is { key: string; value?: string } {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return false;
  const { key, value } = entry as WireObject;
  return typeof key === 'string' && (value === undefined || typeof value === 'string');
}

function latestMetricsFromWire(entries: readonly unknown[], where: string): KeyedRecord<Metric> {
  const record = keyedRecord<Metric>();
  for (let index = 0; index < entries.length; index++) {
    const metric = metricAt(entries, index, where);
    record[metric.key] = metric;
  }
  return record;
}

function datasetInputFromWire(value: unknown, where: string): DatasetInput {
  const wire = asObject(value, where);
  return {
    dataset: datasetFromWire(wire.dataset, `${where}.dataset`),
    tags: tagsFromWire(readArray(wire, 'tags', where), `${where}.tags`),
  };
}

function datasetFromWire(value: unknown, where: string): Dataset {
  const wire: WireObject = asObject(value, where);
  const dataset: Dataset = {
    name: readString(wire, 'name', where),
    digest: readOptionalString(wire, 'digest', where) ?? '',
    sourceType: readOptionalString(wire, 'source_type', where) ?? '',
    source: readOptionalString(wire, 'source', where) ?? '',
  };
  const schema = readOptionalString(wire, 'schema', where);
  const profile = readOptionalString(wire, 'profile', where);
  if (schema !== undefined) dataset.schema = schema;
  if (profile !== undefined) dataset.profile = profile;
  return dataset;
}

function modelOutputFromWire(value: unknown, where: string): ModelOutput {
  const wire = asObject(value, where);
  return { modelId: readString(wire, 'model_id', where), step: readInteger(wire, 'step', where) };
}

function lifecycleStage(wire: WireObject, where: string): LifecycleStage {
  return wire.lifecycle_stage === undefined ? 'active' : readEnum(wire, 'lifecycle_stage', LIFECYCLE_STAGES, where);
}
