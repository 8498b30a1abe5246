import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { keyedRecord, type Dataset, type DatasetInput, type ModelOutput } from '../model';
import { isMissing } from './artifactFiles';
import { metaInteger, metaText, type MetaRecord } from './fileMeta';
import { errorMessage } from '../errors';

/**
 * Run inputs and outputs as MLflow's file store keeps them: `<run>/inputs/<id>/meta.yaml` links a
 * dataset (`source_type: DATASET`, `source_id` naming `<experiment>/datasets/<id>/meta.yaml`,
 * `tags` such as `mlflow.data.context`); `<run>/outputs/<id>/meta.yaml` links a logged model
 * (`destination_type: MODEL_OUTPUT`, `destination_id`, `step`).
 */

export interface MetaReader {
  /** A parsed meta.yaml, cached by the file's stamp; throws when missing or malformed. */
  readMeta(path: string): MetaRecord;
  /** Files a problem (a link that cannot be followed, a malformed file). */
  report(path: string, message: string): void;
}

/** The run's dataset inputs, in the order of their folder names. */
export function readDatasetInputs(runDir: string, experimentDir: string, reader: MetaReader): DatasetInput[] {
  const inputs: DatasetInput[] = [];
  for (const folder of subfolders(join(runDir, 'inputs'))) {
    const link = readLink(reader, folder);
    if (link === undefined || metaText(link, 'source_type') !== 'DATASET') continue;
    const datasetId = metaText(link, 'source_id') ?? '';
    const dataset = /^[\w.-]+$/.test(datasetId)
      ? readDataset(reader, join(experimentDir, 'datasets', datasetId))
      : undefined;
    if (dataset === undefined) {
      reader.report(join(folder, 'meta.yaml'), `the dataset ${JSON.stringify(datasetId)} it links to cannot be read`);
      continue;
    }
    inputs.push({ dataset, tags: stringTags(link.tags) });
  }
  return inputs;
}

/** The logged models the run produced. */
export function readModelOutputs(runDir: string, reader: MetaReader): ModelOutput[] {
  const outputs: ModelOutput[] = [];
  for (const folder of subfolders(join(runDir, 'outputs'))) {
    const link = readLink(reader, folder);
    const modelId = link && metaText(link, 'destination_id');
    if (link === undefined || metaText(link, 'destination_type') !== 'MODEL_OUTPUT' || modelId === undefined) continue;
    outputs.push({ modelId, step: metaInteger(link, 'step') ?? 0 });
  }
  return outputs;
}

function readDataset(reader: MetaReader, folder: string): Dataset | undefined {
  const meta = readLink(reader, folder);
  const name = meta && metaText(meta, 'name');
  if (meta === undefined || name === undefined) return undefined;
  const dataset: Dataset = {
    name,
    digest: metaText(meta, 'digest') ?? '',
    sourceType: metaText(meta, 'source_type') ?? '',
    source: metaText(meta, 'source') ?? '',
  };
  const schema = metaText(meta, 'schema');
  const profile = metaText(meta, 'profile');
  if (schema !== undefined) dataset.schema = schema;
  if (profile !== undefined) dataset.profile = profile;
  return dataset;
}

function readLink(reader: MetaReader, folder: string): MetaRecord | undefined {
  const path = join(folder, 'meta.yaml');
  try {
    return reader.readMeta(path);
  } catch (error) {
    reader.report(path, isMissing(error) ? 'meta.yaml is missing' : errorMessage(error));
    return undefined;
  }
}

function stringTags(value: unknown) {
  const tags = keyedRecord<string>();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return tags;
  for (const [key, tag] of Object.entries(value as Record<string, unknown>)) {
    if (typeof tag === 'string' || typeof tag === 'number' || typeof tag === 'bigint') tags[key] = String(tag);
  }
  return tags;
}

/** The sub-folders of a folder, sorted by name; none when it is missing. */
export function subfolders(folder: string): string[] {
  // join() once, not per entry: an experiment folder lists 10,000 runs, and a name from readdir
  // needs no normalising (sorting the names sorts the paths: they share the prefix).
  const prefix = join(folder, sep);
  return subfolderNames(folder).map((name) => prefix + name);
}

/** The names of the sub-folders of a folder, sorted; none when it is missing. */
export function subfolderNames(folder: string): string[] {
  // Most runs have no inputs/ or outputs/ folder: asking first costs a stat, where readdir's
  // ENOENT costs an Error with its stack (a tenth of reading a page of 100 runs, when profiled).
  if (statSync(folder, { throwIfNoEntry: false }) === undefined) return [];
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}
