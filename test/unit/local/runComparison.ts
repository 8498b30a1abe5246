import type { Run } from '../../../src/extension/tracking/model';
import { SystemTags } from '../../../src/extension/tracking/model';
import { wireDouble } from './fixtures';

/** A run as an MLflow server's JSON gives it (runs/get, runs/search). */
export interface WireRun {
  info: {
    run_name: string;
    user_id: string;
    status: string;
    lifecycle_stage: string;
    start_time?: number;
    end_time?: number;
  };
  data: {
    metrics?: { key: string; value: number | string; timestamp: number; step: number }[];
    params?: { key: string; value: string }[];
    tags?: { key: string; value: string }[];
  };
  inputs?: {
    dataset_inputs?: {
      tags?: { key: string; value: string }[];
      dataset: { name: string; digest: string; source_type: string; source: string; schema?: string; profile?: string };
    }[];
  };
  outputs?: { model_outputs?: { model_id: string; step: number }[] };
}

/** The runs logged live while recording: their times differ from store to store, their content does not. */
export const LIVE_RUNS = new Set(['still-running', 'manual-stop', 'crash-oom', 'smoke-test-fluent']);

/**
 * What must agree between a store's run and the server's answer for the run of the same name:
 * everything but ids (the parent's id is checked against the manifest instead) and, for runs
 * logged live, times.
 */
export function comparableWire(run: WireRun): unknown {
  const withTimes = !LIVE_RUNS.has(run.info.run_name);
  return {
    info: {
      runName: run.info.run_name,
      userId: run.info.user_id,
      status: run.info.status,
      lifecycleStage: run.info.lifecycle_stage,
      ...(withTimes ? { startTime: run.info.start_time, endTime: run.info.end_time } : {}),
    },
    params: pairs((run.data.params ?? []).map((p) => [p.key, p.value])),
    tags: pairs((run.data.tags ?? []).map((t) => [t.key, t.value])),
    metrics: (run.data.metrics ?? [])
      .map((m) => ({
        key: m.key,
        value: wireDouble(m.value),
        step: m.step,
        ...(withTimes ? { timestamp: m.timestamp } : {}),
      }))
      .sort(byKey),
    datasets: (run.inputs?.dataset_inputs ?? [])
      .map((input) => ({
        name: input.dataset.name,
        digest: input.dataset.digest,
        sourceType: input.dataset.source_type,
        source: input.dataset.source,
        schema: input.dataset.schema,
        profile: input.dataset.profile,
        tags: pairs((input.tags ?? []).map((t) => [t.key, t.value])),
      }))
      .sort(byDigest),
    modelOutputSteps: (run.outputs?.model_outputs ?? []).map((output) => output.step),
  };
}

/** The same view of one of our runs. */
export function comparableRun(run: Run): unknown {
  const withTimes = !LIVE_RUNS.has(run.info.runName);
  return {
    info: {
      runName: run.info.runName,
      userId: run.info.userId,
      status: run.info.status,
      lifecycleStage: run.info.lifecycleStage,
      ...(withTimes ? { startTime: run.info.startTime, endTime: run.info.endTime } : {}),
    },
    params: pairs(Object.entries(run.data.params)),
    tags: pairs(Object.entries(run.data.tags)),
    metrics: Object.values(run.data.metrics)
      .map((m) => ({ key: m.key, value: m.value, step: m.step, ...(withTimes ? { timestamp: m.timestamp } : {}) }))
      .sort(byKey),
    datasets: run.inputs.datasetInputs
      .map(({ dataset, tags }) => ({
        name: dataset.name,
        digest: dataset.digest,
        sourceType: dataset.sourceType,
        source: dataset.source,
        schema: dataset.schema,
        profile: dataset.profile,
        tags: pairs(Object.entries(tags)),
      }))
      .sort(byDigest),
    modelOutputSteps: run.outputs.modelOutputs.map((output) => output.step),
  };
}

function pairs(entries: [string, string][]): [string, string][] {
  return entries.filter(([key]) => key !== SystemTags.parentRunId).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function byDigest(a: { digest: string }, b: { digest: string }): number {
  return a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0;
}
