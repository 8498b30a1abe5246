/**
 * The runs table against a server, one case per process:
 * `<bundle> <case> <baseUrl>` (the page server of
 * bench/support/pageServer.ts: 10,000 runs of experiment '6').
 * - `table.firstRows.host`: what the table's host does until its first `runsTable/rows` message is
 *   posted: the query's first request through RestStore (a screenful, FIRST_PAGE_SIZE runs, with an
 *   order_by), its runs made rows, and the message serialised as VS Code serialises a webview
 *   message (JSON). The paging is then cancelled.
 * - `table.firstRows.floor`: one raw 1,000-run `runs/search` page (the table's page size) with plain
 *   fetch + JSON.parse, the fixed floor. Goal: the host's first rows within 1.2x of it.
 *
 * `npm run bench` runs it bundled by esbuild as the extension ships, under plain Node
 * (scripts/run-bench.mjs `bundled`); `node --import tsx bench/runsTableRestBench.ts` runs the source,
 * with tsx's own work mixed into the figures.
 */
import { measureCase } from './support/measure';
import { createRestStore } from '../src/extension/tracking/rest/restStore';
import { rowsMessage, TableLoading } from '../src/extension/runsTable/runPaging';
import { TableRows } from '../src/extension/runsTable/tableRows';

const [caseName, baseUrl] = process.argv.slice(2);
if (!caseName || !baseUrl) throw new Error('usage: runsTableRestBench.ts <case> <baseUrl>');

const ORDER_BY = ['attributes.start_time DESC'];

async function floor(): Promise<number> {
  const response = await fetch(`${baseUrl}/api/2.0/mlflow/runs/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      experiment_ids: ['6'],
      max_results: 1000,
      order_by: ORDER_BY,
      run_view_type: 'ACTIVE_ONLY',
    }),
  });
  const page = JSON.parse(await response.text()) as { runs?: unknown[] };
  return page.runs?.length ?? 0;
}

async function host(): Promise<number> {
  const store = createRestStore(baseUrl!, { env: {} });
  const rows = new TableRows(() => []);
  const loading = new TableLoading();
  try {
    return await new Promise<number>((resolve, reject) => {
      loading.start(
        store,
        { experimentIds: ['6'], filter: '', orderBy: ORDER_BY, showDeleted: false },
        (generation, page) => {
          // The panel's own path: the first page (a screenful: FIRST_PAGE_SIZE) made rows, and its message.
          const message = rowsMessage(
            generation,
            page.runs.map((run) => rows.rowOf(run)),
            page,
          );
          // What postMessage costs the host: VS Code sends webview messages as JSON.
          JSON.stringify(message);
          resolve(page.runs.length);
        },
        (_generation, error) => reject(error instanceof Error ? error : new Error(String(error))),
      );
    });
  } finally {
    loading.cancel();
    store.dispose();
  }
}

const cases: Record<string, () => Promise<number>> = {
  'table.firstRows.floor': floor,
  'table.firstRows.host': host,
};

const work = cases[caseName];
if (!work) throw new Error(`unknown case ${caseName}; known: ${Object.keys(cases).join(', ')}`);
// The machine is shared: CPU time of the measured work (this process only, the server is another) says
// more than wall time under load. On stderr, so the runner's JSON line stays as it is.
const timed = async (): Promise<number> => {
  const before = process.cpuUsage();
  const items = await work();
  const { user, system } = process.cpuUsage(before);
  process.stderr.write(`${caseName} cpu ${Math.round((user + system) / 100) / 10} ms\n`);
  return items;
};
measureCase(caseName, timed).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
