import { lstat, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MlflowError, throwIfAborted } from '../errors';
import type { Experiment, Metric, Run } from '../model';
import type { RunArtifactLocation } from './artifactLocation';
import { isMissing } from './artifactFiles';
import { experimentFolders, findRunFolder, readExperiment, runFolders } from './fileExperiments';
import { FileRunReader } from './fileRunReader';
import { badStore, reasonOf } from './localErrors';
import { LocalTrackingStore, type LocalStoreOptions } from './localTrackingStore';
import { readMetricFile } from './metricFile';
import { StoreProblems, type StoreProblem } from './storeProblems';

/** How long run folders are read before the event loop gets a turn (the reads themselves are synchronous). */
const SLICE_MS = 15;

interface RunFolder {
  runDir: string;
  experimentDir: string;
}

/**
 * A local `mlruns/` folder (MLflow's file store), read-only. Nothing is loaded up front: a
 * listing reads the runs of the experiments it names, and only the files that changed since the
 * last listing. A malformed file leaves its run (or experiment, or key) out and is reported in
 * `problems`; the rest of the store still lists.
 */
export class FileStore extends LocalTrackingStore {
  readonly kind = 'file' as const;
  readonly trackingUri: string;
  readonly description: string;
  private readonly problemLog = new StoreProblems();
  private readonly reader = new FileRunReader(this.problemLog);
  private readonly runFolders = new Map<string, RunFolder>();

  constructor(readonly rootDir: string, options: LocalStoreOptions = {}) {
    super(options);
    this.trackingUri = pathToFileURL(rootDir).href;
    this.description = `${basename(rootDir)} in ${dirname(rootDir)}`;
  }

  get problems(): readonly StoreProblem[] {
    return this.problemLog.list();
  }

  protected async loadExperiments(): Promise<Experiment[]> {
    const folders = await experimentFolders(this.rootDir);
    return folders.map((folder) => readExperiment(folder, this.reader)).filter((experiment) => experiment !== undefined);
  }

  protected async loadRuns(experimentIds: readonly string[], signal?: AbortSignal): Promise<Run[]> {
    const folders = await experimentFolders(this.rootDir);
    const wanted = new Set(experimentIds);
    const runs: Run[] = [];
    let sliceStart = performance.now();
    for (const experimentDir of folders.filter((folder) => wanted.has(basename(folder)))) {
      for (const runDir of runFolders(experimentDir)) {
        if (performance.now() - sliceStart > SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          throwIfAborted(signal);
          sliceStart = performance.now();
        }
        const run = this.readRun({ runDir, experimentDir });
        if (run) runs.push(run);
      }
    }
    return runs;
  }

  protected async loadRun(runId: string): Promise<Run | undefined> {
    const folder = await this.locateRun(runId);
    return folder && this.readRun(folder);
  }

  protected async loadMetricHistory(runId: string, metricKey: string): Promise<Metric[]> {
    const segments = metricKeySegments(metricKey);
    const folder = await this.locateRun(runId);
    const path = folder && (await metricFilePath(folder.runDir, segments));
    if (path === undefined) return [];
    const { points, badLines } = await readMetricFile(path, metricKey);
    if (badLines.length > 0) this.problemLog.report(path, `${badLines.length} line(s) of the metric file cannot be read, e.g. ${JSON.stringify(badLines[0]!.slice(0, 100))}`);
    return points;
  }

  protected artifactLocation(run: Run): RunArtifactLocation {
    const runDir = this.runFolders.get(run.info.runId)?.runDir ?? join(this.rootDir, run.info.experimentId, run.info.runId);
    return { runId: run.info.runId, artifactUri: run.info.artifactUri, besideStore: join(runDir, 'artifacts'), storeDir: this.rootDir };
  }

  dispose(): void {
    this.runFolders.clear();
  }

  private readRun(folder: RunFolder): Run | undefined {
    const run = this.reader.readRun(folder.runDir, folder.experimentDir);
    if (run) this.runFolders.set(run.info.runId, folder);
    return run;
  }

  /** Where a run lives now (a deleted experiment's runs move to `.trash/` with it). */
  private async locateRun(runId: string): Promise<RunFolder | undefined> {
    const known = this.runFolders.get(runId);
    if (known && (await isFolder(known.runDir))) return known;
    this.runFolders.delete(runId);
    return findRunFolder(this.rootDir, runId);
  }
}

/** A metric key as the nested path the file store writes; keys that could leave the folder are refused. */
function metricKeySegments(metricKey: string): string[] {
  const segments = metricKey.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || /[\\\0]/.test(segment))) {
    throw new MlflowError(`Invalid metric key ${JSON.stringify(metricKey.slice(0, 200))}`, 'INVALID_PARAMETER_VALUE');
  }
  return segments;
}

/** The metric file of a key, reached through real folders only (a linked folder could lead anywhere); undefined when absent. */
async function metricFilePath(runDir: string, segments: readonly string[]): Promise<string | undefined> {
  let path = join(runDir, 'metrics');
  for (const [index, segment] of segments.entries()) {
    path = join(path, segment);
    const stats = await lstat(path).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    const last = index === segments.length - 1;
    if (stats === undefined || (last ? !stats.isFile() : !stats.isDirectory())) return undefined;
  }
  return path;
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
}

/**
 * Opens an `mlruns/` folder read-only. Rejects with MlflowError(BAD_STORE) when it is not a
 * folder; an empty folder is an empty store.
 */
export async function openFileStore(mlrunsDir: string, options: LocalStoreOptions = {}): Promise<FileStore> {
  const rootDir = resolve(mlrunsDir);
  try {
    if (!(await stat(rootDir)).isDirectory()) throw new Error('it is not a folder');
  } catch (error) {
    throw badStore(`${rootDir} cannot be opened as an MLflow file store (mlruns): ${reasonOf(error)}`, error);
  }
  return new FileStore(rootDir, options);
}
