import { lstat, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { keyedRecord, SystemTags, type KeyedRecord, type Metric, type Run } from '../model';
import { isMissing } from './artifactFiles';
import { StampedCache } from './fileCache';
import { runInfoFromMeta } from './fileEntities';
import { readMetaYaml, type MetaRecord } from './fileMeta';
import { readDatasetInputs, readModelOutputs, type MetaReader } from './fileRunInputs';
import { listKeyFiles } from './keyFiles';
import { latestOfMetricFile, latestPoint, type LatestMetricState } from './metricFile';
import { reasonOf } from './localErrors';
import type { StoreProblems } from './storeProblems';

/**
 * Builds runs from a file store's run folders, reading as little as it can: every file's parsed
 * content is kept until the file changes (by inode, size, mtime, ctime), and a metric file that
 * only grew is read from where it was left, so a listing re-reads only what MLflow has written
 * since. Anything unreadable is filed with the store's problems and the run (or the key) left out.
 */
export class FileRunReader implements MetaReader {
  private readonly metas = new StampedCache<MetaRecord | Error>((path) => readMetaYaml(path).catch((error: unknown) => new Error(reasonOf(error))));
  private readonly texts = new StampedCache<string>((path) => readFile(path, 'utf8'));
  // Points are cached without their key, which the folder walk supplies (nested keys contain '/').
  private readonly latest = new StampedCache<LatestMetricState>((path, stats, previous) => latestOfMetricFile(path, '', stats, previous));

  constructor(private readonly problems: StoreProblems) {}

  /** The run in `runDir` (a folder of `experimentDir`), or undefined when it cannot be read. */
  async readRun(runDir: string, experimentDir: string): Promise<Run | undefined> {
    const metaPath = join(runDir, 'meta.yaml');
    let meta: MetaRecord;
    try {
      meta = await this.readMeta(metaPath);
    } catch (error) {
      this.report(metaPath, isMissing(error) ? 'the run folder has no meta.yaml' : reasonOf(error));
      return undefined;
    }
    const info = runInfoFromMeta(meta, basename(runDir), basename(experimentDir));
    if (typeof info === 'string') {
      this.report(metaPath, `meta.yaml ${info}`);
      return undefined;
    }
    const [params, tags, metrics, datasetInputs, modelOutputs] = await Promise.all([
      this.readTexts(join(runDir, 'params')),
      this.readTexts(join(runDir, 'tags')),
      this.readLatestMetrics(join(runDir, 'metrics')),
      readDatasetInputs(runDir, experimentDir, this),
      readModelOutputs(runDir, this),
    ]);
    info.runName ||= tags[SystemTags.runName] ?? '';
    return { info, data: { params, tags, metrics }, inputs: { datasetInputs }, outputs: { modelOutputs } };
  }

  /** The text files of a key folder (params, tags; an experiment's tags) as a keyed record. */
  async readTexts(folder: string): Promise<KeyedRecord<string>> {
    const record = keyedRecord<string>();
    for (const file of await listKeyFiles(folder)) record[file.key] = await this.texts.get(file.path, file.stats);
    return record;
  }

  async readMeta(path: string): Promise<MetaRecord> {
    const meta = await this.metas.get(path, await lstat(path));
    if (meta instanceof Error) throw meta;
    this.problems.clear(path);
    return meta;
  }

  report(path: string, message: string): void {
    this.problems.report(path, message);
  }

  private async readLatestMetrics(folder: string): Promise<KeyedRecord<Metric>> {
    const metrics = keyedRecord<Metric>();
    for (const file of await listKeyFiles(folder)) {
      const state = await this.latest.get(file.path, file.stats);
      const point = latestPoint(state);
      if (state.badLine !== undefined) this.report(file.path, `a line of the metric file cannot be read: ${JSON.stringify(state.badLine.slice(0, 100))}`);
      else this.problems.clear(file.path);
      if (point) metrics[file.key] = { ...point, key: file.key };
    }
    return metrics;
  }
}
