import { basename, dirname, join, resolve } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import type { Experiment, Metric, Run } from '../model';
import type { RunArtifactLocation } from './artifactLocation';
import { LocalTrackingStore, type LocalStoreOptions } from './localTrackingStore';
import { loadSqlJs } from './sqlJs';
import { readExperiments } from './sqliteExperiments';
import { SqliteImageLoader, type SqliteImage, type SqliteImageOptions } from './sqliteImage';
import { readMetricHistory } from './sqliteMetrics';
import { runById, runsOfExperiments } from './sqliteQuery';
import { readRuns } from './sqliteRuns';
import { StoreProblems, type StoreProblem } from './storeProblems';

export type SqliteStoreOptions = LocalStoreOptions & SqliteImageOptions;

/**
 * A local `mlflow.db` (MLflow's SQLAlchemy schema), read-only. Queries run against an in-memory
 * image of the file that is reloaded when the file changes, so new runs appear as MLflow logs
 * them. Built runs are cached per image and experiment: a search loads only the experiments it
 * names, once per change of the file.
 */
export class SqliteStore extends LocalTrackingStore {
  readonly kind = 'sqlite' as const;
  readonly trackingUri: string;
  readonly description: string;
  private readonly loader: SqliteImageLoader;
  private readonly problemLog = new StoreProblems();
  private readonly runsByExperiment = new Map<string, Run[]>();
  private cachedGeneration = -1;

  constructor(sql: SqlJsStatic, readonly dbPath: string, options: SqliteStoreOptions = {}) {
    super(options);
    this.trackingUri = `sqlite:///${dbPath}`;
    this.description = `${basename(dbPath)} in ${dirname(dbPath)}`;
    this.loader = new SqliteImageLoader(sql, dbPath, this.description, options);
  }

  get problems(): readonly StoreProblem[] {
    return this.problemLog.list();
  }

  /** Reads the file once (or again, when it changed): rejects when it is not a usable MLflow database. */
  async check(): Promise<void> {
    await this.loader.read(() => undefined);
  }

  protected loadExperiments(): Promise<Experiment[]> {
    return this.loader.read((image) => readExperiments(image, this.problemLog, this.dbPath));
  }

  protected loadRuns(experimentIds: readonly string[]): Promise<Run[]> {
    return this.loader.read((image) => experimentIds.flatMap((experimentId) => this.runsOf(image, experimentId)));
  }

  protected loadRun(runId: string): Promise<Run | undefined> {
    return this.loader.read((image) => {
      this.syncCache(image);
      for (const runs of this.runsByExperiment.values()) {
        const cached = runs.find((run) => run.info.runId === runId);
        if (cached) return cached;
      }
      return readRuns(image, runById(runId), this.sink())[0];
    });
  }

  protected loadMetricHistory(runId: string, metricKey: string): Promise<Metric[]> {
    return this.loader.read((image) => readMetricHistory(image, runId, metricKey));
  }

  protected artifactLocation(run: Run): RunArtifactLocation {
    const storeDir = dirname(this.dbPath);
    return {
      runId: run.info.runId,
      artifactUri: run.info.artifactUri,
      // Where MLflow puts artifacts when logging to a local sqlite store with no artifact root given.
      besideStore: join(storeDir, 'mlruns', run.info.experimentId, run.info.runId, 'artifacts'),
      storeDir,
    };
  }

  dispose(): void {
    this.runsByExperiment.clear();
    this.loader.dispose();
  }

  private runsOf(image: SqliteImage, experimentId: string): Run[] {
    this.syncCache(image);
    let runs = this.runsByExperiment.get(experimentId);
    if (runs === undefined) {
      runs = readRuns(image, runsOfExperiments([experimentId]), this.sink());
      this.runsByExperiment.set(experimentId, runs);
    }
    return runs;
  }

  private syncCache(image: SqliteImage): void {
    if (image.generation === this.cachedGeneration) return;
    this.runsByExperiment.clear();
    this.cachedGeneration = image.generation;
  }

  private sink(): { problems: StoreProblems; path: string } {
    return { problems: this.problemLog, path: this.dbPath };
  }
}

/**
 * Opens an `mlflow.db` read-only, checking that it is an MLflow database before resolving.
 * Rejects with MlflowError(BAD_STORE) when it is missing, not SQLite, not MLflow's, or damaged.
 */
export async function openSqliteStore(dbPath: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  const store = new SqliteStore(await loadSqlJs(), resolve(dbPath), options);
  try {
    await store.check();
  } catch (error) {
    store.dispose();
    throw error;
  }
  return store;
}
