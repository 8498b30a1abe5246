/**
 * `<bundle> <mlflow.db>`: the sidebar's reads of a large mlflow.db through SqliteStore, in one
 * fresh process (so the peak RSS is these reads' own), as one JSON line: open + first 100 runs, a
 * filter ordered by a metric, a 10,000-step history, and the first page again after a training
 * script committed one more run. The runner passes the store it made once and keeps
 * (bench/output/scale): the appended run is deleted again at the end, so that every run of the
 * bench reads the same store (runs left behind would each be newer than every run of the
 * experiment, and fill its first page with runs that have no params, tags or metrics).
 *
 * `npm run bench` runs it bundled by esbuild as the extension ships, under plain Node
 * (scripts/run-bench.mjs `bundled`); `node --import tsx bench/sqliteScaleBench.ts` runs the source,
 * with tsx's own work mixed into the figures.
 */
import { openSqliteStore } from '../src/extension/tracking/local/sqliteStore';
import { DatabaseSync } from 'node:sqlite';

const [path] = process.argv.slice(2);
if (!path) throw new Error('usage: sqliteScaleBench.ts <mlflow.db>');

const FILTER = "metrics.accuracy > 0.6 AND params.optimizer = 'adam'";

/**
 * A short print of a page's run ids in order (sqliteFloor.py prints the same of its pages). Called
 * after the timed steps, and node:crypto loaded only then: loading it first fills a third of a fresh
 * Node's young generation, which moved its first collection into the first timed step (+5 ms).
 */
function answerPrint(runIds: readonly string[]): string {
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha1').update(runIds.join(',')).digest('hex').slice(0, 12);
}

/** Wall and CPU time of one step (CPU: user + system, what the neighbours of a shared machine do not inflate as much). */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await work();
  const cpu = process.cpuUsage(cpuStart);
  return {
    ms: Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10,
    cpuMs: Math.round((cpu.user + cpu.system) / 100) / 10,
    value,
  };
}

async function main(): Promise<void> {
  const open = await timed(async () => {
    const store = await openSqliteStore(path!);
    const page = await store.searchRuns({ experimentIds: ['6'], maxResults: 100 });
    return { store, count: page.runs.length };
  });
  const { store } = open.value;
  const filter = await timed(
    async () =>
      (
        await store.searchRuns({
          experimentIds: ['6'],
          filterString: FILTER,
          orderBy: ['metrics.loss ASC'],
          maxResults: 100,
        })
      ).runs,
  );
  const history = await timed(
    async () => (await store.getMetricHistory(`feed${(0).toString(16).padStart(28, '0')}`, 'loss')).length,
  );
  const again = await timed(
    async () => (await store.searchRuns({ experimentIds: ['6'], maxResults: 100 })).runs.length,
  );
  // A training script commits one run (another connection, as another process would).
  const appended = `${'e'.repeat(24)}${Date.now().toString(16).slice(-8).padStart(8, '0')}`;
  const writer = new DatabaseSync(path!, { enableForeignKeyConstraints: false });
  writer.exec(
    'INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id) ' +
      `VALUES ('${appended}', 'appended', 'LOCAL', '', '', 'bench', 'RUNNING', 1900000000000, NULL, '', 'active', '', 6)`,
  );
  const afterChange = await timed(
    async () => (await store.searchRuns({ experimentIds: ['6'], maxResults: 100 })).runs[0]?.info.runName,
  );
  store.dispose();
  writer.prepare('DELETE FROM runs WHERE run_uuid = ?').run(appended);
  writer.close();
  console.log(
    JSON.stringify({
      openFirstPageMs: open.ms,
      filterOrderByMetricMs: filter.ms,
      history10kMs: history.ms,
      firstPageAgainMs: again.ms,
      afterAppendMs: afterChange.ms,
      cpuMs: {
        openFirstPage: open.cpuMs,
        filterOrderByMetric: filter.cpuMs,
        history10k: history.cpuMs,
        firstPageAgain: again.cpuMs,
        afterAppend: afterChange.cpuMs,
      },
      counts: {
        firstPage: open.value.count,
        filter: filter.value.length,
        history: history.value,
        newest: afterChange.value,
      },
      // The filter's page (its run ids in order), to check that every side answered the same question.
      filterAnswer: answerPrint(filter.value.map((run) => run.info.runId)),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
