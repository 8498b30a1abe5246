import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MlflowError, MlflowReadOnlyError } from '../../../src/extension/tracking/errors';
import type { LocalTrackingStore } from '../../../src/extension/tracking/local/localTrackingStore';
import { SystemTags, type Run } from '../../../src/extension/tracking/model';
import { manifest, transcriptBody, wireDouble, type Manifest } from './fixtures';
import { comparableRun, comparableWire, type WireRun } from './runComparison';

export interface ConformanceSetup {
  label: string;
  open: () => Promise<LocalTrackingStore>;
  /** The manifest describing this very store (same ids). */
  manifest: string;
  /** runs/get and metrics/get-history of `nan-inf-metrics` as a server on the same kind of store answers. */
  nanInfRun: string;
  nanInfHistory: string;
  /**
   * The value this store reads for a value as recorded: SqliteStore reads MLflow's clamped
   * +/-1.7976931348623157e308 back as +/-Infinity (webview/shared/nonFinite.ts); by default, as recorded.
   */
  readValue?: (recorded: number) => number;
}

interface WireHistory {
  metrics?: { key: string; value: number | string; timestamp: number; step: number }[];
}

/**
 * What every local store must answer alike: the manifest of the store itself, and the recorded
 * answers of a real MLflow server for the runs of the same names.
 */
export function conformanceSuite(setup: ConformanceSetup): void {
  const readValue = setup.readValue ?? ((value: number) => value);
  const expectedValue = (value: number | string) => readValue(wireDouble(value));
  describe(setup.label, () => {
    let store: LocalTrackingStore;
    let expected: Manifest;
    const runs = new Map<string, Run>();
    const byName = (experiment: string, run: string) =>
      runs.get(`${experiment}/${run}`) ?? assert.fail(`no run ${experiment}/${run}`);

    before(async () => {
      store = await setup.open();
      expected = await manifest(setup.manifest);
      for (const experiment of (await store.searchExperiments({ viewType: 'ALL' })).experiments) {
        const found = await store.searchRuns({
          experimentIds: [experiment.experimentId],
          runViewType: 'ALL',
          maxResults: 50000,
        });
        for (const run of found.runs) runs.set(`${experiment.name}/${run.info.runName}`, run);
      }
    });
    after(() => store.dispose());

    test('experiments are those of the manifest', async () => {
      const experiments = (await store.searchExperiments({ viewType: 'ALL' })).experiments;
      const summary = (e: {
        id: string;
        name: string;
        stage: string;
        location: string;
        tags: Record<string, string>;
      }) => e;
      assert.deepEqual(
        experiments
          .map((e) =>
            summary({
              id: e.experimentId,
              name: e.name,
              stage: e.lifecycleStage,
              location: e.artifactLocation,
              tags: { ...e.tags },
            }),
          )
          .sort(byId),
        expected.experiments
          .map((e) =>
            summary({
              id: e.experiment_id,
              name: e.name,
              stage: e.lifecycle_stage,
              location: e.artifact_location,
              tags: e.tags,
            }),
          )
          .sort(byId),
      );
      assert.deepEqual(store.problems, []);
    });

    test('every run of every experiment is listed as in the manifest', () => {
      for (const experiment of expected.experiments) {
        const listed = [...runs.values()].filter((run) => run.info.experimentId === experiment.experiment_id);
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
          if (want.metrics) {
            for (const [key, value] of Object.entries(want.metrics))
              assert.ok(Object.is(run.data.metrics[key]!.value, expectedValue(value)), key);
          }
        }
      }
    });

    const recordedRuns: [string, string, string][] = [
      ['nan-inf-metrics', 'edge-cases', setup.nanInfRun],
      ['smoke-test-fluent (a logged model)', 'demo-classifier', '063-runs-get-logged-model-outputs'],
      ['unicode', 'edge-cases', '064-runs-get-unicode'],
      ['long values', 'edge-cases', '066-runs-get-long-values'],
      ['deleted', 'edge-cases', '067-runs-get-deleted'],
      ['running', 'demo-classifier', '068-runs-get-running'],
      ['child', 'demo-classifier', '070-runs-get-child'],
    ];
    for (const [what, experiment, name] of recordedRuns) {
      test(`getRun answers as the server for the same run: ${what} (${name})`, async () => {
        const wire = (await transcriptBody<{ run: WireRun }>(name)).run;
        const run = await store.getRun(byName(experiment, wire.info.run_name).info.runId);
        const expected = comparableWire(wire) as { metrics: { value: number }[] };
        assert.deepEqual(comparableRun(run), {
          ...expected,
          metrics: expected.metrics.map((metric) => ({ ...metric, value: readValue(metric.value) })),
        });
      });
    }

    test('every demo-classifier run, datasets included, matches the server (024)', async () => {
      const wire = await transcriptBody<{ runs: WireRun[] }>('024-runs-search-default');
      // A search answer carries no model outputs (the server leaves them to runs/get, 063).
      const withoutOutputs = (run: unknown) => ({ ...(run as object), modelOutputSteps: undefined });
      for (const run of wire.runs) {
        const ours = comparableRun(byName('demo-classifier', run.info.run_name));
        assert.deepEqual(withoutOutputs(ours), withoutOutputs(comparableWire(run)), run.info.run_name);
      }
      assert.ok(
        wire.runs.some((run) => (run.inputs?.dataset_inputs?.length ?? 0) > 0),
        'the recording has dataset inputs to compare',
      );
    });

    test('logged-model outputs name a model', () => {
      const outputs = byName('demo-classifier', 'smoke-test-fluent').outputs.modelOutputs;
      assert.equal(outputs.length, 1);
      assert.match(outputs[0]!.modelId, /^m-[0-9a-f]{32}$/);
    });

    test('unknown ids and names get the server wording', async () => {
      const notFound = (message: string) => (error: unknown) =>
        error instanceof MlflowError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST' && error.message === message;
      const [run, experiment, name] = await Promise.all([
        transcriptBody<{ message: string }>('128-error-runs-get-nonexistent'),
        transcriptBody<{ message: string }>('131-error-experiments-get-nonexistent'),
        transcriptBody<{ message: string }>('133-error-experiments-get-by-name-nonexistent'),
      ]);
      await assert.rejects(store.getRun('00000000000000000000000000000000'), notFound(run.message));
      await assert.rejects(store.getRun('../../etc'), notFound('Run with id=../../etc not found'));
      await assert.rejects(store.getExperiment('999999'), notFound(experiment.message));
      await assert.rejects(store.getExperimentByName('no-such-experiment'), notFound(name.message));
      assert.equal((await store.getExperimentByName('old-experiment')).lifecycleStage, 'deleted');
      await assert.rejects(store.listArtifacts('00000000000000000000000000000000'), notFound(run.message));
    });

    const histories: [string, string, string, string][] = [
      ['demo-classifier', 'best-so-far', 'loss', '073-metrics-get-history-max25000'],
      ['edge-cases', 'nan-inf-metrics', 'weird', setup.nanInfHistory],
      ['edge-cases', 'nan-inf-metrics', 'same_step', '078-metrics-get-history-same-step'],
      ['edge-cases', 'nan-inf-metrics', 'train/loss', '079-metrics-get-history-slash-key'],
      ['demo-classifier', 'best-so-far', 'does_not_exist', '080-metrics-get-history-unknown-key'],
    ];
    for (const [experiment, runName, key, name] of histories) {
      test(`the metric history of ${runName} ${key} is the server's (${name})`, async () => {
        const wire = (await transcriptBody<WireHistory>(name)).metrics ?? [];
        const history = await store.getMetricHistory(byName(experiment, runName).info.runId, key);
        assert.deepEqual(
          history,
          wire.map((m) => ({ key: m.key, value: expectedValue(m.value), timestamp: m.timestamp, step: m.step })),
        );
      });
    }

    test('a history of an unknown run is empty, as the server answers (149)', async () => {
      assert.deepEqual(await store.getMetricHistory('00000000000000000000000000000000', 'loss'), []);
    });

    test('sampled histories keep the step range, the cap and both ends', async () => {
      const runId = byName('demo-classifier', 'best-so-far').info.runId;
      const full = await store.getMetricHistory(runId, 'loss');
      const sampled = await store.getSampledMetricHistory({
        runIds: [runId, 'unknown'],
        metricKey: 'loss',
        startStep: 100,
        endStep: 200,
        maxResults: 20,
      });
      const points = sampled[runId]!;
      assert.ok(points.length <= 20 && points.length >= 2);
      assert.equal(points[0]!.step, 100);
      assert.equal(points.at(-1)!.step, 200);
      for (const point of points) assert.ok(full.some((p) => p.step === point.step && Object.is(p.value, point.value)));
      assert.deepEqual(sampled.unknown, []);
      assert.deepEqual(
        (await store.getSampledMetricHistory({ runIds: [runId], metricKey: 'loss' }))[runId],
        full,
        'under the default cap, nothing is dropped',
      );
      await assert.rejects(
        store.getSampledMetricHistory({ runIds: [runId], metricKey: 'loss', maxResults: 2501 }),
        /between 1 and 2500/,
      );
    });

    test('every write is refused, naming the store and what was asked', async () => {
      const runId = byName('demo-classifier', 'best-so-far').info.runId;
      const writes: [string, () => Promise<unknown>][] = [
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
      assert.equal(store.writable, false);
      for (const [operation, write] of writes) {
        await assert.rejects(write(), (error: unknown) => {
          assert.ok(error instanceof MlflowReadOnlyError, operation);
          assert.equal(error.errorCode, 'READ_ONLY_STORE');
          assert.ok(error.message.startsWith(`${store.description} is opened read-only: ${operation}`), error.message);
          return true;
        });
      }
    });

    test('searches filter and order as the server does (029, 031, 033)', async () => {
      const experimentId = (await store.getExperimentByName('demo-classifier')).experimentId;
      const names = async (filterString: string, orderBy?: string[]) =>
        (await store.searchRuns({ experimentIds: [experimentId], filterString, orderBy, maxResults: 100 })).runs.map(
          (run) => run.info.runName,
        );
      const parentId = byName('demo-classifier', 'sweep-parent').info.runId;
      for (const [filter, name] of [
        ["params.optimizer = 'adamw'", '029-runs-search-filter-param-eq'],
        ["attributes.status = 'FAILED'", '031-runs-search-filter-status-failed'],
        [`tags.mlflow.parentRunId = '${parentId}'`, '033-runs-search-filter-parent-run-id'],
      ] as const) {
        const wire = await transcriptBody<{ runs: WireRun[] }>(name);
        assert.deepEqual(
          await names(filter),
          wire.runs.map((run) => run.info.run_name),
          filter,
        );
      }
      const lowLoss = [...runs.values()]
        .filter(
          (run) =>
            run.info.experimentId === experimentId &&
            run.info.lifecycleStage === 'active' &&
            run.data.metrics.loss!.value < 0.2,
        )
        .sort((a, b) => a.data.metrics.loss!.value - b.data.metrics.loss!.value)
        .map((run) => run.info.runName);
      assert.ok(lowLoss.length >= 2);
      assert.deepEqual(await names('metrics.loss < 0.2', ['metrics.loss ASC']), lowLoss);
    });

    test('iterating runs walks every page once', async () => {
      const experimentId = (await store.getExperimentByName('scale')).experimentId;
      const seen: string[] = [];
      for await (const run of store.iterateRuns({ experimentIds: [experimentId], maxResults: 40 }))
        seen.push(run.info.runId);
      assert.equal(seen.length, 150);
      assert.equal(new Set(seen).size, 150);
      const deleted = await store.searchRuns({
        experimentIds: [(await store.getExperimentByName('edge-cases')).experimentId],
        runViewType: 'DELETED_ONLY',
      });
      assert.deepEqual(
        deleted.runs.map((run) => run.info.runName),
        ['to-be-deleted'],
      );
    });

    test('experiment searches filter and page', async () => {
      const found = await store.searchExperiments({ filterString: "name LIKE 'demo%'" });
      assert.deepEqual(
        found.experiments.map((e) => e.name),
        ['demo-classifier'],
      );
      const first = await store.searchExperiments({ maxResults: 2, orderBy: ['name ASC'] });
      assert.deepEqual(
        first.experiments.map((e) => e.name),
        ['Default', 'demo-classifier'],
      );
      const second = await store.searchExperiments({
        maxResults: 2,
        orderBy: ['name ASC'],
        pageToken: first.nextPageToken,
      });
      assert.deepEqual(
        second.experiments.map((e) => e.name),
        ['edge-cases', 'project-runs'],
      );
    });
  });
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
