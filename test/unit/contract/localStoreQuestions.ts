/**
 * Questions only a local store can be asked: what it holds against the manifest made with it (ids,
 * artifact locations, every run), the server's wording of its errors (a REST store passes on
 * whatever its server said), and requests no recording answered (an experiment filter, paging by
 * name), whose answers the manifest and the recordings still determine.
 */
import assert from 'node:assert/strict';
import { MlflowError, MlflowReadOnlyError } from '../../../src/extension/tracking/errors';
import type { LocalTrackingStore } from '../../../src/extension/tracking/local/localTrackingStore';
import { SystemTags } from '../../../src/extension/tracking/model';
import type { Metric, Run } from '../../../src/extension/tracking/model';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';
import { unclampInfinity } from '../../../src/webview/shared/nonFinite';
import { manifest, wireDouble } from '../local/fixtures';
import type { Manifest } from '../local/fixtures';
import { comparableRun, comparableWire } from '../local/runComparison';
import type { WireRun } from '../local/runComparison';
import { LOCAL_BACKENDS, question, Satisfies, SQLITE_BACKENDS } from './question';
import type { BackendFacts, Question } from './question';
import { recordedBody, recordedExperimentNames } from './recordings';

/** The manifest of the store the backend opens (every local backend has one). */
function manifestOf(backend: BackendFacts): Promise<Manifest> {
  return manifest(backend.manifest ?? assert.fail(`${backend.name} has no manifest`));
}

/**
 * A metric value of the manifest as the store reads it back: SqliteStore reads MLflow's clamped
 * +/-1.7976931348623157e308 as +/-Infinity (webview/shared/nonFinite.ts); the file store keeps what it wrote.
 */
function valueAsRead(backend: BackendFacts, value: number | string): number {
  const read = wireDouble(value);
  return SQLITE_BACKENDS.includes(backend.answersAs ?? backend.name) ? unclampInfinity(read) : read;
}

interface ExperimentSummary {
  id: string;
  name: string;
  stage: string;
  location: string;
  tags: Record<string, string>;
}

interface HeldExperiments {
  experiments: ExperimentSummary[];
  problems: readonly unknown[];
}

const byId = (a: ExperimentSummary, b: ExperimentSummary) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every run of every experiment, deleted ones included. */
async function everyRun(store: TrackingStore): Promise<Run[]> {
  const runs: Run[] = [];
  for (const experiment of (await store.searchExperiments({ viewType: 'ALL' })).experiments) {
    const found = await store.searchRuns({
      experimentIds: [experiment.experimentId],
      runViewType: 'ALL',
      maxResults: 50000,
    });
    runs.push(...found.runs);
  }
  return runs;
}

/** Writes of a read-only store, each with the words its refusal names it by. */
function everyWrite(store: TrackingStore, runId: string): [string, () => Promise<unknown>][] {
  return [
    ['creating an experiment', () => store.createExperiment('x')],
    ['creating a run', () => store.createRun({ experimentId: '0' })],
    ['logging a batch', () => store.logBatch(runId, { metrics: [] })],
    ['logging a metric', () => store.logMetric(runId, 'loss', 1)],
    ['logging a param', () => store.logParam(runId, 'p', 'v')],
    ['setting a tag', () => store.setTag(runId, 't', 'v')],
    ['deleting a tag', () => store.deleteTag(runId, 't')],
    ['updating a run', () => store.updateRun(runId, { status: 'KILLED' })],
    ['ending a run', () => store.setTerminated(runId)],
    ['deleting a run', () => store.deleteRun(runId)],
    ['restoring a run', () => store.restoreRun(runId)],
    ['uploading an artifact', () => store.logArtifact(runId, '/etc/hostname')],
    ['uploading artifacts', () => store.logArtifacts(runId, '/etc')],
  ];
}

/** The message of the MlflowError a call rejects with (`code: message`). */
async function messageOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof MlflowError) return `${error.errorCode}: ${error.message}`;
    throw error;
  }
  return assert.fail('expected an MlflowError');
}

const recordedMessage = (selector: string) => {
  const body = recordedBody<{ error_code: string; message: string }>(selector);
  return `${body.error_code}: ${body.message}`;
};

export const LOCAL_STORE_QUESTIONS: Question[] = [
  question<HeldExperiments>({
    title: 'manifest: the experiments are those of the manifest (ids, locations, tags), read without problems',
    ask: async (store) => ({
      experiments: (await store.searchExperiments({ viewType: 'ALL' })).experiments
        .map((e) => ({
          id: e.experimentId,
          name: e.name,
          stage: e.lifecycleStage,
          location: e.artifactLocation,
          tags: { ...e.tags },
        }))
        .sort(byId),
      problems: (store as LocalTrackingStore).problems,
    }),
    expected: async (backend) => ({
      experiments: (await manifestOf(backend)).experiments
        .map((e) => ({
          id: e.experiment_id,
          name: e.name,
          stage: e.lifecycle_stage,
          location: e.artifact_location,
          tags: e.tags,
        }))
        .sort(byId),
      problems: [],
    }),
    only: LOCAL_BACKENDS,
  }),
  question<Run[]>({
    title: 'manifest: every run of every experiment is listed as in the manifest, params and latest metrics too',
    ask: everyRun,
    expected: async (backend) => {
      const expected = await manifestOf(backend);
      return new Satisfies<Run[]>('the manifest', (runs) => {
        for (const experiment of expected.experiments) {
          const listed = runs.filter((run) => run.info.experimentId === experiment.experiment_id);
          assert.equal(listed.length, experiment.run_count, experiment.name);
          for (const want of experiment.runs) {
            const run = listed.find((r) => r.info.runId === want.run_id) ?? assert.fail(`missing run ${want.run_id}`);
            assert.deepEqual(
              {
                name: run.info.runName,
                status: run.info.status,
                stage: run.info.lifecycleStage,
                parent: run.data.tags[SystemTags.parentRunId] ?? null,
                commit: run.data.tags[SystemTags.gitCommit],
                source: run.data.tags[SystemTags.sourceName],
                params: Object.keys(run.data.params).length,
                metrics: Object.keys(run.data.metrics).length,
              },
              {
                name: want.run_name,
                status: want.status,
                stage: want.lifecycle_stage,
                parent: want.parent_run_id,
                commit: want.git_commit,
                source: want.source_name,
                params: want.n_params,
                metrics: want.n_metrics,
              },
            );
            if (want.params) assert.deepEqual({ ...run.data.params }, want.params);
            for (const [key, value] of Object.entries(want.metrics ?? {}))
              assert.ok(
                Object.is(run.data.metrics[key]!.value, valueAsRead(backend, value)),
                `${want.run_name} ${key}`,
              );
          }
        }
      });
    },
    only: LOCAL_BACKENDS,
  }),
  question<unknown[]>({
    title: "024 runs/search of demo-classifier: every run's content, datasets included, is the server's",
    ask: async (store, ids) => {
      const found = await store.searchRuns({ experimentIds: [ids.experiment('demo-classifier')] });
      // A search answer carries no model outputs (the server leaves them to runs/get, 063).
      return found.runs.map((run) => ({ ...(comparableRun(run) as object), modelOutputSteps: [] }));
    },
    expected: () => {
      const { runs } = recordedBody<{ runs: WireRun[] }>('024');
      assert.ok(
        runs.some((run) => (run.inputs?.dataset_inputs?.length ?? 0) > 0),
        'the recording has dataset inputs to compare',
      );
      return runs.map((run) => ({ ...(comparableWire(run) as object), modelOutputSteps: [] }));
    },
  }),
  question<boolean[]>({
    title: '063 runs/get smoke-test-fluent: its one logged model is named by a model id (m- and 32 hex digits)',
    ask: async (store, ids) =>
      (await store.getRun(ids.run('demo-classifier', 'smoke-test-fluent'))).outputs.modelOutputs.map((output) =>
        /^m-[0-9a-f]{32}$/.test(output.modelId),
      ),
    // The ids differ from store to store (so runQuestions.ts compares only the steps); their form does not.
    expected: () => [true],
  }),
  question<string[]>({
    title: "128, 131, 133 unknown ids and names: the server's error wording",
    ask: async (store) => [
      await messageOf(store.getRun('00000000000000000000000000000000')),
      await messageOf(store.getExperiment('999999')),
      await messageOf(store.getExperimentByName('no-such-experiment')),
    ],
    expected: () => ['128', '131', '133'].map(recordedMessage),
  }),
  question<string[]>({
    title: 'a run id that is a path, and the artifacts of an unknown run: not found, in the wording of 128',
    ask: async (store) => [
      await messageOf(store.getRun('../../etc')),
      await messageOf(store.listArtifacts('00000000000000000000000000000000')),
    ],
    expected: () => ['RESOURCE_DOES_NOT_EXIST: Run with id=../../etc not found', recordedMessage('128')],
    // The server answers a path as a run id its own way (129); a local store never reads outside its folder.
    only: LOCAL_BACKENDS,
  }),
  question<string[]>({
    title: 'every write of a read-only store is refused naming the store and the write',
    ask: async (store, ids) => {
      const messages: string[] = [];
      for (const [, write] of everyWrite(store, ids.run('demo-classifier', 'best-so-far'))) {
        await write().then(
          () => assert.fail('a write went through'),
          (error: unknown) => {
            assert.ok(error instanceof MlflowReadOnlyError, String(error));
            messages.push(`${error.errorCode}: ${error.message}`);
          },
        );
      }
      return messages;
    },
    expected: () =>
      new Satisfies<string[]>('READ_ONLY_STORE: <store> is opened read-only: <write>…', (messages, store) => {
        const writes = everyWrite(store, '');
        assert.equal(messages.length, writes.length);
        writes.forEach(([operation], index) =>
          assert.ok(
            messages[index]!.startsWith(`READ_ONLY_STORE: ${store.description} is opened read-only: ${operation}`),
            messages[index],
          ),
        );
      }),
    only: LOCAL_BACKENDS,
  }),
  question<{ filtered: string[]; pages: string[][] }>({
    title: '015 experiments/search filtered by name LIKE, and by name ASC in pages of 2',
    ask: async (store) => {
      const filtered = (await store.searchExperiments({ filterString: "name LIKE 'demo%'" })).experiments;
      const pages: string[][] = [];
      let pageToken: string | undefined;
      do {
        const page = await store.searchExperiments({ maxResults: 2, orderBy: ['name ASC'], pageToken });
        pages.push(page.experiments.map((e) => e.name));
        pageToken = page.nextPageToken;
      } while (pageToken && pages.length < 20);
      return { filtered: filtered.map((e) => e.name), pages };
    },
    // 015 is every active experiment by name; the local stores were made without 'perf' (experimentQuestions.ts).
    expected: () => {
      const names = recordedExperimentNames('015').filter((name) => name !== 'perf');
      const pages: string[][] = [];
      for (let start = 0; start < names.length; start += 2) pages.push(names.slice(start, start + 2));
      return { filtered: names.filter((name) => name.startsWith('demo')), pages };
    },
    // The client sends max_results with every search, so the recorded filter (013, without it) is not a question it asks.
    only: LOCAL_BACKENDS,
  }),
  question<Metric[] | undefined>({
    title: 'a sampled history under the default cap (2,500 points) drops nothing',
    ask: async (store, ids) => {
      const runId = ids.run('demo-classifier', 'best-so-far');
      return (await store.getSampledMetricHistory({ runIds: [runId], metricKey: 'loss' }))[runId];
    },
    expected: () =>
      new Satisfies<Metric[] | undefined>('the full history', async (sampled, store, ids) =>
        assert.deepEqual(sampled, await store.getMetricHistory(ids.run('demo-classifier', 'best-so-far'), 'loss')),
      ),
    // The server samples by its own rule (086, 087); a local store's sampling is its own code.
    only: LOCAL_BACKENDS,
  }),
];
