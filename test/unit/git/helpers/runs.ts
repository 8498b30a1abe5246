import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Run } from '../../../../src/extension/tracking/model';
import { aRun } from '../../../support/runBuilder';

/** A run with the given tags, the way a store hands it out. */
export function runWithTags(
  tags: Record<string, string>,
  runId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  runName = 'run',
): Run {
  return aRun(runId, { runName, userId: 'user', artifactUri: '', tags });
}

export const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'mlflow-3.5.1');

interface ManifestRun {
  run_id: string;
  run_name: string;
  git_commit: string | null;
  source_name: string | null;
}

interface Manifest {
  remote: string;
  commits: string[];
  experiments: { experiment_id: string; name: string; runs?: ManifestRun[] }[];
}

export function fixtureManifest(): Manifest {
  return JSON.parse(readFileSync(join(FIXTURES, 'manifest-filestore.json'), 'utf8')) as Manifest;
}

/** A run of the recorded file store, with the tags MLflow wrote for it (read from its tag files). */
export function fixtureRun(experimentId: string, run: ManifestRun): Run {
  const folder = join(FIXTURES, 'mlruns', experimentId, run.run_id, 'tags');
  const tags = Object.fromEntries(readdirSync(folder).map((key) => [key, readFileSync(join(folder, key), 'utf8')]));
  return runWithTags(tags, run.run_id, run.run_name);
}

/** Every recorded run of the file store whose tag files are in the fixtures, with its manifest entry. */
export function fixtureRuns(): { run: Run; manifest: ManifestRun; experiment: string }[] {
  const present = new Set(readdirSync(join(FIXTURES, 'mlruns')));
  return fixtureManifest().experiments.flatMap((experiment) =>
    present.has(experiment.experiment_id)
      ? (experiment.runs ?? []).map((manifest) => ({
          run: fixtureRun(experiment.experiment_id, manifest),
          manifest,
          experiment: experiment.name,
        }))
      : [],
  );
}
