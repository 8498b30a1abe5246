/**
 * Local store benchmark cases, one per process: `<bundle> <case> <storesDir>`.
 * Each case opens a generated 10,000-run store from nothing, as the sidebar does on first show.
 *
 * `npm run bench` runs it bundled by esbuild as the extension ships, under plain Node
 * (scripts/run-bench.mjs `bundled`); `node --import tsx bench/localBench.ts` runs the source,
 * with tsx's own work mixed into the figures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureCase } from './support/measure';
import { openFileStore } from '../src/extension/tracking/local/fileStore';
import { openSqliteStore } from '../src/extension/tracking/local/sqliteStore';
import type { TrackingStore } from '../src/extension/tracking/trackingStore';

const [caseName, storesDir] = process.argv.slice(2);
if (!caseName || !storesDir) throw new Error('usage: localBench.ts <case> <storesDir>');

const FILTER = "metrics.accuracy > 0.6 AND params.optimizer = 'adam' AND attributes.status = 'FINISHED'";

const openers: Record<string, () => Promise<TrackingStore>> = {
  sqlite: async () => openSqliteStore(join(storesDir, 'mlflow.db')),
  file: async () => openFileStore(join(storesDir, 'mlruns')),
};

/** The first page the sidebar shows: newest 100 runs. */
async function firstPage(store: TrackingStore): Promise<number> {
  const page = await store.searchRuns({ experimentIds: ['6'], maxResults: 100 });
  return page.runs.length;
}

/** A filtered, metric-ordered search over all 10,000 runs. */
async function filteredSearch(store: TrackingStore): Promise<number> {
  const page = await store.searchRuns({
    experimentIds: ['6'],
    filterString: FILTER,
    orderBy: ['metrics.loss ASC'],
    maxResults: 1000,
  });
  return page.runs.length;
}

/** Every run, page by page. */
async function allRuns(store: TrackingStore): Promise<number> {
  let count = 0;
  for await (const _run of store.iterateRuns({ experimentIds: ['6'], maxResults: 1000 })) count++;
  return count;
}

/** The first page again in the same process (a refresh): what a listing costs once the store has been read. */
async function firstPageAgain(store: TrackingStore): Promise<number> {
  return firstPage(store);
}

const queries: Record<string, (store: TrackingStore) => Promise<number>> = {
  firstPage,
  firstPageAgain,
  filteredSearch,
  allRuns,
};
/** Cases whose store has answered the same query once before the clock starts. */
const WARM = new Set(['firstPageAgain']);

/**
 * The floor of a cold mlruns/ first page: list the experiment's run folders and read every
 * run's meta.yaml (what ordering by start time needs), nothing parsed.
 */
function metaWalk(): number {
  const experiment = join(storesDir!, 'mlruns', '6');
  let read = 0;
  for (const entry of readdirSync(experiment, { withFileTypes: true })) {
    if (entry.isDirectory() && readFileSync(join(experiment, entry.name, 'meta.yaml')).length > 0) read++;
  }
  return read;
}

/** Opens the store and answers the query, timed from nothing; a warm case answers once before the clock starts. */
async function storeCase(kind: string, query: string): Promise<void> {
  const open = openers[kind];
  const run = queries[query];
  if (!open || !run)
    throw new Error(
      `unknown case ${caseName}: local.<sqlite|file>.<${Object.keys(queries).join('|')}> or local.file.metaWalkFloor`,
    );
  if (WARM.has(query)) {
    const store = await open();
    await run(store);
    await measureCase(caseName!, () => run(store));
    store.dispose();
    return;
  }
  await measureCase(caseName!, async () => {
    const store = await open();
    const count = await run(store);
    store.dispose();
    return count;
  });
}

const [kind, query] = caseName.replace(/^local\./, '').split('.');
const measured =
  kind === 'file' && query === 'metaWalkFloor'
    ? measureCase(caseName, () => Promise.resolve(metaWalk()))
    : storeCase(kind ?? '', query ?? '');
measured.catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
