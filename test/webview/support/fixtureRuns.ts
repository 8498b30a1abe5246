// Runs of the recorded MLflow 3.5.1 file store, as the host would send them to a panel: read
// through the real FileStore and converted by the host's own functions.
import { fetchMetricSeries } from '../../../src/extension/panels/metricSeries';
import { toRunView } from '../../../src/extension/panels/runViews';
import { openFileStore } from '../../../src/extension/tracking/local/fileStore';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';
import type { MetricSeries, RunView } from '../../../src/webview/protocol';

export const fixtureMlruns = 'test/fixtures/mlflow-3.5.1/mlruns';

/** Recorded runs by name (demo-classifier and edge-cases). */
export const fixtureRunIds = {
  baselineAdam: 'd389a863ef9143a18728f56612f5d1d2',
  baselineSgd: '3dbe4642e10e49c7a548fa2323d85083',
  sgdMomentum: 'bf29bcb7df6f4d999ff1eec7078e078d',
  adamLr3e3: 'a157ab176cf7422dbeba442ef4f884f6',
  rmsprop: 'bc83bbe0e13b43d3a2dac63f72f8c7a0',
  bestSoFar: 'cdd5ebdb2081480f90aa962e56f9adfe',
  sweepParent: 'aff5a117788046d49baa99539a46e423',
  scriptName: '835151ae708d4767a68ce3978841a161',
  imgName: '68a0595d9e1645e681f367d4ec41e2b6',
  longValues: 'd838c1304625451caacc162ef51cdde5',
  nanInf: 'b37e427ead2c4047a7ea1fa8a1841b07',
  artifactZoo: '1f19b6a2c1a14cb9be001bdfb0109d95',
} as const;

export class FixtureRuns {
  private constructor(readonly store: TrackingStore) {}

  static async open(): Promise<FixtureRuns> {
    return new FixtureRuns(await openFileStore(fixtureMlruns));
  }

  async views(...runIds: string[]): Promise<RunView[]> {
    return Promise.all(
      runIds.map(async (runId) => {
        const run = await this.store.getRun(runId);
        const experiment = await this.store.getExperiment(run.info.experimentId);
        return toRunView(run, experiment.name);
      }),
    );
  }

  series(runIds: string[], metricKey: string, maxPoints = 2500): Promise<Record<string, MetricSeries>> {
    return fetchMetricSeries(this.store, runIds, metricKey, { maxPoints });
  }

  dispose(): void {
    this.store.dispose();
  }
}
