/**
 * The runs and experiments the recorded server held, rebuilt from its own answers.
 *
 * Runs: the union of every run in a recorded `runs/search` answer made before the write
 * transcripts (files up to 060, plus 140 and 143), so each run is seen as it was when those
 * searches ran. That is complete for the experiments 'demo-classifier' (1), 'edge-cases' (2,
 * deleted run included via 051), 'project-runs' (3) and 'old-experiment' (5), but not for 'scale'
 * (6): the server held 10,000 runs there and only 1,094 were recorded (the first page of 1,000 in
 * the default order, the 99 KILLED runs, and the top of two orderings). A search over a subset
 * that holds the server's answer still gives the server's answer when the answer is complete
 * (no next-page token) or is the first page of its ordering, which is the case for every
 * recorded scale search; the agreement test relies on that.
 *
 * Experiments: the seven active ones (016, all of them in one page) and the deleted one (019).
 */
import type { Experiment, Run } from '../../../../src/extension/tracking/model';
import { experimentFromJson, loadTranscript, runFromJson, transcriptsFor } from './recordedTranscripts';

export const RUNS_SEARCH = '/api/2.0/mlflow/runs/search';
export const EXPERIMENTS_SEARCH = '/api/2.0/mlflow/experiments/search';

function isReadPhase(file: string): boolean {
  const number = Number(file.slice(0, 3));
  return number <= 60 || number === 140 || number === 143;
}

export function recordedRuns(): Run[] {
  const byId = new Map<string, Run>();
  for (const transcript of transcriptsFor(RUNS_SEARCH)) {
    if (transcript.response.status !== 200 || !isReadPhase(transcript.file)) continue;
    for (const json of transcript.response.body.runs ?? []) {
      const run = runFromJson(json);
      if (!byId.has(run.info.runId)) byId.set(run.info.runId, run);
    }
  }
  return [...byId.values()];
}

export function recordedExperiments(): Experiment[] {
  const active = loadTranscript('016-experiments-search-max-results-50000.json').response.body.experiments ?? [];
  const deleted = loadTranscript('019-experiments-get-deleted.json').response.body.experiment;
  return [...active, ...(deleted ? [deleted] : [])].map(experimentFromJson);
}
