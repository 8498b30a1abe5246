import type { Stats } from 'node:fs';
import { closeSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { unclampInfinity } from '../../../webview/shared/nonFinite';
import type { Metric } from '../model';
import { compareMetricPoints } from '../sampling';
import type { Cached } from './fileCache';
import { isLaterPoint, parseMetricValue } from './metricValues';

/**
 * A file store's metric file: one line per point, `timestamp value [step [run_id]]` (the run id
 * column is written for logged models' metrics). Values may be `nan`, `inf`, `-inf`...
 */

/** The latest point of a metric file and how far it has been read, so appends are read alone. */
export interface LatestMetricState {
  /** The latest point of the complete lines. */
  latest: Metric | undefined;
  /** A point on a last line with no newline yet (being written, or a file not from MLflow). */
  tail: Metric | undefined;
  /** Bytes consumed: up to the end of the last complete line. */
  offset: number;
  ino: number;
  /** The first line that could not be read, if any (the rest of the file still counts). */
  badLine?: string;
}

/** The latest point, counting an unterminated last line. */
export function latestPoint(state: LatestMetricState): Metric | undefined {
  if (state.tail === undefined || state.latest === undefined) return state.latest ?? state.tail;
  return isLaterPoint(state.tail, state.latest) ? state.tail : state.latest;
}

/** Parses one line; undefined when it is not `timestamp value [step [run_id]]`. */
export function parseMetricLine(key: string, line: string): Metric | undefined {
  const parts = line.trim().split(' ');
  if (parts.length < 2 || parts.length > 4) return undefined;
  const [timestamp, value, step = '0'] = parts;
  const parsedValue = parseMetricValue(value!);
  if (!/^-?\d+$/.test(timestamp!) || !/^-?\d+$/.test(step) || parsedValue === undefined) return undefined;
  // A file store writes `inf`, but a value logged as 1.7976931348623157e308 means what it means in
  // MLflow's SQL stores, which keep Infinity so: one meaning on every backend.
  return { key, value: unclampInfinity(parsedValue), timestamp: Number(timestamp), step: Number(step) };
}

/** Every point of a metric file, sorted by step then timestamp, and the lines that did not parse. */
export async function readMetricFile(path: string, key: string): Promise<{ points: Metric[]; badLines: string[] }> {
  const points: Metric[] = [];
  const badLines: string[] = [];
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const point = parseMetricLine(key, line);
    if (point) points.push(point);
    else badLines.push(line);
  }
  return { points: points.sort(compareMetricPoints), badLines };
}

/**
 * The latest point of a metric file (highest step, then timestamp, then value). When the file
 * only grew since `previous`, just the new bytes are read; otherwise the whole file.
 */
export function latestOfMetricFile(
  path: string,
  key: string,
  stats: Stats,
  previous: Cached<LatestMetricState> | undefined,
): LatestMetricState {
  const before = previous?.value;
  const grew = before !== undefined && before.ino === stats.ino && stats.size > before.offset;
  const state: LatestMetricState = grew
    ? { ...before, tail: undefined }
    : { latest: undefined, tail: undefined, offset: 0, ino: stats.ino };
  const text = readFrom(path, state.offset, stats.size);
  const complete = text.lastIndexOf('\n') + 1;
  for (const line of text.slice(0, complete).split('\n')) {
    if (line.trim() === '') continue;
    const point = parseMetricLine(key, line);
    if (point === undefined) state.badLine ??= line;
    else if (state.latest === undefined || isLaterPoint(point, state.latest)) state.latest = point;
  }
  state.offset += Buffer.byteLength(text.slice(0, complete), 'utf8');
  state.tail = text.slice(complete).trim() === '' ? undefined : parseMetricLine(key, text.slice(complete));
  return state;
}

function readFrom(path: string, offset: number, size: number): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.max(0, size - offset));
    const bytesRead = readSync(fd, buffer, 0, buffer.length, offset);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
