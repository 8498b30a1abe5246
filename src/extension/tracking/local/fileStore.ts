import { lstat, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MlflowError, throwIfAborted, errorMessage } from '../errors';
import { keyedRecord, SystemTags, type Experiment, type Metric, type Run } from '../model';
import {
  answerRunSearch,
  infoOnlyFilter,
  searchesInfoOnly,
  selectRuns,
  type RunSearchQuery,
} from '../search/localSearch';
import type { SearchRunsResult, StoreLocation } from '../trackingStore';
import type { RunArtifactLocation } from './artifactLocation';
import { isMissing } from './artifactFiles';
import { experimentFolders, findRunFolder, readExperiment, runFolders } from './fileExperiments';
import { FileRunReader, type RunFolder, type RunKeys } from './fileRunReader';
import { badStore } from './localErrors';
import { LocalTrackingStore, type LocalStoreOptions } from './localTrackingStore';
import { readMetricFile } from './metricFile';
import { StoreProblems, type StoreProblem } from './storeProblems';

/** How long run folders are read before the event loop gets a turn (the reads themselves are synchronous). */
const SLICE_MS = 15;

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
  readonly location: StoreLocation;
  private readonly problemLog = new StoreProblems();
  private readonly reader = new FileRunReader(this.problemLog);
  private readonly runFolders = new Map<string, RunFolder>();

  constructor(
    readonly rootDir: string,
    options: LocalStoreOptions = {},
  ) {
    super(options);
    this.trackingUri = pathToFileURL(rootDir).href;
    this.description = `${basename(rootDir)} in ${dirname(rootDir)}`;
    this.location = { kind: 'file', format: 'mlruns', path: rootDir };
  }

  get problems(): readonly StoreProblem[] {
    return this.problemLog.list();
  }

  protected async loadExperiments(): Promise<Experiment[]> {
    const folders = await experimentFolders(this.rootDir);
    return folders
      .map((folder) => readExperiment(folder, this.reader))
      .filter((experiment) => experiment !== undefined);
  }

  protected async loadRuns(experimentIds: readonly string[], signal?: AbortSignal): Promise<Run[]> {
    return readSliced(await this.folders(experimentIds), (folder) => this.readRun(folder), signal);
  }

  /**
   * Searches from the meta.yaml files first, reading the rest of a run only when the search needs
   * it: a search on the runs' info alone (the default order, attribute filters) reads only the
   * runs of its page whole, any other reads the runs its attribute comparisons leave. On a cold
   * store of thousands of runs this is one small file per run instead of every file.
   */
  protected override async findRuns(query: RunSearchQuery, signal?: AbortSignal): Promise<SearchRunsResult> {
    const outlines = await readSliced(
      await this.folders(query.experimentIds),
      (folder) => this.readOutline(folder),
      signal,
    );
    throwIfAborted(signal);
    const whole = (outline: Run) => {
      const folder = this.runFolders.get(outline.info.runId);
      return folder && this.readRun(folder);
    };
    if (!searchesInfoOnly(query)) {
      const candidates = selectRuns(outlines, infoOnlyFilter(query));
      const keys = keysSearched(query);
      if (keys === undefined) {
        const runs = await readSliced(candidates, whole, signal);
        throwIfAborted(signal);
        return answerRunSearch(runs, query);
      }
      const keyed = await readSliced(candidates, (outline) => this.withKeys(outline, keys), signal);
      throwIfAborted(signal);
      const page = answerRunSearch(keyed, query);
      return { ...page, runs: page.runs.map(whole).filter((run) => run !== undefined) };
    }
    const page = answerRunSearch(outlines, query);
    return { ...page, runs: page.runs.map(whole).filter((run) => run !== undefined) };
  }

  /**
   * Counts what findRuns selects, from the same files: the meta.yaml outlines, and the searched
   * keys' files only for the runs the attribute comparisons leave. The reader keeps what it read,
   * so after a page of the same search this reads only what changed since.
   */
  protected override async countMatching(query: RunSearchQuery, signal?: AbortSignal): Promise<number> {
    const folders = await this.folders(query.experimentIds);
    const outlines = await readSliced(folders, (folder) => this.readOutline(folder), signal);
    throwIfAborted(signal);
    if (searchesInfoOnly({ ...query, order: [] })) return selectRuns(outlines, query).length;
    const candidates = selectRuns(outlines, infoOnlyFilter(query));
    const keys = keysSearched({ ...query, order: [] });
    const read = (outline: Run) => {
      if (keys !== undefined) return this.withKeys(outline, keys);
      const folder = this.runFolders.get(outline.info.runId);
      return folder && this.readRun(folder);
    };
    const runs = await readSliced(candidates, read, signal);
    throwIfAborted(signal);
    return selectRuns(runs, query).length;
  }

  /** The run folders of these experiments (active or in `.trash/`). */
  private async folders(experimentIds: readonly string[]): Promise<RunFolder[]> {
    const wanted = new Set(experimentIds);
    const experiments = (await experimentFolders(this.rootDir)).filter((folder) => wanted.has(basename(folder)));
    return experiments.flatMap(runFolders);
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
    if (badLines.length > 0)
      this.problemLog.report(
        path,
        `${badLines.length} line(s) of the metric file cannot be read, e.g. ${JSON.stringify(badLines[0]!.slice(0, 100))}`,
      );
    return points;
  }

  protected artifactLocation(run: Run): RunArtifactLocation {
    const runDir =
      this.runFolders.get(run.info.runId)?.runDir ?? join(this.rootDir, run.info.experimentId, run.info.runId);
    return {
      runId: run.info.runId,
      artifactUri: run.info.artifactUri,
      besideStore: join(runDir, 'artifacts'),
      storeDir: this.rootDir,
    };
  }

  dispose(): void {
    this.runFolders.clear();
  }

  /** The outline with the files of the searched keys added (see FileRunReader.addKeys), as a run of its own. */
  private withKeys(outline: Run, keys: RunKeys): Run | undefined {
    const folder = this.runFolders.get(outline.info.runId);
    if (folder === undefined) return undefined;
    const run: Run = {
      info: { ...outline.info },
      data: { params: keyedRecord(), tags: keyedRecord(), metrics: keyedRecord() },
      inputs: { datasetInputs: [] },
      outputs: { modelOutputs: [] },
    };
    this.reader.addKeys(run, folder.runDir, keys);
    return run;
  }

  /**
   * A run with its info only: enough to filter and order on attributes. Its data, inputs and
   * outputs are one frozen empty set shared by every outline (a cold listing makes one outline
   * per run, and all but a page of them are dropped at once); withKeys gives a run its own.
   */
  private readOutline(folder: RunFolder): Run | undefined {
    const info = this.reader.readInfo(folder);
    if (info === undefined) return undefined;
    this.runFolders.set(info.runId, folder);
    return { info, ...NO_RUN_DATA };
  }

  private readRun(folder: RunFolder): Run | undefined {
    const run = this.reader.readRun(folder);
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

/** What an outline holds besides its info: nothing, frozen so that no one fills the shared objects. */
const NO_RUN_DATA: Omit<Run, 'info'> = Object.freeze({
  data: Object.freeze({
    params: Object.freeze(keyedRecord<string>()),
    tags: Object.freeze(keyedRecord<string>()),
    metrics: Object.freeze(keyedRecord<Metric>()),
  }),
  inputs: Object.freeze({ datasetInputs: Object.freeze([]) as unknown as Run['inputs']['datasetInputs'] }),
  outputs: Object.freeze({ modelOutputs: Object.freeze([]) as unknown as Run['outputs']['modelOutputs'] }),
});

/**
 * The params, tags and metrics a search reads, so that only those files of each candidate run are
 * read; undefined when it compares datasets (a run's inputs are read whole).
 */
function keysSearched(query: RunSearchQuery): RunKeys | undefined {
  const keys = { params: new Set<string>(), tags: new Set<string>(), metrics: new Set<string>() };
  for (const clause of [...query.comparisons, ...query.order]) {
    if (clause.entityType === 'dataset') return undefined;
    if (clause.entityType === 'param') keys.params.add(clause.key);
    else if (clause.entityType === 'tag') keys.tags.add(clause.key);
    else if (clause.entityType === 'metric') keys.metrics.add(clause.key);
    // A run's name falls back to its tag, which a filter on run_name reads.
    else if (clause.key === 'run_name') keys.tags.add(SystemTags.runName);
  }
  return { params: [...keys.params], tags: [...keys.tags], metrics: [...keys.metrics] };
}

/** Reads each item, giving the event loop a turn every slice (the reads themselves are synchronous). */
async function readSliced<T>(
  items: readonly T[],
  read: (item: T) => Run | undefined,
  signal?: AbortSignal,
): Promise<Run[]> {
  const runs: Run[] = [];
  let sliceStart = performance.now();
  for (const item of items) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      throwIfAborted(signal);
      sliceStart = performance.now();
    }
    const run = read(item);
    if (run) runs.push(run);
  }
  return runs;
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
    throw badStore(`${rootDir} cannot be opened as an MLflow file store (mlruns): ${errorMessage(error)}`, error);
  }
  return new FileStore(rootDir, options);
}
