/**
 * The recorded exchanges with a real MLflow 3.5.1 server, as copied (unedited) into
 * test/fixtures/mlflow-3.5.1/transcripts/ (see ../shared/fixtures/mlflow-3.5.1/README.md).
 *
 * `loadTranscripts()` loads every top-level transcript; `loadTranscripts(['061', 'compare-filestore/002'])`
 * loads a chosen subset by number prefix (or full file name), in the order given. Bodies are
 * read with the client's own tolerant parser, because one recording (162) holds the bare `NaN`
 * tokens Python writes, which are not JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseMlflowJson } from '../../src/extension/tracking/rest/json';

export const TRANSCRIPTS_DIR = resolve(__dirname, '../fixtures/mlflow-3.5.1/transcripts');

export interface Transcript {
  /** Relative to TRANSCRIPTS_DIR, e.g. `061-runs-get-best-so-far.json` or `compare-filestore/002-...json`. */
  file: string;
  request: {
    method: string;
    /** As sent: percent-encoded where the client encoded it. */
    path: string;
    query: Record<string, string | string[]>;
    /** The JSON body, parsed; null when there was none or it was not JSON. */
    body: unknown;
    body_raw: string | null;
  };
  response: {
    status: number;
    headers: { 'content-type'?: string };
    body_text?: string;
    body_base64?: string;
    body_bytes: number;
  };
  note?: string;
}

/** Transcripts by number prefix or file name (relative to TRANSCRIPTS_DIR); all top-level ones when omitted. */
export function loadTranscripts(selection?: readonly string[]): Transcript[] {
  const names = selection ? selection.map(findTranscriptFile) : topLevelFiles();
  return names.map(readTranscript);
}

/** The exact bytes of a recorded response body. */
export function responseBytes(transcript: Transcript): Buffer {
  const { body_text: text, body_base64: base64 } = transcript.response;
  if (base64 !== undefined) return Buffer.from(base64, 'base64');
  return Buffer.from(text ?? '', 'utf8');
}

/** The recorded response body parsed as MLflow JSON (bare NaN tokens allowed). */
export function responseJson(transcript: Transcript): unknown {
  return parseMlflowJson(responseBytes(transcript).toString('utf8'), transcript.file);
}

function topLevelFiles(): string[] {
  return readdirSync(TRANSCRIPTS_DIR)
    .filter((name) => /^\d{3}-.*\.json$/.test(name))
    .sort();
}

function findTranscriptFile(selector: string): string {
  const slash = selector.lastIndexOf('/');
  const folder = slash === -1 ? '' : selector.slice(0, slash);
  const prefix = selector.slice(slash + 1);
  const matches = readdirSync(join(TRANSCRIPTS_DIR, folder)).filter(
    (name) => name === prefix || (name.startsWith(`${prefix}-`) && name.endsWith('.json')),
  );
  if (matches.length !== 1) {
    throw new Error(
      `transcript selector ${JSON.stringify(selector)} matches ${matches.length} files in ${TRANSCRIPTS_DIR}`,
    );
  }
  return folder === '' ? matches[0]! : `${folder}/${matches[0]!}`;
}

function readTranscript(file: string): Transcript {
  const parsed = parseMlflowJson(readFileSync(join(TRANSCRIPTS_DIR, file), 'utf8'), file) as Omit<Transcript, 'file'>;
  return { ...parsed, file };
}
