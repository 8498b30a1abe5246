import { lstatSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import {
  keyedRecord,
  SystemTags,
  type KeyedRecord,
  type Metric,
  type Run,
  type RunInfo,
  type RunStatus,
} from '../model';
import { isMissing } from './artifactFiles';
import { StampedCache, stampOf } from './fileCache';
import { runInfoFromMeta } from './fileEntities';
import { readMetaYaml, type MetaRecord } from './fileMeta';
import { readDatasetInputs, readModelOutputs, type MetaReader } from './fileRunInputs';
import { keyFile, listKeyFiles, type KeyFile } from './keyFiles';
import { latestOfMetricFile, latestPoint, type LatestMetricState } from './metricFile';
import type { StoreProblems } from './storeProblems';
import { errorMessage } from '../errors';

/** The keys of a run's params, tags and metrics a search reads. */
export interface RunKeys {
  params: readonly string[];
  tags: readonly string[];
  metrics: readonly string[];
}

/**
 * A run's folder in an experiment's folder, with the folder names MLflow goes by (the run's and
 * the experiment's ids), taken once from the listing rather than parsed back out of the paths.
 */
export interface RunFolder {
  runDir: string;
  experimentDir: string;
  runId: string;
  experimentId: string;
}

/** Runs MLflow no longer writes to in the ordinary course: their folders' stamps are enough to trust a cached copy. */
const ENDED: ReadonlySet<RunStatus> = new Set(['FINISHED', 'FAILED', 'KILLED']);

interface CachedRun {
  run: Run;
  /** Stamps of the run folder, its meta.yaml and every folder under it, when it was read. */
  signature: string;
  folders: string[];
}

/**
 * Builds runs from a file store's run folders, reading as little as it can. An ended run is
 * kept while its folders and meta.yaml keep their stamps (a new key, a status change or a rename
 * all change one); a running run is checked file by file, and a metric file that only grew is
 * read from where it was left. So an in-place rewrite of an existing tag of an ended run shows
 * only once its folders change: the price of not statting every file of 10,000 runs per listing.
 *
 * The small files are read synchronously: one run at a time, a few kilobytes each, this is many
 * times faster than the thread pool, and the caller yields between runs to keep the host live.
 * Anything unreadable is filed with the store's problems and the run (or the key) left out.
 */
export class FileRunReader implements MetaReader {
  private readonly metas = new StampedCache<MetaRecord | Error>((path) => {
    try {
      return readMetaYaml(path);
    } catch (error) {
      return new Error(errorMessage(error));
    }
  });
  private readonly texts = new StampedCache<string>((path) => readFileSync(path, 'utf8'));
  // Points are cached without their key, which the folder walk supplies (nested keys contain '/').
  private readonly latest = new StampedCache<LatestMetricState>((path, stats, previous) =>
    latestOfMetricFile(path, '', stats, previous),
  );
  // A run's info rather than its parsed meta.yaml: a listing keeps one per run, and the info is smaller.
  private readonly infos = new StampedCache<RunInfo | string>(() => {
    throw new Error('a run info is computed by readInfo');
  });
  private readonly runs = new Map<string, CachedRun>();

  constructor(private readonly problems: StoreProblems) {}

  /** The run of a run folder, or undefined when it cannot be read. */
  readRun(folder: RunFolder): Run | undefined {
    const { runDir, experimentDir } = folder;
    const cached = this.runs.get(runDir);
    if (cached && ENDED.has(cached.run.info.status) && signatureOf(runDir, cached.folders) === cached.signature)
      return cached.run;
    this.runs.delete(runDir);
    const info = this.readInfo(folder);
    if (info === undefined) return undefined;
    const [params, tags, metrics] = ['params', 'tags', 'metrics'].map((folder) => listKeyFiles(join(runDir, folder)));
    const folders = [params!, tags!, metrics!]
      .flatMap((found) => found.folders)
      .concat(join(runDir, 'inputs'), join(runDir, 'outputs'));
    const signature = signatureOf(runDir, folders);
    const run: Run = {
      info,
      data: {
        params: this.textsOf(params!.files),
        tags: this.textsOf(tags!.files),
        metrics: this.latestMetrics(metrics!.files),
      },
      inputs: { datasetInputs: readDatasetInputs(runDir, experimentDir, this) },
      outputs: { modelOutputs: readModelOutputs(runDir, this) },
    };
    run.info.runName ||= run.data.tags[SystemTags.runName] ?? '';
    this.runs.set(runDir, { run, signature, folders });
    return run;
  }

  /**
   * The run's info from its meta.yaml alone (what ordering by time and attribute filters need),
   * or undefined (and a problem filed) when it cannot be read. The run name is the meta's own:
   * the `mlflow.runName` tag that stands in for an empty one is in the run's files.
   */
  readInfo(folder: RunFolder): RunInfo | undefined {
    // Not join(): this runs once per run of a listing, and the folder's path is already normal.
    const metaPath = folder.runDir + sep + 'meta.yaml';
    let info: RunInfo | string;
    try {
      info = this.infos.get(metaPath, lstatSync(metaPath), () => runInfoOfMeta(metaPath, folder));
    } catch (error) {
      this.report(metaPath, isMissing(error) ? 'the run folder has no meta.yaml' : errorMessage(error));
      return undefined;
    }
    if (typeof info === 'string') {
      this.report(metaPath, info);
      return undefined;
    }
    this.problems.clear(metaPath);
    // A copy: callers fill in the name from the run's tag, which must not stick to the cached info.
    return { ...info };
  }

  /**
   * Adds to a run read from its meta.yaml alone (readInfo) the params, tags and latest metrics of
   * the given keys, one file each: what a search by those keys needs, rather than every file.
   * The run name falls back to the `mlflow.runName` tag when that tag is asked for, as in readRun.
   */
  addKeys(run: Run, runDir: string, keys: RunKeys): void {
    const files = (folder: string, wanted: readonly string[]) =>
      wanted.map((key) => keyFile(join(runDir, folder), key)).filter((file) => file !== undefined);
    Object.assign(run.data.params, this.textsOf(files('params', keys.params)));
    Object.assign(run.data.tags, this.textsOf(files('tags', keys.tags)));
    Object.assign(run.data.metrics, this.latestMetrics(files('metrics', keys.metrics)));
    run.info.runName ||= run.data.tags[SystemTags.runName] ?? '';
  }

  /** The text files of a key folder (an experiment's tags) as a keyed record. */
  readTexts(folder: string): KeyedRecord<string> {
    return this.textsOf(listKeyFiles(folder).files);
  }

  readMeta(path: string): MetaRecord {
    const meta = this.metas.get(path, lstatSync(path));
    if (meta instanceof Error) throw meta;
    this.problems.clear(path);
    return meta;
  }

  report(path: string, message: string): void {
    this.problems.report(path, message);
  }

  private textsOf(files: KeyFile[]): KeyedRecord<string> {
    return keyedRecord(files.map((file) => [file.key, this.texts.get(file.path, file.stats)] as const));
  }

  private latestMetrics(files: KeyFile[]): KeyedRecord<Metric> {
    const metrics = keyedRecord<Metric>();
    for (const file of files) {
      const state = this.latest.get(file.path, file.stats);
      const point = latestPoint(state);
      if (state.badLine !== undefined)
        this.report(
          file.path,
          `a line of the metric file cannot be read: ${JSON.stringify(state.badLine.slice(0, 100))}`,
        );
      else this.problems.clear(file.path);
      if (point) metrics[file.key] = { ...point, key: file.key };
    }
    return metrics;
  }
}

/** The info a run's meta.yaml gives, or why it gives none (a store problem). */
function runInfoOfMeta(metaPath: string, folder: RunFolder): RunInfo | string {
  let meta: MetaRecord;
  try {
    meta = readMetaYaml(metaPath);
  } catch (error) {
    return errorMessage(error);
  }
  const info = runInfoFromMeta(meta, folder.runId, folder.experimentId);
  return typeof info === 'string' ? `meta.yaml ${info}` : info;
}

/** The stamps of a run folder, its meta.yaml and the given folders ('-' for one that is missing). */
function signatureOf(runDir: string, folders: readonly string[]): string {
  return [runDir, join(runDir, 'meta.yaml'), ...folders]
    .map((path) => {
      const stats = statSync(path, { throwIfNoEntry: false });
      return stats ? stampOf(stats) : '-';
    })
    .join('|');
}
