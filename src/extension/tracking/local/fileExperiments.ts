import { readdir, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import type { Experiment } from '../model';
import { isMissing } from './artifactFiles';
import { experimentFromMeta } from './fileEntities';
import type { FileRunReader, RunFolder } from './fileRunReader';
import { subfolderNames } from './fileRunInputs';
import { errorMessage } from '../errors';
import { isRunId } from '../../../webview/shared/mlflowIds';

/** Folders of the store's root that are not experiments (deleted experiments, the model registry). */
const NOT_EXPERIMENTS = new Set(['.trash', 'models']);
/** Folders of an experiment that are not runs (MLflow's reserved experiment folders). */
const NOT_RUNS = new Set(['tags', 'datasets', 'models', 'traces']);

/** Every experiment folder: `<root>/<id>` for active ones, `<root>/.trash/<id>` for deleted ones. */
export async function experimentFolders(root: string): Promise<string[]> {
  const active = (await folderNames(root)).filter((name) => !NOT_EXPERIMENTS.has(name) && !name.startsWith('.'));
  const deleted = await folderNames(join(root, '.trash'));
  return [...active.map((name) => join(root, name)), ...deleted.map((name) => join(root, '.trash', name))];
}

/** The experiment of a folder with its tags, or undefined (and a problem filed) when it cannot be read. */
export function readExperiment(folder: string, reader: FileRunReader): Experiment | undefined {
  const metaPath = join(folder, 'meta.yaml');
  try {
    const experiment = experimentFromMeta(reader.readMeta(metaPath), basename(folder));
    if (typeof experiment === 'string') {
      reader.report(metaPath, `meta.yaml ${experiment}`);
      return undefined;
    }
    experiment.tags = reader.readTexts(join(folder, 'tags'));
    return experiment;
  } catch (error) {
    reader.report(metaPath, isMissing(error) ? 'the experiment folder has no meta.yaml' : errorMessage(error));
    return undefined;
  }
}

/** The run folders of an experiment folder. */
export function runFolders(experimentDir: string): RunFolder[] {
  const prefix = join(experimentDir, sep);
  const experimentId = basename(experimentDir);
  return subfolderNames(experimentDir)
    .filter((name) => !NOT_RUNS.has(name) && !name.startsWith('.'))
    .map((runId) => ({ runDir: prefix + runId, experimentDir, runId, experimentId }));
}

/** The folder of a run, looked for in every experiment as MLflow does; undefined when none holds it. */
export async function findRunFolder(root: string, runId: string): Promise<RunFolder | undefined> {
  if (!isRunId(runId) || NOT_RUNS.has(runId)) return undefined;
  for (const experimentDir of await experimentFolders(root)) {
    const runDir = join(experimentDir, runId);
    if (await isDirectory(runDir)) return { runDir, experimentDir, runId, experimentId: basename(experimentDir) };
  }
  return undefined;
}

async function folderNames(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
