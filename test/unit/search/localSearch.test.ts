/**
 * The server's semantics on cases the recordings do not cover, derived from how MLflow 3.5.1's
 * SQL store builds its queries (stated in each test), on small hand-built runs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MlflowError, SearchSyntaxError } from '../../../src/extension/tracking/errors';
import type { Run } from '../../../src/extension/tracking/model';
import { searchExperimentsLocally, searchRunsLocally } from '../../../src/extension/tracking/search/localSearch';
import type { SearchRunsRequest } from '../../../src/extension/tracking/trackingStore';
import { aRun, anExperiment } from '../../support/runBuilder';
import type { RunInit } from '../../support/runBuilder';
import { recordedExperiments } from './support/recordedUniverse';
import { loadTranscript } from './support/recordedTranscripts';

/** A run named after its id unless named, the name in `mlflow.runName` too, as MLflow logs it. */
function buildRun({ id, name = id, start, end, stage, tags, ...init }: RunSpec): Run {
  const info = { runName: name, userId: 'user', startTime: start, endTime: end, lifecycleStage: stage ?? 'active' };
  return aRun(id, { ...info, ...init, tags: { 'mlflow.runName': name, ...tags } });
}

interface RunSpec extends Pick<RunInit, 'experimentId' | 'status' | 'metrics' | 'params' | 'tags' | 'datasets'> {
  id: string;
  name?: string;
  start?: number;
  end?: number;
  stage?: RunInit['lifecycleStage'];
}

function ids(runs: readonly Run[], request: Partial<SearchRunsRequest>): string[] {
  return searchRunsLocally(runs, { experimentIds: ['1'], ...request }).runs.map((run) => run.info.runId);
}

function errorOf(run: () => unknown): MlflowError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof MlflowError, String(error));
    return error;
  }
  assert.fail('no error');
}

const metricRuns = [
  buildRun({ id: 'a', start: 5, metrics: { loss: 0.5 } }),
  buildRun({ id: 'b', start: 4, metrics: { loss: NaN } }),
  buildRun({ id: 'c', start: 3 }),
  buildRun({ id: 'd', start: 2, metrics: { loss: Infinity } }),
  buildRun({ id: 'e', start: 1, metrics: { loss: -0.25 } }),
];

describe('searchRunsLocally: metrics, NaN and missing values', () => {
  test('a NaN metric compares as the 0 the SQL store keeps for it (044: NaN > 0 matches nothing)', () => {
    assert.deepEqual(ids(metricRuns, { filterString: 'metrics.loss > 0' }), ['a', 'd']);
    assert.deepEqual(ids(metricRuns, { filterString: 'metrics.loss = 0' }), ['b']);
    assert.deepEqual(ids(metricRuns, { filterString: 'metrics.loss != 0' }), ['a', 'd', 'e']);
  });
  test('Infinity compares as the largest double, which the SQL store stores instead', () => {
    assert.deepEqual(ids(metricRuns, { filterString: 'metrics.loss >= 1.7976931348623157e308' }), ['d']);
  });
  test('a run without the metric never matches, not even !=', () => {
    assert.ok(!ids(metricRuns, { filterString: 'metrics.loss != 123' }).includes('c'));
  });
  test('ordering: values first, then NaN, then missing, in both directions (054, 055)', () => {
    assert.deepEqual(ids(metricRuns, { orderBy: ['metrics.loss ASC'] }), ['e', 'a', 'd', 'b', 'c']);
    assert.deepEqual(ids(metricRuns, { orderBy: ['metrics.loss DESC'] }), ['d', 'a', 'e', 'b', 'c']);
  });
  test('params and tags without the key come last both ways, and never match !=', () => {
    const runs = [
      buildRun({ id: 'p1', start: 1, params: { lr: '0.1' } }),
      buildRun({ id: 'p2', start: 2 }),
      buildRun({ id: 'p3', start: 3, params: { lr: '0.01' } }),
    ];
    assert.deepEqual(ids(runs, { orderBy: ['params.lr ASC'] }), ['p3', 'p1', 'p2']);
    assert.deepEqual(ids(runs, { orderBy: ['params.lr DESC'] }), ['p1', 'p3', 'p2']);
    assert.deepEqual(ids(runs, { filterString: "params.lr != 'x'" }), ['p3', 'p1']);
  });
});

describe('searchRunsLocally: order and ties', () => {
  const runs = [
    buildRun({ id: 'r3', start: 10, end: 20 }),
    buildRun({ id: 'r1', start: 10, end: 30 }),
    buildRun({ id: 'r2', start: 20 }),
    buildRun({ id: 'r0' }),
  ];
  test('default: newest start first, ties by run id, no start time last', () => {
    assert.deepEqual(ids(runs, {}), ['r2', 'r1', 'r3', 'r0']);
  });
  test('a missing end time comes last whether ascending or descending (053)', () => {
    assert.deepEqual(ids(runs, { orderBy: ['attributes.end_time ASC'] }), ['r3', 'r1', 'r2', 'r0']);
    assert.deepEqual(ids(runs, { orderBy: ['attributes.end_time DESC'] }), ['r1', 'r3', 'r2', 'r0']);
  });
  test('ordering by start time (or created) drops the implicit start-time tie-breaker: ties go by run id', () => {
    assert.deepEqual(ids(runs, { orderBy: ['start_time ASC'] }), ['r1', 'r3', 'r2', 'r0']);
    assert.deepEqual(ids(runs, { orderBy: ['created DESC'] }), ['r2', 'r1', 'r3', 'r0']);
  });
  test('texts order by code point, case-sensitively', () => {
    const named = ['b', 'B', 'a', 'é', '🧪', 'A'].map((name, index) =>
      buildRun({ id: `n${index}`, name, start: index }),
    );
    assert.deepEqual(
      searchRunsLocally(named, { experimentIds: ['1'], orderBy: ['attributes.run_name'] }).runs.map(
        (run) => run.info.runName,
      ),
      ['A', 'B', 'a', 'b', 'é', '🧪'],
    );
  });
  test('run_name filters on the mlflow.runName tag; ordering reads the name column', () => {
    const run = buildRun({ id: 'x', start: 1, name: 'column-name', tags: { 'mlflow.runName': 'tag-name' } });
    assert.deepEqual(ids([run], { filterString: "attributes.run_name = 'tag-name'" }), ['x']);
    assert.deepEqual(ids([run], { filterString: "run_name = 'column-name'" }), []);
  });
});

describe('searchRunsLocally: attributes, datasets, lists', () => {
  const runs = [
    buildRun({
      id: 'aa',
      start: 3,
      status: 'FAILED',
      datasets: [
        { name: 'iris-train', context: 'training' },
        { name: 'iris-eval', context: 'eval' },
      ],
    }),
    buildRun({ id: 'bb', start: 2, status: 'FINISHED', datasets: [{ name: 'iris-train' }] }),
    buildRun({ id: 'cc', start: 1, status: 'FINISHED' }),
  ];
  test('status compares exactly; LIKE is case-sensitive and ILIKE is not', () => {
    assert.deepEqual(ids(runs, { filterString: "attributes.status = 'failed'" }), []);
    assert.deepEqual(ids(runs, { filterString: "status LIKE 'FIN%'" }), ['bb', 'cc']);
    assert.deepEqual(ids(runs, { filterString: "status ILIKE 'fin%'" }), ['bb', 'cc']);
  });
  test('a dataset comparison holds when any dataset input satisfies it', () => {
    assert.deepEqual(ids(runs, { filterString: "datasets.name = 'iris-eval'" }), ['aa']);
    assert.deepEqual(ids(runs, { filterString: "datasets.name != 'iris-eval'" }), ['aa', 'bb']);
    assert.deepEqual(ids(runs, { filterString: "datasets.name IN ('iris-eval', 'iris-train')" }), ['aa', 'bb']);
  });
  test('datasets.context reads the input tag mlflow.data.context; inputs without it never match', () => {
    assert.deepEqual(ids(runs, { filterString: "datasets.context = 'training'" }), ['aa']);
    assert.deepEqual(ids(runs, { filterString: "datasets.context != 'eval'" }), ['aa']);
  });
  test('list values that are not lower-case were dropped, so IN matches nothing and NOT IN everything', () => {
    assert.deepEqual(ids(runs, { filterString: "datasets.name IN ('IRIS-TRAIN')" }), []);
    assert.deepEqual(ids(runs, { filterString: "datasets.name NOT IN ('IRIS-TRAIN')" }), ['aa', 'bb']);
    assert.deepEqual(ids(runs, { filterString: "run_id NOT IN ('AA', 'bb')" }), ['aa', 'cc']);
  });
  test('every comparison of a filter must hold', () => {
    assert.deepEqual(
      ids(runs, { filterString: "status = 'FINISHED' AND datasets.name = 'iris-train' AND start_time >= 2" }),
      ['bb'],
    );
  });
});

describe('searchRunsLocally: request', () => {
  const runs = [
    buildRun({ id: 'x1', start: 3 }),
    buildRun({ id: 'x2', start: 2, stage: 'deleted' }),
    buildRun({ id: 'x3', start: 1, experimentId: '2' }),
    buildRun({ id: 'x4', start: 0 }),
  ];
  test('experiment ids and run view type (default ACTIVE_ONLY) select the runs', () => {
    assert.deepEqual(ids(runs, {}), ['x1', 'x4']);
    assert.deepEqual(ids(runs, { runViewType: 'DELETED_ONLY' }), ['x2']);
    assert.deepEqual(ids(runs, { runViewType: 'ALL', experimentIds: ['1', '2'] }), ['x1', 'x2', 'x3', 'x4']);
    assert.deepEqual(ids(runs, { experimentIds: [] }), []);
  });
  test('a full page carries a next-page token even when it is the last one; the next call is empty', () => {
    const first = searchRunsLocally(runs, { experimentIds: ['1'], maxResults: 2 });
    assert.deepEqual(
      first.runs.map((run) => run.info.runId),
      ['x1', 'x4'],
    );
    assert.equal(first.nextPageToken, 'eyJvZmZzZXQiOiAyfQ==');
    assert.deepEqual(searchRunsLocally(runs, { experimentIds: ['1'], maxResults: 2, pageToken: first.nextPageToken }), {
      runs: [],
    });
  });
  test('a negative offset reads from the start, as SQL does, and the next token counts from it', () => {
    const token = Buffer.from('{"offset": -1}').toString('base64');
    const page = searchRunsLocally(runs, { experimentIds: ['1'], maxResults: 1, pageToken: token });
    assert.deepEqual(
      page.runs.map((run) => run.info.runId),
      ['x1'],
    );
    assert.equal(page.nextPageToken, Buffer.from('{"offset": 0}').toString('base64'));
  });
  test('max_results is 1..50000; out of range, the same error as the server (141, 059)', () => {
    assert.equal(searchRunsLocally(runs, { experimentIds: ['1'], maxResults: 50000 }).runs.length, 2);
    for (const maxResults of [0, -1, 50001, 1.5, NaN]) {
      const error = errorOf(() => searchRunsLocally(runs, { experimentIds: ['1'], maxResults }));
      assert.equal(error.errorCode, 'INVALID_PARAMETER_VALUE');
      assert.match(error.message, /Invalid value .* for parameter 'max_results' supplied/);
    }
    const recorded = loadTranscript('141-error-runs-search-max-results-zero.json').response.body;
    assert.equal(
      errorOf(() => searchRunsLocally(runs, { experimentIds: ['1'], maxResults: 0 })).message,
      recorded.message,
    );
  });
  test('an unknown view type is refused rather than read as ACTIVE_ONLY', () => {
    const error = errorOf(() => searchRunsLocally(runs, { experimentIds: ['1'], runViewType: 'EVERYTHING' as 'ALL' }));
    assert.equal(error.errorCode, 'INVALID_PARAMETER_VALUE');
  });
  test('fields of the wrong type (from a webview, say) are refused with INVALID_PARAMETER_VALUE', () => {
    const bad = [
      { experimentIds: '1' },
      { experimentIds: [1] },
      { experimentIds: ['1'], filterString: 5 },
      { experimentIds: ['1'], orderBy: 'metrics.loss' },
      { experimentIds: ['1'], pageToken: {} },
    ];
    for (const request of bad) {
      const error = errorOf(() => searchRunsLocally(runs, request as unknown as SearchRunsRequest));
      assert.equal(error.errorCode, 'INVALID_PARAMETER_VALUE', JSON.stringify(request));
    }
    assert.equal(
      errorOf(() => searchExperimentsLocally([], { filterString: ['x'] } as unknown as { filterString: string }))
        .errorCode,
      'INVALID_PARAMETER_VALUE',
    );
  });
  test('a bad filter or order_by throws SearchSyntaxError before anything is searched', () => {
    assert.ok(
      errorOf(() => searchRunsLocally(runs, { experimentIds: ['1'], filterString: 'metrics.a ~ 1' })) instanceof
        SearchSyntaxError,
    );
    assert.ok(
      errorOf(() => searchRunsLocally(runs, { experimentIds: ['1'], orderBy: ['metrics.a UP'] })) instanceof
        SearchSyntaxError,
    );
  });
});

describe('searchExperimentsLocally', () => {
  const experiments = recordedExperiments();
  const search = (request: Parameters<typeof searchExperimentsLocally>[1]): string[] =>
    searchExperimentsLocally(experiments, request).experiments.map((experiment) => experiment.experimentId);

  test('the filters of 013 and 014, which the server refused only for their missing max_results', () => {
    assert.deepEqual(search({ filterString: "name LIKE 'demo%'" }), ['1']);
    assert.deepEqual(search({ filterString: "tags.project = 'demo'" }), ['1']);
    assert.deepEqual(search({ filterString: "tags.source = 'mlflow run'" }), ['3']);
  });
  test('view types of 011 and 012: ALL adds the deleted experiment (created after 4), DELETED_ONLY has only it', () => {
    assert.deepEqual(search({ viewType: 'ALL' }), ['7', '6', '5', '4', '3', '2', '1', '0']);
    assert.deepEqual(search({ viewType: 'DELETED_ONLY' }), ['5']);
  });
  test('name LIKE is case-sensitive, ILIKE is not; a tag != leaves out experiments without the tag', () => {
    assert.deepEqual(search({ filterString: "name LIKE 'Demo%'" }), []);
    assert.deepEqual(search({ filterString: "name ILIKE 'DEMO%'" }), ['1']);
    assert.deepEqual(search({ filterString: "tags.purpose != 'x'" }), ['6']);
  });
  test('times compare as numbers; experiments without a time never match', () => {
    const withAndWithout = [anExperiment('1', 'old'), anExperiment('2', 'new', { creationTime: 5, lastUpdateTime: 9 })];
    assert.deepEqual(
      searchExperimentsLocally(withAndWithout, {
        filterString: 'creation_time >= 5 AND last_update_time < 10',
      }).experiments.map((e) => e.name),
      ['new'],
    );
  });
  test('missing times sort first ascending and last descending (SQLite NULLs); ties by id, descending', () => {
    const list = [
      anExperiment('1', 'a'),
      anExperiment('2', 'b', { creationTime: 5 }),
      anExperiment('3', 'c', { creationTime: 5 }),
    ];
    const order = (orderBy: string[]): string[] =>
      searchExperimentsLocally(list, { orderBy }).experiments.map((e) => e.experimentId);
    assert.deepEqual(order(['creation_time ASC']), ['1', '3', '2']);
    assert.deepEqual(order(['creation_time DESC']), ['3', '2', '1']);
    assert.deepEqual(order([]), ['2', '3', '1']);
    assert.deepEqual(order(['experiment_id DESC']), ['3', '2', '1']);
  });
  test('a next-page token only when more experiments follow, unlike runs', () => {
    const page = searchExperimentsLocally(experiments, { maxResults: 7 });
    assert.equal(page.experiments.length, 7);
    assert.equal(page.nextPageToken, undefined);
  });
  test("145's bad token, with the max_results it lacked: the server's message for it (138)", () => {
    const error = errorOf(() => searchExperimentsLocally(experiments, { pageToken: 'garbage' }));
    assert.equal(error.message, loadTranscript('138-error-runs-search-bad-page-token.json').response.body.message);
  });
  test("146's filter, with the max_results it lacked: an invalid comparator", () => {
    const error = errorOf(() => searchExperimentsLocally(experiments, { filterString: "name === 'x'" }));
    assert.ok(error instanceof SearchSyntaxError);
    assert.equal(error.position, 5);
  });
});
