/**
 * The clamped infinity: MLflow's SQL stores keep ±Infinity as ±1.7976931348623157e308 and a server
 * sends it so (062, 077); the file store writes `inf`, and also keeps a value logged as
 * 1.7976931348623157e308 (`big`, `weird` at step 5). One meaning on every backend: a stored
 * ±1.7976931348623157e308 IS ±Infinity, in latest metrics, searches, full and sampled histories.
 *
 * What the fixtures hold (sqlite3 / the files): `big` 1.7976931348623157e308 everywhere;
 * `last_pos_inf` / `last_neg_inf` ±1.7976931348623157e308 in both mlflow.db files and the
 * recordings, `inf` / `-inf` in mlruns/; `weird` 1, NaN, +inf, -inf, 0.5, 1.7976931348623157e308,
 * 5e-324, -0.0 (0 in sqlite), 42, 0.25.
 */
import type { Metric } from '../../../src/extension/tracking/model';
import { LOCAL_BACKENDS, question } from './question';
import type { Question } from './question';

/** A value as compared here: its text, so NaN and the infinities read plainly (and -0.0 as 0, a separate, known difference). */
function spelled(value: number): string {
  return String(value);
}

const LATEST_KEYS = ['big', 'last_pos_inf', 'last_neg_inf', 'last_nan', 'only_nan', 'tiny'] as const;

/** The decided meaning of the latest values of nan-inf-metrics. */
const LATEST: Record<(typeof LATEST_KEYS)[number], string> = {
  big: 'Infinity',
  last_pos_inf: 'Infinity',
  last_neg_inf: '-Infinity',
  last_nan: 'NaN',
  only_nan: 'NaN',
  tiny: '5e-324',
};

/** The decided meaning of the history of `weird`, step by step. */
const WEIRD = ['1', 'NaN', 'Infinity', '-Infinity', '0.5', 'Infinity', '5e-324', '0', '42', '0.25'];

function latestOf(metrics: Readonly<Record<string, Metric>>): Record<string, string> {
  return Object.fromEntries(LATEST_KEYS.map((key) => [key, metrics[key] ? spelled(metrics[key].value) : 'missing']));
}

export const INFINITY_QUESTIONS: Question[] = [
  question<Record<string, string>>({
    title: '062 runs/get nan-inf-metrics: a stored ±1.7976931348623157e308 is ±Infinity in the latest values',
    ask: async (store, ids) => latestOf((await store.getRun(ids.run('edge-cases', 'nan-inf-metrics'))).data.metrics),
    expected: () => LATEST,
  }),
  question<Record<string, string>>({
    title:
      '049 runs/search of edge-cases: the latest values of nan-inf-metrics in a search are ±Infinity where ±1.7976931348623157e308 is stored',
    ask: async (store, ids) => {
      const { runs } = await store.searchRuns({
        experimentIds: [ids.experiment('edge-cases')],
        runViewType: 'ACTIVE_ONLY',
      });
      const run = runs.find((candidate) => candidate.info.runName === 'nan-inf-metrics');
      return run ? latestOf(run.data.metrics) : { missing: 'nan-inf-metrics' };
    },
    expected: () => LATEST,
  }),
  question<string[]>({
    title:
      '077 metrics/get-history of nan-inf-metrics "weird": a stored ±1.7976931348623157e308 is ±Infinity at every step',
    ask: async (store, ids) =>
      (await store.getMetricHistory(ids.run('edge-cases', 'nan-inf-metrics'), 'weird')).map((point) =>
        spelled(point.value),
      ),
    expected: () => WEIRD,
    historyPageSize: 100,
  }),
  question<string[]>({
    title:
      'sampled history of nan-inf-metrics "weird": a stored ±1.7976931348623157e308 is ±Infinity in what charts read',
    ask: async (store, ids) => {
      const runId = ids.run('edge-cases', 'nan-inf-metrics');
      const sampled = await store.getSampledMetricHistory({ runIds: [runId], metricKey: 'weird', maxResults: 2500 });
      return (sampled[runId] ?? []).map((point) => spelled(point.value));
    },
    expected: () => WEIRD,
    // The server was recorded sampling this history on /ajax-api only (089), a path RestStore does
    // not ask; test/unit/rest/sampledHistory.test.ts replays that answer to RestStore instead.
    only: LOCAL_BACKENDS,
  }),
];
