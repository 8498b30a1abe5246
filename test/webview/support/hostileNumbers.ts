// The run `nan-inf-metrics` (and `diverged`, whose loss ends at a stored 1.7976931348623157e308)
// of experiment edge-cases, as each backend delivers them to a panel: read through the real
// FileStore and SqliteStore and converted by the host's own functions, and raw, as the server's
// mlflow.db holds them and an MLflow server sends them (±1.7976931348623157e308, not yet mapped).
import { DatabaseSync } from 'node:sqlite';
import { fetchMetricSeries } from '../../../src/extension/panels/metricSeries';
import { openFileStore } from '../../../src/extension/tracking/local/fileStore';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import type { Metric, Run } from '../../../src/extension/tracking/model';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';
import type { MetricSeries } from '../../../src/webview/protocol';
import { toWire } from '../../../src/webview/protocol';
import { fixtureMlruns } from './fixtureRuns';

export const serverDb = 'test/fixtures/mlflow-3.5.1/server-store/mlflow.db';

/** Runs and their histories as one backend hands them to a panel. */
export interface Delivery {
  label: string;
  /** A run of edge-cases by name, its latest metrics as delivered. */
  run(name: string): Promise<Run>;
  /** One metric's history of a run, as the host sends it (all of it: these histories are short). */
  history(runId: string, metricKey: string): Promise<MetricSeries>;
  dispose(): void;
}

async function runByName(store: TrackingStore, name: string): Promise<Run> {
  const experiment = await store.getExperimentByName('edge-cases');
  const { runs } = await store.searchRuns({
    experimentIds: [experiment.experimentId],
    filterString: `attributes.run_name = '${name}'`,
  });
  if (runs.length !== 1) throw new Error(`edge-cases has ${runs.length} runs named ${name}`);
  return runs[0]!;
}

function storeDelivery(label: string, store: TrackingStore): Delivery {
  return {
    label,
    run: (name) => runByName(store, name),
    history: async (runId, metricKey) =>
      (await fetchMetricSeries(store, [runId], metricKey, { maxPoints: 2500 }))[runId]!,
    dispose: () => store.dispose(),
  };
}

/** The three deliveries: mlruns/, the server's mlflow.db through SqliteStore, and that mlflow.db raw. */
export async function deliveries(): Promise<Delivery[]> {
  return [
    storeDelivery('FileStore (mlruns/)', await openFileStore(fixtureMlruns)),
    storeDelivery('SqliteStore (server-store/mlflow.db)', await openSqliteStore(serverDb)),
    await rawDelivery(),
  ];
}

/**
 * The values as stored in the server's mlflow.db, which is what the server sends (062, 077): NaN
 * as NaN, ±Infinity as ±1.7976931348623157e308, -0.0 as 0. Read with SQL, not through a store.
 */
async function rawDelivery(): Promise<Delivery> {
  const db = new DatabaseSync(serverDb, { readOnly: true });
  const store = await openSqliteStore(serverDb);
  const rows = (sql: string, params: (string | number)[]): Metric[] =>
    db
      .prepare(sql)
      .all(...params)
      .map(({ key, value, timestamp, step, is_nan: isNan }) => ({
        key: String(key),
        value: Number(isNan) === 1 ? Number.NaN : Number(value),
        timestamp: Number(timestamp),
        step: Number(step),
      }));
  return {
    label: 'raw, as mlflow.db holds them and a server sends them',
    async run(name) {
      const run = await runByName(store, name);
      for (const metric of rows('SELECT key, value, timestamp, step, is_nan FROM latest_metrics WHERE run_uuid = ?', [
        run.info.runId,
      ])) {
        run.data.metrics[metric.key] = metric;
      }
      return run;
    },
    history(runId, metricKey) {
      const points = rows(
        'SELECT key, value, timestamp, step, is_nan FROM metrics WHERE run_uuid = ? AND key = ? ORDER BY step, timestamp',
        [runId, metricKey],
      );
      return Promise.resolve({
        steps: points.map((p) => p.step),
        timestamps: points.map((p) => p.timestamp),
        values: points.map((p) => toWire(p.value)),
        sampled: false,
      });
    },
    dispose() {
      db.close();
      store.dispose();
    },
  };
}
