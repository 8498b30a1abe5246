// The sidebar's model against the real local stores of the fixtures: what each experiment lists,
// how runs nest, page, filter, sort and reload, and how little is fetched to show it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MlflowCancelledError } from '../../../src/extension/tracking/errors';
import { openFileStore } from '../../../src/extension/tracking/local/fileStore';
import { openSqliteStore } from '../../../src/extension/tracking/local/sqliteStore';
import type { SearchRunsRequest, TrackingStore } from '../../../src/extension/tracking/trackingStore';
import type { RunForest } from '../../../src/extension/sidebar/runList';
import { DEFAULT_SORT } from '../../../src/extension/sidebar/runQuery';
import type { RunQuery } from '../../../src/extension/sidebar/runQuery';
import { countRunsAtCommits } from '../../../src/extension/sidebar/runQuery';
import { SidebarModel } from '../../../src/extension/sidebar/runList';

const FIXTURES = join(__dirname, '../../fixtures/mlflow-3.5.1');
const LOCAL_DB = join(FIXTURES, 'local-store/mlflow.db');
const MLRUNS = join(FIXTURES, 'mlruns');

interface ManifestRun {
  run_id: string;
  run_name: string;
  lifecycle_stage: string;
  parent_run_id: string | null;
  git_commit: string;
  start_time: number;
  metrics: Record<string, number | string>;
}
interface ManifestExperiment {
  experiment_id: string;
  name: string;
  lifecycle_stage: string;
  runs: ManifestRun[];
}
const manifest = JSON.parse(readFileSync(join(FIXTURES, 'local-store/manifest.json'), 'utf8')) as {
  experiments: ManifestExperiment[];
};
const byName = (name: string): ManifestExperiment =>
  manifest.experiments.find((experiment) => experiment.name === name)!;
const demo = byName('demo-classifier');
const runId = (experiment: ManifestExperiment, name: string): string =>
  experiment.runs.find((run) => run.run_name === name)!.run_id;

/** The real store, with every search it answers recorded. */
function recording(store: TrackingStore): { store: TrackingStore; searches: SearchRunsRequest[] } {
  const searches: SearchRunsRequest[] = [];
  const searchRuns: TrackingStore['searchRuns'] = (request, options) => {
    searches.push(request);
    return store.searchRuns(request, options);
  };
  return { store: Object.assign(Object.create(store) as TrackingStore, { searchRuns }), searches };
}

function model(
  store: TrackingStore,
  options: { pageSize?: number; showDeleted?: boolean; query?: RunQuery } = {},
): SidebarModel {
  return new SidebarModel(store, {
    pageSize: () => options.pageSize ?? 100,
    showDeleted: () => options.showDeleted ?? false,
    queryFor: () => options.query ?? { sort: DEFAULT_SORT },
  });
}

/** Run names as nested arrays, top level first. */
function names(forest: RunForest, ids: readonly string[] = forest.roots): unknown[] {
  return ids.map((id) => {
    const name = forest.run(id)!.info.runName;
    const children = forest.childrenOf(id);
    return children.length === 0 ? name : [name, names(forest, children)];
  });
}

test('experiments: Default first, then by name; the deleted one only when deleted ones are shown', async () => {
  const store = await openSqliteStore(LOCAL_DB);
  try {
    const shown = model(store);
    await shown.loadExperiments();
    const active = manifest.experiments.filter((experiment) => experiment.lifecycle_stage === 'active');
    assert.equal(shown.experiments![0]!.name, 'Default');
    assert.deepEqual(
      shown.experiments!.map((experiment) => experiment.name).slice(1),
      active
        .map((experiment) => experiment.name)
        .filter((name) => name !== 'Default')
        .sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })),
    );
    const withDeleted = model(store, { showDeleted: true });
    await withDeleted.loadExperiments();
    assert.equal(withDeleted.experiments!.at(-1)!.name, 'old-experiment');
    assert.equal(withDeleted.experiments!.at(-1)!.lifecycleStage, 'deleted');
  } finally {
    store.dispose();
  }
});

test('edge-cases: three levels of nesting, and the deleted run only with deleted runs shown', async () => {
  const store = await openSqliteStore(LOCAL_DB);
  try {
    const edge = byName('edge-cases');
    const list = model(store).runList(edge.experiment_id);
    await list.loadNextPage();
    const nested = names(list.forest()).find((entry) => Array.isArray(entry) && entry[0] === 'nested-parent');
    assert.deepEqual(
      nested,
      ['nested-parent', ['child-b', ['child-a', ['grandchild-a1']]]],
      'newest first at every level',
    );
    const active = edge.runs.filter((run) => run.lifecycle_stage === 'active');
    assert.equal(list.summary.loaded, active.length);
    assert.ok(list.summary.complete);
    assert.ok(!list.runs.some((run) => run.info.runName === 'to-be-deleted'));

    const all = model(store, { showDeleted: true }).runList(edge.experiment_id);
    await all.loadNextPage();
    const deleted = all.runs.find((run) => run.info.runName === 'to-be-deleted');
    assert.equal(deleted?.info.lifecycleStage, 'deleted');
  } finally {
    store.dispose();
  }
});

test('paging: a page at a time, newest first, until every run is listed once', async () => {
  const store = await openSqliteStore(LOCAL_DB);
  try {
    const { store: spied, searches } = recording(store);
    const list = model(spied, { pageSize: 8 }).runList(demo.experiment_id);
    const expected = [...demo.runs].sort((a, b) => b.start_time - a.start_time).map((run) => run.run_id);
    const sizes: number[] = [];
    do {
      await list.loadNextPage();
      sizes.push(list.summary.loaded);
    } while (list.hasMore);
    assert.deepEqual(sizes, [8, 16, 21]);
    assert.deepEqual(
      list.runs.map((run) => run.info.runId),
      expected,
    );
    const pages = searches.filter((search) => search.filterString === undefined);
    assert.deepEqual(
      pages.map((search) => search.maxResults),
      [8, 8, 8],
    );
    assert.ok(
      pages.every(
        (search) => search.orderBy?.[0] === 'attributes.start_time DESC' && search.runViewType === 'ACTIVE_ONLY',
      ),
    );
  } finally {
    store.dispose();
  }
});

test('a parent on a later page is fetched by id, so its children nest under it from the first page', async () => {
  const store = await openSqliteStore(LOCAL_DB);
  try {
    const { store: spied, searches } = recording(store);
    const list = model(spied, { pageSize: 8 }).runList(demo.experiment_id);
    await list.loadNextPage();
    const forest = list.forest();
    const parent = runId(demo, 'sweep-parent');
    assert.ok(forest.run(parent), 'the sweep parent is known after page 1');
    assert.ok(!forest.isListed(parent), 'but it is not one of the listed runs yet');
    assert.deepEqual(
      forest.childrenOf(parent).map((id) => forest.run(id)!.info.runName),
      ['sweep-parent-trial-4', 'sweep-parent-trial-3'],
    );
    assert.deepEqual(searches.at(-1)?.filterString, `attributes.run_id IN ('${parent}')`);

    await list.loadNextPage();
    const after = list.forest();
    assert.ok(after.isListed(parent));
    assert.deepEqual(after.childrenOf(parent).length, 5);
    assert.equal(after.roots.filter((id) => id === parent).length, 1);
  } finally {
    store.dispose();
  }
});

test('a filter that matches only children still shows them under their parent', async () => {
  const store = await openSqliteStore(LOCAL_DB);
  try {
    const parent = runId(demo, 'sweep-parent');
    const list = model(store, {
      query: { filter: `tags.mlflow.parentRunId = '${parent}'`, sort: DEFAULT_SORT },
    }).runList(demo.experiment_id);
    await list.loadNextPage();
    const forest = list.forest();
    assert.deepEqual(forest.roots, [parent]);
    assert.equal(forest.childrenOf(parent).length, 5);
    assert.equal(list.summary.loaded, 5, 'the count is of matching runs, not of the parent fetched for nesting');
  } finally {
    store.dispose();
  }
});

test('sorting by a metric, ascending, is the order the store answers', async () => {
  const store = await openFileStore(MLRUNS);
  try {
    const query: RunQuery = { sort: { field: { kind: 'metric', key: 'loss' }, ascending: true } };
    const experiment = (await store.getExperimentByName('demo-classifier')).experimentId;
    const list = model(store, { query }).runList(experiment);
    await list.loadNextPage();
    const losses = list.runs
      .map((run) => run.data.metrics.loss?.value)
      .filter((value): value is number => value !== undefined);
    assert.ok(losses.length >= 10);
    assert.deepEqual(
      losses,
      [...losses].sort((a, b) => a - b),
    );
  } finally {
    store.dispose();
  }
});

test('reload fetches as many runs as are shown, in one request, and keeps paging from there', async () => {
  const store = await openSqliteStore(LOCAL_DB);
  try {
    const { store: spied, searches } = recording(store);
    const list = model(spied, { pageSize: 5 }).runList(demo.experiment_id);
    await list.loadNextPage();
    await list.loadNextPage();
    searches.length = 0;
    await list.reload();
    assert.equal(list.summary.loaded, 10);
    assert.equal(searches[0]?.maxResults, 10);
    await list.loadNextPage();
    assert.equal(list.summary.loaded, 15);
    assert.equal(new Set(list.runs.map((run) => run.info.runId)).size, 15);
  } finally {
    store.dispose();
  }
});

test('a cancelled load rejects and leaves what was listed untouched', async () => {
  const store = await openSqliteStore(LOCAL_DB);
  try {
    const list = model(store, { pageSize: 5 }).runList(demo.experiment_id);
    await list.loadNextPage();
    const before = list.runs.map((run) => run.info.runId);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(list.loadNextPage({ signal: controller.signal }), MlflowCancelledError);
    assert.deepEqual(
      list.runs.map((run) => run.info.runId),
      before,
    );
    assert.ok(list.hasMore);
  } finally {
    store.dispose();
  }
});

test('expanding one experiment of a large store fetches one page of it, nothing of the others', async () => {
  const store = await openSqliteStore(LOCAL_DB);
  try {
    const { store: spied, searches } = recording(store);
    const sidebar = model(spied, { pageSize: 100 });
    await sidebar.loadExperiments();
    assert.equal(searches.length, 0, 'listing experiments searches no runs');
    const scale = byName('scale');
    const list = sidebar.runList(scale.experiment_id);
    await list.loadNextPage();
    assert.deepEqual(
      searches.map((search) => [search.experimentIds, search.maxResults]),
      [[[scale.experiment_id], 100]],
    );
    assert.deepEqual(list.summary, { loaded: 100, complete: false });
    assert.ok(!sidebar.hasRunningRuns());
    await sidebar.runList(demo.experiment_id).loadNextPage();
    assert.ok(sidebar.hasRunningRuns(), 'demo-classifier has a RUNNING run');
  } finally {
    store.dispose();
  }
});

test('two concurrent "load more" clicks load one page', async () => {
  const store = await openSqliteStore(LOCAL_DB);
  try {
    const list = model(store, { pageSize: 4 }).runList(demo.experiment_id);
    await Promise.all([list.loadNextPage(), list.loadNextPage()]);
    assert.equal(list.summary.loaded, 4);
  } finally {
    store.dispose();
  }
});

test('runs at a commit are counted per experiment, matching the manifest', async () => {
  const store = await openSqliteStore(LOCAL_DB);
  try {
    const head = '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf';
    const active = manifest.experiments.filter((experiment) => experiment.lifecycle_stage === 'active');
    const [counted] = await countRunsAtCommits(
      store,
      active.map((experiment) => experiment.experiment_id),
      [head],
    );
    const expected = new Map<string, number>();
    for (const experiment of active) {
      const count = experiment.runs.filter((run) => run.lifecycle_stage === 'active' && run.git_commit === head).length;
      if (count > 0) expected.set(experiment.experiment_id, count);
    }
    assert.deepEqual(counted?.byExperiment, expected);
    assert.equal(
      counted?.total,
      [...expected.values()].reduce((sum, count) => sum + count, 0),
    );
    assert.equal(counted?.more, false);
  } finally {
    store.dispose();
  }
});

test('a filter that matches no run: one page of the experiment without it is fetched, so its keys are known', async () => {
  const store = await openSqliteStore(LOCAL_DB);
  try {
    const { store: spied, searches } = recording(store);
    const query = { filter: 'metrics.acuracy > 0.8', sort: DEFAULT_SORT };
    const list = model(spied, { query }).runList(demo.experiment_id);
    await list.loadNextPage();
    assert.equal(list.runs.length, 0);
    assert.deepEqual(
      searches.map((search) => search.filterString),
      ['metrics.acuracy > 0.8', undefined],
    );
    assert.deepEqual([...list.knownKeys().metric.keys()].sort(), [
      'accuracy',
      'best_val_accuracy',
      'loss',
      'lr',
      'val_accuracy',
      'val_loss',
    ]);
    assert.equal(list.knownKeys().metric.get('loss'), demo.runs.length);

    const matching = model(spied, { query: { filter: 'metrics.accuracy > 0.8', sort: DEFAULT_SORT } }).runList(
      demo.experiment_id,
    );
    searches.length = 0;
    await matching.loadNextPage();
    assert.deepEqual(
      searches.map((search) => search.filterString),
      ['metrics.accuracy > 0.8'],
      'runs matched: nothing more is fetched',
    );
  } finally {
    store.dispose();
  }
});

test("an experiment's known keys outlive a narrower filter: the model keeps the keys of the lists it dropped", async () => {
  const store = await openSqliteStore(LOCAL_DB);
  try {
    let query: RunQuery = { sort: DEFAULT_SORT };
    const shown = new SidebarModel(store, { pageSize: () => 100, showDeleted: () => false, queryFor: () => query });
    await shown.runList(demo.experiment_id).loadNextPage();
    query = { filter: "params.optimizer = 'sgd'", sort: DEFAULT_SORT };
    shown.dropRunList(demo.experiment_id);
    await shown.runList(demo.experiment_id).loadNextPage();
    assert.deepEqual([...shown.runList(demo.experiment_id).knownKeys().metric.keys()].sort(), [
      'accuracy',
      'loss',
      'val_accuracy',
      'val_loss',
    ]);
    assert.deepEqual([...shown.knownKeys(demo.experiment_id).metric.keys()].sort(), [
      'accuracy',
      'best_val_accuracy',
      'loss',
      'lr',
      'val_accuracy',
      'val_loss',
    ]);
    assert.equal(shown.knownKeys(demo.experiment_id).metric.get('loss'), demo.runs.length);
  } finally {
    store.dispose();
  }
});

test('sorted by accuracy, highest first: the sweep stands where its best trial does, and says which run placed it', async () => {
  const store = await openSqliteStore(LOCAL_DB);
  try {
    const sort = { field: { kind: 'metric' as const, key: 'accuracy' }, ascending: false };
    const list = model(store, { query: { sort } }).runList(demo.experiment_id);
    await list.loadNextPage();
    const forest = list.forest();
    const name = (id: string | undefined) => (id === undefined ? undefined : forest.run(id)!.info.runName);
    assert.deepEqual(forest.roots.slice(0, 4).map(name), [
      'sweep-parent',
      'backdated-killed',
      'sgd-momentum',
      'backdated-failed',
    ]);
    assert.equal(name(forest.placedBy(forest.roots[0]!)), 'sweep-parent-trial-4');
    assert.equal(forest.run(forest.roots[0]!)!.data.metrics.accuracy!.value, 0.957855);
    assert.equal(forest.placedBy(forest.roots[1]!), undefined);
  } finally {
    store.dispose();
  }
});
