// What the recorded local store holds for the demo experiment, read from its manifest (written by
// the recording, beside mlflow.db), so the journey checks the screen against the data, not against
// values typed into the test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoFixturesDir } from '../../../scripts/demoWorkspace';
import { repoRoot } from '../harness/paths';

export interface ManifestRun {
  run_id: string;
  run_name: string;
  status: string;
  parent_run_id: string | null;
  git_commit: string | null;
  start_time: number;
  params: Record<string, string>;
  metrics: Record<string, number | string>;
}

interface Manifest {
  experiments: { name: string; runs: ManifestRun[] }[];
}

/** The runs of one experiment of the local store, as the recording listed them. */
export function manifestRuns(experiment: string): ManifestRun[] {
  const file = join(demoFixturesDir(repoRoot), 'local-store', 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  const found = manifest.experiments.find((entry) => entry.name === experiment);
  if (!found) throw new Error(`the manifest has no experiment "${experiment}"`);
  return found.runs;
}

/** The runs the sidebar lists at the top of an experiment (children sit under their parent), newest first. */
export function topLevelRuns(runs: readonly ManifestRun[]): ManifestRun[] {
  return runs.filter((run) => run.parent_run_id === null).sort((a, b) => b.start_time - a.start_time);
}

/** A run by name; the journey's steps name the runs they act on. */
export function runNamed(runs: readonly ManifestRun[], name: string): ManifestRun {
  const run = runs.find((entry) => entry.run_name === name);
  if (!run) throw new Error(`the manifest has no run "${name}"`);
  return run;
}

/**
 * The metric every run row of an experiment shows by default: the key most of its runs have (ties:
 * the first by name), with each run's value of it (undefined for a run without it).
 */
export function shownMetric(runs: readonly ManifestRun[], run: ManifestRun): [string, number | undefined] {
  const counts = new Map<string, number>();
  for (const entry of runs) for (const key of Object.keys(entry.metrics)) counts.set(key, (counts.get(key) ?? 0) + 1);
  const [key] = [...counts].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1))[0] ?? [''];
  return [key, key in run.metrics ? Number(run.metrics[key]) : undefined];
}
