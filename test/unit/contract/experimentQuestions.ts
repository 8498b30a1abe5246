/**
 * Experiments: searches the client can phrase (it always sends max_results, so the recordings
 * without it, 003-004 and 011-014, are not questions it can ask), get by id and by name, and
 * unknown ids and names.
 */
import type { Experiment } from '../../../src/extension/tracking/model';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';
import { errorCodeOf, onLocalStores, question } from './question';
import type { Question } from './question';
import { recordedBody, recordedError, recordedExperimentNames } from './recordings';

/**
 * 'perf' (one 100,000-step metric) exists on the recorded server only; the local stores were made
 * without it (fixtures README). Everywhere else they answer in the server's order.
 */
function withoutPerf(names: string[]): string[] {
  return names.filter((name) => name !== 'perf');
}

interface ExperimentView {
  name: string;
  lifecycleStage: string;
  tags: Record<string, string>;
  /** Locations differ by store (`mlflow-artifacts:/1`, `/home/user/.../mlruns/1`, `file:///...`); each ends in the id. */
  locationEndsWithId: boolean;
}

function viewOf(experiment: Experiment): ExperimentView {
  return {
    name: experiment.name,
    lifecycleStage: experiment.lifecycleStage,
    tags: { ...experiment.tags },
    locationEndsWithId: experiment.artifactLocation.endsWith(`/${experiment.experimentId}`),
  };
}

interface RecordedExperiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: string;
  tags?: { key: string; value: string }[];
}

function recordedView(selector: string): ExperimentView {
  const { experiment } = recordedBody<{ experiment: RecordedExperiment }>(selector);
  return {
    name: experiment.name,
    lifecycleStage: experiment.lifecycle_stage,
    tags: Object.fromEntries((experiment.tags ?? []).map((tag) => [tag.key, tag.value])),
    locationEndsWithId: experiment.artifact_location.endsWith(`/${experiment.experiment_id}`),
  };
}

interface WalkedPages {
  names: string[];
  largestPage: number;
}

/** Follows next-page tokens to the end (20 pages at most, so a token loop fails instead of hanging). */
async function walkExperimentPages(store: TrackingStore, maxResults: number): Promise<WalkedPages> {
  const walked: WalkedPages = { names: [], largestPage: 0 };
  let pageToken: string | undefined;
  for (let page = 0; page < 20; page++) {
    const found = await store.searchExperiments({ maxResults, pageToken });
    walked.names.push(...found.experiments.map((experiment) => experiment.name));
    walked.largestPage = Math.max(walked.largestPage, found.experiments.length);
    pageToken = found.nextPageToken;
    if (!pageToken) return walked;
  }
  throw new Error('experiments/search kept handing out page tokens');
}

const byName = (name: string, selector: string) =>
  question<ExperimentView>({
    title: `${selector} experiments/get-by-name ${JSON.stringify(name)}`,
    ask: async (store) => viewOf(await store.getExperimentByName(name)),
    expected: () => recordedView(selector),
  });

const byId = (name: string, selector: string) =>
  question<ExperimentView>({
    title: `${selector} experiments/get by the id of ${JSON.stringify(name)}`,
    ask: async (store, ids) => viewOf(await store.getExperiment(ids.experiment(name))),
    expected: () => recordedView(selector),
  });

export const EXPERIMENT_QUESTIONS: Question[] = [
  question<WalkedPages>({
    title: '005-008 experiments/search in pages of 2 walks every active experiment, newest first',
    ask: (store) => walkExperimentPages(store, 2),
    expected: () => ({ names: ['005', '006', '007', '008'].flatMap(recordedExperimentNames), largestPage: 2 }),
    differs: onLocalStores(() => ({
      names: withoutPerf(['005', '006', '007', '008'].flatMap(recordedExperimentNames)),
      largestPage: 2,
    })),
  }),
  question<string[]>({
    title: '015 experiments/search ordered by name ASC',
    ask: async (store) =>
      (await store.searchExperiments({ orderBy: ['name ASC'], maxResults: 100 })).experiments.map((e) => e.name),
    expected: () => recordedExperimentNames('015'),
    differs: onLocalStores(() => withoutPerf(recordedExperimentNames('015'))),
  }),
  question<string[]>({
    title: '016 experiments/search with max_results 50000 (the limit) lists every active experiment',
    ask: async (store) => (await store.searchExperiments({ maxResults: 50000 })).experiments.map((e) => e.name),
    expected: () => recordedExperimentNames('016'),
    differs: onLocalStores(() => withoutPerf(recordedExperimentNames('016'))),
  }),
  question({
    title: '017 experiments/search with max_results 50001 is refused',
    ask: (store) => errorCodeOf(store.searchExperiments({ maxResults: 50001 })),
    expected: () => recordedError('017'),
  }),
  byId('demo-classifier', '018'),
  byId('old-experiment', '019'),
  byName('demo-classifier', '020'),
  byName('ünïcødé 実験 🧪 <b>bold</b>', '021'),
  byName('old-experiment', '022'),
  question({
    title: '131 experiments/get of an unknown id',
    ask: (store) => errorCodeOf(store.getExperiment('999999')),
    expected: () => recordedError('131'),
  }),
  question({
    title: '133 experiments/get-by-name of an unknown name',
    ask: (store) => errorCodeOf(store.getExperimentByName('no-such-experiment')),
    expected: () => recordedError('133'),
  }),
];
