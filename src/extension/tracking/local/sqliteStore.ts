import { basename, dirname, join, resolve } from 'node:path';
import type { Experiment, Metric, Run } from '../model';
import type { RunSearchQuery } from '../search/localSearch';
import { runSearchPage } from '../search/localSearch';
import type { SearchRunsResult, StoreLocation } from '../trackingStore';
import type { RunArtifactLocation } from './artifactLocation';
import { LocalTrackingStore, type LocalStoreOptions } from './localTrackingStore';
import { SqliteConnection, type SqliteConnectionOptions, type SqliteSession } from './sqliteConnection';
import { readExperiments, readWorkspaces } from './sqliteExperiments';
import { readMetricHistory } from './sqliteMetrics';
import { runById } from './sqliteQuery';
import { countRunRows } from './sqliteRunCount';
import { ExperimentRunFactsCache } from './sqliteRunPlan';
import { searchRunPage } from './sqliteRunSearch';
import { readRuns, type ProblemSink } from './sqliteRuns';
import { StoreProblems, type StoreProblem } from './storeProblems';

export type SqliteStoreOptions = LocalStoreOptions & SqliteConnectionOptions;

/**
 * A local `mlflow.db` (MLflow's SQLAlchemy schema), read-only, through SQLite itself: searches
 * run as SQL and read only the runs of the page asked for, so a commit by a training script
 * costs the next query, never a reload of the file. Experiments (a few rows) are kept while
 * nothing has been committed since they were read.
 */
export class SqliteStore extends LocalTrackingStore {
  readonly kind = 'sqlite' as const;
  readonly trackingUri: string;
  readonly description: string;
  readonly location: StoreLocation;
  private readonly connection: SqliteConnection;
  private readonly problemLog = new StoreProblems();
  private experiments: { version: string; experiments: Experiment[] } | undefined;
  private runFacts = new ExperimentRunFactsCache();

  constructor(
    readonly dbPath: string,
    options: SqliteStoreOptions = {},
  ) {
    super(options);
    this.trackingUri = `sqlite:///${dbPath}`;
    this.description = `${basename(dbPath)} in ${dirname(dbPath)}`;
    this.location = { kind: 'file', format: 'mlflow.db', path: dbPath };
    this.connection = new SqliteConnection(dbPath, this.description, options);
  }

  get problems(): readonly StoreProblem[] {
    return this.problemLog.list();
  }

  /** Opens the file (or again, when it was replaced): rejects when it is not a usable MLflow database. */
  async check(): Promise<void> {
    await this.connection.read(() => undefined);
  }

  /** SQLite's own count of commits by other processes (one PRAGMA on the open file): costs nothing to ask often. */
  changeStamp(): Promise<string> {
    return this.connection.read((session) => session.version);
  }

  protected override loadWorkspaces(): Promise<string[]> {
    return this.connection.read((session) => readWorkspaces(session));
  }

  protected loadExperiments(): Promise<Experiment[]> {
    return this.connection.read((session) => this.experimentsOf(session));
  }

  protected loadRuns(experimentIds: readonly string[]): Promise<Run[]> {
    const query: RunSearchQuery = {
      experimentIds,
      stages: new Set(['active', 'deleted']),
      comparisons: [],
      order: [],
      offset: 0,
      maxResults: Number.MAX_SAFE_INTEGER,
    };
    return this.connection.read((session) => searchRunPage(session, query, this.sink(), this.runFacts));
  }

  protected override async findRuns(query: RunSearchQuery): Promise<SearchRunsResult> {
    const runs = await this.connection.read((session) => searchRunPage(session, query, this.sink(), this.runFacts));
    return runSearchPage(runs, query);
  }

  protected override countMatching(query: RunSearchQuery): Promise<number> {
    return this.connection.read((session) => countRunRows(session, query, this.runFacts));
  }

  protected loadRun(runId: string): Promise<Run | undefined> {
    return this.connection.read((session) => readRuns(session, runById(runId), this.sink())[0]);
  }

  protected loadMetricHistory(runId: string, metricKey: string): Promise<Metric[]> {
    return this.connection.read((session) => readMetricHistory(session, runId, metricKey));
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
    this.experiments = undefined;
    this.runFacts = new ExperimentRunFactsCache();
    this.connection.dispose();
  }

  private experimentsOf(session: SqliteSession): Experiment[] {
    if (this.experiments?.version !== session.version) {
      this.experiments = {
        version: session.version,
        experiments: readExperiments(session, this.problemLog, this.dbPath),
      };
    }
    return this.experiments.experiments;
  }

  private sink(): ProblemSink {
    return { problems: this.problemLog, path: this.dbPath };
  }
}

/**
 * Opens an `mlflow.db` read-only, checking that it is an MLflow database before resolving.
 * Rejects with MlflowError(BAD_STORE) when it is missing, not SQLite, not MLflow's, damaged, or
 * when this editor's Node has no `node:sqlite`.
 */
export async function openSqliteStore(dbPath: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  const store = new SqliteStore(resolve(dbPath), options);
  try {
    await store.check();
  } catch (error) {
    store.dispose();
    throw error;
  }
  return store;
}
