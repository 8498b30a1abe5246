/**
 * A backend's own ids for the experiments and runs the questions name. Every store holds the same
 * experiments and runs under different ids, so ids are looked up once per backend, through the
 * store itself and with calls the recorded server answered (a REST store can only ask those).
 */
import type { Run } from '../../../src/extension/tracking/model';
import type { SearchRunsRequest, TrackingStore } from '../../../src/extension/tracking/trackingStore';

export interface StoreIds {
  experiment: (name: string) => string;
  run: (experiment: string, run: string) => string;
  /** The name of a run of this store, by id (to name the parent a child run points at). */
  runName: (runId: string) => string | undefined;
}

export async function resolveStoreIds(store: TrackingStore): Promise<StoreIds> {
  // Every active experiment (016), and the deleted one by name (022).
  const experiments = (await store.searchExperiments({ maxResults: 50000 })).experiments;
  experiments.push(await store.getExperimentByName('old-experiment'));
  const experimentIds = new Map(experiments.map((experiment) => [experiment.name, experiment.experimentId]));
  const experimentId = (name: string) => experimentIds.get(name) ?? fail(`no experiment named ${JSON.stringify(name)}`);

  const runIds = new Map<string, string>();
  const runNames = new Map<string, string>();
  const add = (experiment: string, runs: Run[]) => {
    for (const run of runs.filter((candidate) => candidate.info.experimentId === experimentId(experiment))) {
      const key = runKey(experiment, run.info.runName);
      if (runIds.has(key)) fail(`two runs named ${JSON.stringify(run.info.runName)} in ${experiment}`);
      runIds.set(key, run.info.runId);
      runNames.set(run.info.runId, run.info.runName);
    }
  };
  const search = async (request: SearchRunsRequest) => (await store.searchRuns(request)).runs;
  add('demo-classifier', await search({ experimentIds: [experimentId('demo-classifier')] })); // 024
  add('edge-cases', await search({ experimentIds: [experimentId('edge-cases')], runViewType: 'ALL' })); // 051
  add('old-experiment', await search({ experimentIds: [experimentId('old-experiment')], runViewType: 'ALL' })); // 052
  // The only recorded search that reaches project-runs (053): its two runs ended last of all.
  const lastEnded = await search({
    experimentIds: ['demo-classifier', 'edge-cases', 'project-runs'].map(experimentId),
    maxResults: 5,
    orderBy: ['attributes.end_time DESC'],
  });
  add('project-runs', lastEnded);

  return {
    experiment: experimentId,
    run: (experiment, run) =>
      runIds.get(runKey(experiment, run)) ?? fail(`no run named ${JSON.stringify(run)} in ${experiment}`),
    runName: (runId) => runNames.get(runId),
  };
}

function runKey(experiment: string, run: string): string {
  return `${experiment}\u0000${run}`;
}

function fail(message: string): never {
  throw new Error(message);
}
