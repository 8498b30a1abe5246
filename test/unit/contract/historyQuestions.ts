/**
 * Metric histories: full histories (paged on REST by the store's page size), NaN and infinite
 * values, points at the same step, keys with a slash, unknown keys and runs, and the sampled
 * histories charts read.
 */
import assert from 'node:assert/strict';
import type { Metric } from '../../../src/extension/tracking/model';
import { compareMetricPoints } from '../../../src/extension/tracking/sampling';
import type { SampledMetricHistoryRequest } from '../../../src/extension/tracking/trackingStore';
import { unclampInfinity } from '../../../src/webview/shared/nonFinite';
import { errorCodeOf, onLocalStores, onSqliteStores, question, Satisfies } from './question';
import type { Question } from './question';
import { pointFromRecording, recordedBody, recordedError, recordedHistory, recordedRunName } from './recordings';
import type { Point, RecordedMetric } from './recordings';
import type { StoreIds } from './storeIds';

function pointOf(metric: Metric): Point {
  return { key: metric.key, value: metric.value, timestamp: metric.timestamp, step: metric.step };
}

function history(
  selector: string,
  experiment: string,
  run: string,
  key: string,
  exceptions: Pick<Question<Point[]>, 'historyPageSize' | 'differs'> = {},
): Question {
  return question<Point[]>({
    title: `${selector} metrics/get-history of ${run} ${JSON.stringify(key)}`,
    ask: async (store, ids) => (await store.getMetricHistory(ids.run(experiment, run), key)).map(pointOf),
    expected: () => recordedHistory(selector),
    ...exceptions,
  });
}

/** Sampled points by run name. */
type Sampled = Record<string, Point[]>;

/** A sampled-history request phrased by demo-classifier run names. */
interface Sample {
  runs: string[];
  metricKey: string;
  maxResults: number;
  steps?: { start: number; end: number };
}

function requestOf(sample: Sample, ids: StoreIds): SampledMetricHistoryRequest {
  return {
    runIds: sample.runs.map((run) => ids.run('demo-classifier', run)),
    metricKey: sample.metricKey,
    maxResults: sample.maxResults,
    startStep: sample.steps?.start,
    endStep: sample.steps?.end,
  };
}

function recordedSample(selector: string): Sampled {
  const sampled: Sampled = {};
  for (const metric of recordedBody<{ metrics: (RecordedMetric & { run_id: string })[] }>(selector).metrics) {
    (sampled[recordedRunName(metric.run_id)] ??= []).push(pointFromRecording(metric));
  }
  for (const points of Object.values(sampled)) points.sort(compareMetricPoints);
  return sampled;
}

/**
 * A local store samples a history itself (the server's sampling is its own), so what is compared
 * is what both promise: the same runs, the recorded first and last step of each kept, no more
 * points than asked, each one a point of the full history, in step order.
 */
function sampledLocally(selector: string, sample: Sample) {
  return () =>
    new Satisfies<Sampled>('the shared properties of a sampled history', async (answer, store, ids) => {
      const recorded = recordedSample(selector);
      assert.deepEqual(Object.keys(answer).sort(), Object.keys(recorded).sort());
      for (const [run, points] of Object.entries(answer)) {
        const full = await store.getMetricHistory(ids.run('demo-classifier', run), sample.metricKey);
        const wanted = recorded[run]!;
        assert.ok(points.length >= 2 && points.length <= sample.maxResults, `${run}: ${points.length} points`);
        assert.equal(points[0]!.step, wanted[0]!.step, `${run}: first step`);
        assert.equal(points.at(-1)!.step, wanted.at(-1)!.step, `${run}: last step`);
        assert.deepEqual([...points].sort(compareMetricPoints), points, `${run}: in step order`);
        for (const point of points) {
          assert.ok(
            full.some(
              (p) => p.step === point.step && p.timestamp === point.timestamp && Object.is(p.value, point.value),
            ),
            `${run}: step ${point.step} is a point of the history`,
          );
        }
      }
    });
}

function sampled(selector: string, what: string, sample: Sample): Question {
  return question<Sampled>({
    title: `${selector} sampled history ${what}`,
    ask: async (store, ids) => {
      const byRunId = await store.getSampledMetricHistory(requestOf(sample, ids));
      return Object.fromEntries(
        Object.entries(byRunId).map(([runId, points]) => [ids.runName(runId) ?? runId, points.map(pointOf)]),
      );
    },
    // REST answers what the server sampled, point for point.
    expected: () => recordedSample(selector),
    differs: onLocalStores(sampledLocally(selector, sample)),
  });
}

export const HISTORY_QUESTIONS: Question[] = [
  history('073', 'demo-classifier', 'best-so-far', 'loss'),
  question<Point[]>({
    title: '074-076 metrics/get-history of best-so-far "loss" read in pages of 200',
    ask: async (store, ids) =>
      (await store.getMetricHistory(ids.run('demo-classifier', 'best-so-far'), 'loss')).map(pointOf),
    expected: () => ['074', '075', '076'].flatMap(recordedHistory),
    historyPageSize: 200,
  }),
  history('077', 'edge-cases', 'nan-inf-metrics', 'weird', {
    historyPageSize: 100,
    // As for 062: sqlite clamps +/-Infinity and -0.0 when writing, the file store keeps them;
    // mlruns/ answers as a server on a file store did (compare-filestore/003). SqliteStore reads
    // the clamped values back as +/-Infinity (webview/shared/nonFinite.ts): the recorded points, unclamped.
    differs: {
      file: () => recordedHistory('compare-filestore/003'),
      ...onSqliteStores(() =>
        recordedHistory('077').map((point) => ({ ...point, value: unclampInfinity(point.value) })),
      ),
    },
  }),
  history('078', 'edge-cases', 'nan-inf-metrics', 'same_step', { historyPageSize: 100 }),
  history('079', 'edge-cases', 'nan-inf-metrics', 'train/loss', { historyPageSize: 100 }),
  history('080', 'demo-classifier', 'best-so-far', 'does_not_exist', { historyPageSize: 100 }),
  question<Point[]>({
    title: '149 metrics/get-history of an unknown run answers no points',
    ask: async (store) => (await store.getMetricHistory('00000000000000000000000000000000', 'loss')).map(pointOf),
    expected: () => recordedHistory('149'),
    historyPageSize: 10,
  }),
  sampled('086', 'of two runs, at most 50 points each', {
    runs: ['best-so-far', 'sweep-parent'],
    metricKey: 'loss',
    maxResults: 50,
  }),
  // The server answered 21 points for 20 (it adds the range's last step); a local store keeps to 20.
  sampled('087', 'of steps 100-200, at most 20 points', {
    runs: ['best-so-far'],
    metricKey: 'loss',
    maxResults: 20,
    steps: { start: 100, end: 200 },
  }),
  question({
    title: '090 sampled history of more than 2,500 points a run is refused',
    ask: (store, ids) =>
      errorCodeOf(
        store.getSampledMetricHistory(requestOf({ runs: ['best-so-far'], metricKey: 'loss', maxResults: 2501 }, ids)),
      ),
    expected: () => recordedError('090'),
  }),
];
