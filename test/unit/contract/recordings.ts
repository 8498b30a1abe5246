/**
 * The expected answers, read from the recorded exchanges with a real MLflow 3.5.1 server
 * (test/fixtures/mlflow-3.5.1/transcripts) and turned into names and values: the recorded
 * server's ids mean nothing to the other stores.
 */
import { createHash } from 'node:crypto';
import { loadTranscripts, responseBytes, responseJson } from '../../support/transcripts';
import type { Transcript } from '../../support/transcripts';
import { wireDouble } from '../local/fixtures';
import type { ErrorAnswer } from './question';

const transcripts = new Map<string, Transcript>();

/** One recorded exchange, by number (`'061'`) or path (`'compare-filestore/002'`). */
export function recording(selector: string): Transcript {
  let transcript = transcripts.get(selector);
  if (!transcript) {
    transcript = loadTranscripts([selector])[0]!;
    transcripts.set(selector, transcript);
  }
  return transcript;
}

/** The recorded response body, parsed. */
export function recordedBody<T>(selector: string): T {
  return responseJson(recording(selector)) as T;
}

/** A run as the recorded JSON has it (only the fields read here). */
export interface RecordedRun {
  info: { run_id: string; run_name: string };
  data: { metrics?: RecordedMetric[]; tags?: { key: string; value: string }[] };
}

export interface RecordedMetric {
  key: string;
  value: number | string;
  timestamp: number;
  step: number;
}

/** A page of runs, as names in the order given, and whether a next page was offered. */
export interface RunPage {
  runs: string[];
  nextPage: boolean;
}

export function recordedRunPage(selector: string): RunPage {
  const body = recordedBody<{ runs?: RecordedRun[]; next_page_token?: string }>(selector);
  return { runs: (body.runs ?? []).map((run) => run.info.run_name), nextPage: body.next_page_token !== undefined };
}

export function recordedExperimentNames(selector: string): string[] {
  return (recordedBody<{ experiments?: { name: string }[] }>(selector).experiments ?? []).map(
    (experiment) => experiment.name,
  );
}

/** The error a recorded exchange answered with; throws when it did not fail. */
export function recordedError(selector: string): ErrorAnswer {
  const { status } = recording(selector).response;
  const body = recordedBody<{ error_code?: string }>(selector);
  if (status < 400 || body.error_code === undefined)
    throw new Error(`${selector} is not a recorded MLflow error (status ${status})`);
  return { errorCode: body.error_code };
}

/** A metric point as answers compare it: NaN, infinities and -0.0 as numbers. */
export interface Point {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export function pointFromRecording(metric: RecordedMetric): Point {
  return { key: metric.key, value: wireDouble(metric.value), timestamp: metric.timestamp, step: metric.step };
}

export function recordedHistory(selector: string): Point[] {
  return (recordedBody<{ metrics?: RecordedMetric[] }>(selector).metrics ?? []).map(pointFromRecording);
}

/** Bytes compared by size and digest, so a failing comparison stays readable. */
export interface ContentAnswer {
  size: number;
  sha256: string;
  truncated: boolean;
}

export function contentOf(data: Uint8Array, truncated: boolean): ContentAnswer {
  return { size: data.byteLength, sha256: createHash('sha256').update(data).digest('hex'), truncated };
}

export function recordedContent(selector: string): ContentAnswer {
  const transcript = recording(selector);
  if (transcript.response.status !== 200) throw new Error(`${selector} did not answer 200`);
  return contentOf(responseBytes(transcript), false);
}

/** The recorded searches that together list every run the questions name, on the recorded server. */
const RUN_LISTINGS = ['024', '051', '052', '053'];

/** The name of a run of the recorded server, by the recorded server's id. */
export function recordedRunName(runId: string): string {
  for (const selector of RUN_LISTINGS) {
    const run = (recordedBody<{ runs?: RecordedRun[] }>(selector).runs ?? []).find(
      (candidate) => candidate.info.run_id === runId,
    );
    if (run) return run.info.run_name;
  }
  throw new Error(`no recorded run has id ${runId}`);
}
