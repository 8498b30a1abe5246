/**
 * Test-side access to the recordings of a real MLflow 3.5.1 server (copied, unmodified, into
 * test/fixtures/mlflow-3.5.1/transcripts), and a small converter from the server's JSON runs and
 * experiments to model.ts objects. Deliberately independent of the production REST converter.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type {
  DatasetInput,
  Experiment,
  LifecycleStage,
  Metric,
  Run,
  RunStatus,
} from '../../../../src/extension/tracking/model';
import { keyedRecord } from '../../../../src/extension/tracking/model';

export const TRANSCRIPTS_DIR = join(__dirname, '..', '..', '..', 'fixtures', 'mlflow-3.5.1', 'transcripts');

export interface Transcript {
  file: string;
  note: string;
  request: { method: string; path: string; query: Record<string, string>; body: unknown };
  /** The JSON answer (shape depends on the endpoint; error answers are `{error_code, message}`). */
  response: { status: number; body: ServerAnswer };
}

/** The fields of the answers this suite reads, all optional since the server omits empty ones. */
export interface ServerAnswer {
  runs?: JsonRun[];
  experiments?: JsonExperiment[];
  experiment?: JsonExperiment;
  next_page_token?: string;
  error_code?: string;
  message?: string;
}

interface JsonPair {
  key: string;
  value: string;
}

export interface JsonRun {
  info: {
    run_id?: string;
    run_uuid: string;
    run_name?: string;
    experiment_id: string;
    user_id?: string;
    status: RunStatus;
    start_time?: number;
    end_time?: number;
    artifact_uri?: string;
    lifecycle_stage: LifecycleStage;
  };
  data?: {
    metrics?: { key: string; value: number | string; timestamp: number; step: number }[];
    params?: JsonPair[];
    tags?: JsonPair[];
  };
  inputs?: {
    dataset_inputs?: {
      tags?: JsonPair[];
      dataset: { name: string; digest: string; source_type: string; source: string; schema?: string; profile?: string };
    }[];
  };
  outputs?: { model_outputs?: { model_id: string; step: number }[] };
}

export interface JsonExperiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: LifecycleStage;
  tags?: JsonPair[];
  creation_time?: number;
  last_update_time?: number;
}

interface IndexEntry {
  file: string;
  path: string;
  note: string | null;
}

const index = JSON.parse(readFileSync(join(TRANSCRIPTS_DIR, 'INDEX.json'), 'utf8')) as IndexEntry[];
const notes = new Map(index.map((entry) => [entry.file, entry.note ?? '']));

/** Every copied transcript whose request went to `path` (e.g. `/api/2.0/mlflow/runs/search`), in file order. */
export function transcriptsFor(path: string): Transcript[] {
  const present = new Set(readdirSync(TRANSCRIPTS_DIR));
  return index
    .filter((entry) => entry.path === path && present.has(entry.file))
    .map((entry) => entry.file)
    .sort()
    .map(loadTranscript);
}

export function loadTranscript(file: string): Transcript {
  const raw = JSON.parse(readFileSync(join(TRANSCRIPTS_DIR, file), 'utf8')) as {
    request: { method: string; path: string; query?: Record<string, string>; body: unknown };
    response: { status: number; body_text?: string };
  };
  const body = JSON.parse(raw.response.body_text ?? '{}') as ServerAnswer;
  return {
    file,
    note: notes.get(file) ?? '',
    request: {
      method: raw.request.method,
      path: raw.request.path,
      query: raw.request.query ?? {},
      body: raw.request.body,
    },
    response: { status: raw.response.status, body },
  };
}

/** A double as the server writes it: a number, or the strings "NaN", "Infinity", "-Infinity". */
function double(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  throw new Error(`not a double: ${JSON.stringify(value)}`);
}

function pairs(list: JsonPair[] | undefined): Record<string, string> {
  return keyedRecord((list ?? []).map((entry) => [entry.key, entry.value] as const));
}

/** A run of a `runs/search` or `runs/get` answer as a model.ts Run. */
export function runFromJson(json: JsonRun): Run {
  const info = json.info;
  const metrics = keyedRecord<Metric>(
    (json.data?.metrics ?? []).map(
      (m) => [m.key, { key: m.key, value: double(m.value), timestamp: m.timestamp, step: m.step }] as const,
    ),
  );
  const datasetInputs: DatasetInput[] = (json.inputs?.dataset_inputs ?? []).map((input) => ({
    tags: pairs(input.tags),
    dataset: {
      name: input.dataset.name,
      digest: input.dataset.digest,
      sourceType: input.dataset.source_type,
      source: input.dataset.source,
      schema: input.dataset.schema,
      profile: input.dataset.profile,
    },
  }));
  return {
    info: {
      runId: info.run_id ?? info.run_uuid,
      runName: info.run_name ?? '',
      experimentId: info.experiment_id,
      userId: info.user_id ?? '',
      status: info.status,
      startTime: info.start_time,
      endTime: info.end_time,
      artifactUri: info.artifact_uri ?? '',
      lifecycleStage: info.lifecycle_stage,
    },
    data: { metrics, params: pairs(json.data?.params), tags: pairs(json.data?.tags) },
    inputs: { datasetInputs },
    outputs: { modelOutputs: (json.outputs?.model_outputs ?? []).map((o) => ({ modelId: o.model_id, step: o.step })) },
  };
}

/** An experiment of an `experiments/search` or `experiments/get` answer as a model.ts Experiment. */
export function experimentFromJson(json: JsonExperiment): Experiment {
  return {
    experimentId: json.experiment_id,
    name: json.name,
    artifactLocation: json.artifact_location,
    lifecycleStage: json.lifecycle_stage,
    tags: pairs(json.tags),
    creationTime: json.creation_time,
    lastUpdateTime: json.last_update_time,
  };
}
