import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openFileStore } from '../../../src/extension/tracking/local/fileStore';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import { MlflowCancelledError } from '../../../src/extension/tracking/errors';
import type { TrackingStore } from '../../../src/extension/tracking/trackingStore';
import { FIRST_PAGE_SIZE, pageRuns, rowsMessage, TableLoading } from '../../../src/extension/runsTable/runPaging';
import type { TableRow } from '../../../src/webview/protocol';
import type { RunsPage, TableQuery } from '../../../src/extension/runsTable/runPaging';

let store: TrackingStore;
let scale = '';
let edgeCases = '';

before(async () => {
  store = await openSqliteStore('test/fixtures/mlflow-3.5.1/server-store/mlflow.db');
  scale = (await store.getExperimentByName('scale')).experimentId;
  edgeCases = (await store.getExperimentByName('edge-cases')).experimentId;
});
after(() => store.dispose());

function query(experimentIds: string[], rest: Partial<TableQuery> = {}): TableQuery {
  return { experimentIds, filter: '', orderBy: [], showDeleted: false, ...rest };
}

test('pageRuns hands over every page as it arrives, with the running count, done on the last', async () => {
  const pages: RunsPage[] = [];
  const total = await pageRuns(store, query([scale]), (page) => pages.push(page), { pageSize: 40 });
  assert.equal(total, 150);
  assert.deepEqual(
    pages.map((page) => [page.runs.length, page.loaded, page.done]),
    [
      [40, 40, false],
      [40, 80, false],
      [40, 120, false],
      [30, 150, true],
    ],
  );
  assert.equal(new Set(pages.flatMap((page) => page.runs.map((run) => run.info.runId))).size, 150);
});

test("pageRuns sends the filter and MLflow's order_by to the store: the store sorts across pages", async () => {
  const all: number[] = [];
  await pageRuns(
    store,
    query([scale], { filter: 'metrics.accuracy > 0', orderBy: ['metrics.accuracy DESC'] }),
    (page) => all.push(...page.runs.map((run) => run.data.metrics.accuracy!.value)),
    { pageSize: 25 },
  );
  assert.equal(all.length, 150);
  assert.deepEqual(
    all,
    [...all].sort((a, b) => b - a),
  );
  const names: string[] = [];
  await pageRuns(
    store,
    query([scale], { filter: "attributes.run_name LIKE 'trial-0001%'", orderBy: ['attributes.run_name ASC'] }),
    (page) => names.push(...page.runs.map((run) => run.info.runName)),
  );
  assert.deepEqual(names, [
    'trial-00010',
    'trial-00011',
    'trial-00012',
    'trial-00013',
    'trial-00014',
    'trial-00015',
    'trial-00016',
    'trial-00017',
    'trial-00018',
    'trial-00019',
  ]);
});

test('Show Deleted asks for every run; without it the deleted run is left out', async () => {
  const count = async (showDeleted: boolean) => pageRuns(store, query([edgeCases], { showDeleted }), () => undefined);
  assert.equal(await count(false), 12);
  assert.equal(await count(true), 13);
});

test('a new query cancels the paging of the one before: its later pages are never reported', async () => {
  const loading = new TableLoading();
  const seen: [number, number][] = [];
  const failures: unknown[] = [];
  const onPage = (generation: number, page: RunsPage) => seen.push([generation, page.loaded]);
  const first = loading.start(store, query([scale]), onPage, (_, error) => failures.push(error), 10);
  const second = loading.start(store, query([edgeCases]), onPage, (_, error) => failures.push(error), 10);
  assert.deepEqual([first.generation, second.generation, loading.current], [1, 2, 2]);
  await Promise.all([first.finished, second.finished]);
  assert.deepEqual(seen, [
    [2, 10],
    [2, 12],
  ]);
  assert.deepEqual(failures, [], 'the cancelled paging is no failure');
});

test('a failing store is reported once with its generation; a cancelled one is not', async () => {
  const loading = new TableLoading();
  const failures: [number, unknown][] = [];
  const { finished } = loading.start(
    store,
    query([scale], { filter: 'metrics.accuracy >' }),
    () => assert.fail('no page'),
    (generation, error) => failures.push([generation, error]),
  );
  await finished;
  assert.equal(failures.length, 1);
  assert.equal(failures[0]![0], 1);
  assert.match(String(failures[0]![1]), /accuracy|filter|syntax/i);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    pageRuns(store, query([scale]), () => undefined, { signal: controller.signal }),
    MlflowCancelledError,
  );
});

test('the pages after the first carry the total the store counts, for the filter and Show Deleted', async () => {
  const totals = async (tableQuery: TableQuery, pageSize: number, on: TrackingStore = store) => {
    const pages: RunsPage[] = [];
    await pageRuns(on, tableQuery, (page) => pages.push(page), { pageSize });
    return pages.map((page) => [page.loaded, page.total]);
  };
  const everyTotal = (pages: (number | undefined)[][]) => [...new Set(pages.slice(1).map(([, total]) => total))];
  // The first page never waits for the count; the last always has it (the count is asked before the second page).
  const all = await totals(query([scale]), 40);
  assert.deepEqual(all[0], [40, undefined]);
  assert.deepEqual(all.at(-1), [150, 150]);
  assert.deepEqual(
    everyTotal(all).filter((total) => total !== undefined),
    [150],
  );
  const sgd = await totals(query([scale], { filter: "params.optimizer = 'sgd'" }), 10);
  assert.deepEqual([sgd.length, sgd[0], sgd.at(-1)], [4, [10, undefined], [34, 34]]);
  assert.deepEqual((await totals(query([edgeCases], { showDeleted: true }), 5)).at(-1), [13, 13]);
  assert.deepEqual((await totals(query([edgeCases]), 5)).at(-1), [12, 12]);
  // One page is the whole answer: nothing to count.
  assert.deepEqual(await totals(query([edgeCases]), 1000), [[12, undefined]]);
  // A store with no count (a server: MLflow's REST API has none) gives no total.
  const server = Object.assign(Object.create(store) as TrackingStore, { countRuns: undefined });
  assert.deepEqual(everyTotal(await totals(query([scale]), 40, server)), [undefined]);
});

test('mlruns/: the pages after the first carry the total the file store counts from its run listing', async () => {
  const files = await openFileStore('test/fixtures/mlflow-3.5.1/mlruns');
  try {
    const experimentId = (await files.getExperimentByName('scale')).experimentId;
    const pages: RunsPage[] = [];
    await pageRuns(files, query([experimentId], { filter: "params.optimizer = 'adamw'" }), (page) => pages.push(page), {
      pageSize: 10,
    });
    const last = pages.at(-1)!;
    assert.deepEqual([pages[0]!.total, last.loaded, last.total], [undefined, last.loaded, last.loaded]);
    assert.equal(
      last.total,
      await files.countRuns({ experimentIds: [experimentId], filterString: "params.optimizer = 'adamw'" }),
    );
    assert.deepEqual([pages.length, last.loaded], [5, 44]);
  } finally {
    files.dispose();
  }
});

test("the table's query asks for a screenful first, then 1,000 runs a request, and each page is one message", async () => {
  // The store the table pages through, with the size of every request it is asked.
  const asked: number[] = [];
  const counting: TrackingStore = Object.create(store) as TrackingStore;
  counting.searchRuns = (request, options) => {
    asked.push(request.maxResults ?? 0);
    return store.searchRuns(request, options);
  };
  const loading = new TableLoading();
  const pages: RunsPage[] = [];
  await loading.start(counting, query([scale]), (_, page) => pages.push(page), assert.fail, 120).finished;
  assert.deepEqual(asked, [FIRST_PAGE_SIZE, 120]);
  assert.deepEqual(
    pages.map((page) => [page.runs.length, page.loaded, page.done]),
    [
      [FIRST_PAGE_SIZE, FIRST_PAGE_SIZE, false],
      [50, 150, true],
    ],
  );
  const messages = pages.map((page) =>
    rowsMessage(
      7,
      page.runs.map((run) => ({ runId: run.info.runId }) as TableRow),
      page,
    ),
  );
  assert.deepEqual(
    messages.map((message) => [message.generation, message.rows.length, message.loaded, message.done]),
    [
      [7, FIRST_PAGE_SIZE, FIRST_PAGE_SIZE, false],
      [7, 50, 150, true],
    ],
  );
  assert.equal(messages.at(-1)!.total, 150);
  // Every run once, in the store's order: the second request goes on from the first's page token.
  const all: RunsPage[] = [];
  await pageRuns(store, query([scale]), (page) => all.push(page), { pageSize: 1000 });
  assert.deepEqual(
    messages.flatMap((message) => message.rows.map((row) => row.runId)),
    all.flatMap((page) => page.runs.map((run) => run.info.runId)),
  );
  // Paging that is not the table's own (the live refresh reads every run again) asks 1,000 from the start.
  asked.length = 0;
  await pageRuns(counting, query([scale]), () => undefined);
  assert.deepEqual(asked, [1000]);
});
