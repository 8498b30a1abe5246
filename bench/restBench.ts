/**
 * REST benchmark cases, one per process: `<bundle> <case> <baseUrl>`.
 * The client cases use RestStore as the extension does; the floor cases make the same requests
 * with plain fetch + JSON.parse and nothing else, which no client can beat.
 *
 * `npm run bench` runs it bundled by esbuild as the extension ships, under plain Node
 * (scripts/run-bench.mjs `bundled`); `node --import tsx bench/restBench.ts` runs the source,
 * with tsx's own work mixed into the figures.
 */
import { measureCase } from './support/measure';
import { createRestStore } from '../src/extension/tracking/rest/restStore';

const [caseName, baseUrl] = process.argv.slice(2);
if (!caseName || !baseUrl) throw new Error('usage: restBench.ts <case> <baseUrl>');

const PAGE = 1000;
const HISTORY_PAGE = 25_000;

async function runsFloor(): Promise<number> {
  let count = 0;
  let token: string | undefined;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/2.0/mlflow/runs/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ experiment_ids: ['6'], max_results: PAGE, ...(token ? { page_token: token } : {}) }),
    });
    const page = JSON.parse(await response.text()) as { runs?: unknown[]; next_page_token?: string };
    count += page.runs?.length ?? 0;
    if (!page.runs?.length || !page.next_page_token) return count;
    token = page.next_page_token;
  }
}

async function historyFloor(): Promise<number> {
  let count = 0;
  let token: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ run_id: 'r', metric_key: 'loss', max_results: String(HISTORY_PAGE) });
    if (token) query.set('page_token', token);
    const response = await fetch(`${baseUrl}/api/2.0/mlflow/metrics/get-history?${query.toString()}`);
    const page = JSON.parse(await response.text()) as { metrics?: unknown[]; next_page_token?: string };
    count += page.metrics?.length ?? 0;
    if (!page.metrics?.length || !page.next_page_token) return count;
    token = page.next_page_token;
  }
}

const cases: Record<string, () => Promise<number>> = {
  'rest.runs10k.floor': runsFloor,
  'rest.runs10k.client': async () => {
    const store = createRestStore(baseUrl, { env: {} });
    let count = 0;
    for await (const _run of store.iterateRuns({ experimentIds: ['6'], maxResults: PAGE })) count++;
    store.dispose();
    return count;
  },
  'rest.history100k.floor': historyFloor,
  'rest.history100k.client': async () => {
    const store = createRestStore(baseUrl, { env: {} });
    const points = await store.getMetricHistory('r', 'loss');
    store.dispose();
    return points.length;
  },
};

const work = cases[caseName];
if (!work) throw new Error(`unknown case ${caseName}; known: ${Object.keys(cases).join(', ')}`);
measureCase(caseName, work).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
