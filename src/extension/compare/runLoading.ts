import type { RunView } from '../../webview/protocol';
import { isCancellation, errorMessage } from '../tracking/errors';
import type { Run } from '../tracking/model';
import type { CallOptions, TrackingStore } from '../tracking/trackingStore';
import { toRunView } from '../panels/runViews';

/** Runs fetched at once when a panel opens many. */
const CONCURRENCY = 8;

export interface LoadedRuns {
  runs: Run[];
  views: RunView[];
  /** One sentence per run that could not be loaded. */
  problems: string[];
}

/**
 * The runs with these ids, in that order, from the store (or from `known`, runs the sidebar
 * already holds), with their experiments' names; a run that cannot be fetched is left out with a
 * sentence saying why, so one deleted run does not keep the others from showing.
 */
export async function loadRuns(
  store: TrackingStore,
  runIds: readonly string[],
  known: ReadonlyMap<string, Run>,
  options?: CallOptions,
): Promise<LoadedRuns> {
  const results: (Run | string)[] = new Array<Run | string>(runIds.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < runIds.length) {
      const index = next++;
      const runId = runIds[index]!;
      try {
        results[index] = known.get(runId) ?? (await store.getRun(runId, options));
      } catch (error) {
        if (isCancellation(error)) throw error;
        results[index] = `Run ${runId} could not be loaded from ${store.description}: ${errorMessage(error)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, runIds.length) }, worker));
  const runs = results.filter((result): result is Run => typeof result !== 'string');
  const names = await experimentNames(store, runs, options);
  return {
    runs,
    views: runs.map((run) => toRunView(run, names.get(run.info.experimentId) ?? run.info.experimentId)),
    problems: results.filter((result): result is string => typeof result === 'string'),
  };
}

async function experimentNames(
  store: TrackingStore,
  runs: readonly Run[],
  options?: CallOptions,
): Promise<Map<string, string>> {
  const ids = [...new Set(runs.map((run) => run.info.experimentId))];
  const names = new Map<string, string>();
  await Promise.all(
    ids.map(async (experimentId) => {
      try {
        names.set(experimentId, (await store.getExperiment(experimentId, options)).name);
      } catch (error) {
        if (isCancellation(error)) throw error;
        // The id still tells the user which experiment it is.
      }
    }),
  );
  return names;
}
