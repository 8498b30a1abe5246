import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SystemTags } from '../../../src/extension/tracking/model';
import type { Run } from '../../../src/extension/tracking/model';
import { loadTranscripts, responseJson } from '../../support/transcripts';
import { rejectsWith, replayStore, scriptedStore } from './restTestKit';

const BEST_SO_FAR = '0960131861354a3188896e001e76faf2';

interface WireRuns {
  runs?: { info: { run_id: string } }[];
  next_page_token?: string;
}

test('runs/search pages through the recorded chain (025-027) and iterateRuns yields every run once', async (t) => {
  const chain = ['025', '026', '027'];
  const { store, server } = await replayStore(t, chain);
  const first = await store.searchRuns({ experimentIds: ['1'], maxResults: 8 });
  assert.equal(first.runs.length, 8);
  assert.ok(first.nextPageToken);
  const all: Run[] = [];
  for await (const run of store.iterateRuns({ experimentIds: ['1'], maxResults: 8 })) all.push(run);
  const recorded = loadTranscripts(chain).flatMap((transcript) => (responseJson(transcript) as WireRuns).runs ?? []);
  assert.deepEqual(
    all.map((run) => run.info.runId),
    recorded.map((run) => run.info.run_id),
  );
  assert.equal(new Set(all.map((run) => run.info.runId)).size, all.length);
  assert.equal(server.served.length, 4, 'one page for searchRuns, three for iterateRuns');
});

test('runs/search with view type on a deleted experiment (052), an unknown one answering {} (140)', async (t) => {
  const { store } = await replayStore(t, ['052', '140']);
  const deleted = await store.searchRuns({ experimentIds: ['5'], runViewType: 'ALL' });
  const recorded = (responseJson(loadTranscripts(['052'])[0]!) as WireRuns).runs ?? [];
  assert.deepEqual(
    deleted.runs.map((run) => [run.info.runId, run.info.experimentId]),
    recorded.map((run) => [run.info.run_id, '5']),
  );
  assert.equal(recorded.length, 2, 'the recording holds the two runs of the deleted experiment');
  assert.deepEqual(await store.searchRuns({ experimentIds: ['999999'] }), { runs: [] });
});

test('runs/search errors keep the server error code and message (134-139, 141)', async (t) => {
  const { store } = await replayStore(t, ['134', '135', '136', '137', '138', '139', '141']);
  const cases: [Parameters<typeof store.searchRuns>[0], RegExp][] = [
    [{ experimentIds: ['1'], filterString: 'metrics.accuracy >>> 0.9' }, /Invalid comparator '>>>'/],
    [{ experimentIds: ['1'], filterString: 'foo.bar = 1' }, /Invalid entity type 'foo'/],
    [{ experimentIds: ['1'], filterString: 'params.optimizer = adam' }, /not quoted/],
    [{ experimentIds: ['1'], orderBy: ['metrics.accuracy SIDEWAYS'] }, /Invalid ordering key/],
    [{ experimentIds: ['1'], pageToken: 'garbage' }, /Invalid page token/],
    [{ experimentIds: ['1'], pageToken: 'eyJvZmZzZXQiOiAiYWJjIn0=' }, /Invalid page token/],
    [{ experimentIds: ['1'], maxResults: 0 }, /Invalid value 0/],
  ];
  for (const [request, message] of cases) {
    await rejectsWith(store.searchRuns(request), { errorCode: 'INVALID_PARAMETER_VALUE', httpStatus: 400, message });
  }
});

test('runs/get maps info, data, inputs with dataset tags, and empty outputs (061)', async (t) => {
  const { store } = await replayStore(t, ['061']);
  const run = await store.getRun(BEST_SO_FAR);
  assert.deepEqual(run.info, {
    runId: BEST_SO_FAR,
    runName: 'best-so-far',
    experimentId: '1',
    userId: 'root',
    status: 'FINISHED',
    startTime: 1794677400000,
    endTime: 1794677902300,
    artifactUri: `mlflow-artifacts:/1/${BEST_SO_FAR}/artifacts`,
    lifecycleStage: 'active',
  });
  assert.deepEqual({ ...run.data.metrics.loss }, { key: 'loss', value: 0.146931, timestamp: 1794677900500, step: 499 });
  assert.deepEqual(Object.keys(run.data.params), ['lr', 'batch_size', 'epochs', 'optimizer', 'seed']);
  assert.equal(run.data.params.optimizer, 'adamw');
  assert.equal(run.data.tags[SystemTags.gitCommit], '9b64e09012181b8429b6d9ada9ecbcdf5c149ebf');
  for (const record of [run.data.metrics, run.data.params, run.data.tags])
    assert.equal(Object.getPrototypeOf(record), null);
  assert.deepEqual(
    run.inputs.datasetInputs.map((input) => [
      input.dataset.name,
      input.dataset.sourceType,
      input.tags['mlflow.data.context'],
    ]),
    [
      ['iris-train', 'http', 'training'],
      ['iris-eval', 'http', 'eval'],
    ],
  );
  assert.match(run.inputs.datasetInputs[0]!.dataset.schema!, /mlflow_colspec/);
  assert.deepEqual(run.outputs, { modelOutputs: [] });
});

test('runs/get from a server before MLflow 2 (run_uuid only, run name only as a tag) (071 without run_id/run_name)', async (t) => {
  const recorded = responseJson(loadTranscripts(['071'])[0]!) as { run: { info: Record<string, unknown> } };
  const { run_id: _runId, run_name: _runName, ...legacyInfo } = recorded.run.info;
  const { store } = await scriptedStore(t, [{ body: { run: { ...recorded.run, info: legacyInfo } } }]);
  const run = await store.getRun(BEST_SO_FAR);
  assert.equal(run.info.runId, BEST_SO_FAR);
  assert.equal(run.info.runName, 'best-so-far', 'taken from the mlflow.runName tag');
});

test('runs/get: NaN, clamped infinities (read back as infinities), 5e-324 and -0.0 from the sqlite server (062)', async (t) => {
  const { store } = await replayStore(t, ['062']);
  const { metrics } = (await store.getRun('aa5902e4f3d246b9a344918a16ee66bc')).data;
  assert.ok(Number.isNaN(metrics.last_nan!.value));
  assert.ok(Number.isNaN(metrics.only_nan!.value));
  assert.equal(metrics.last_pos_inf!.value, Infinity);
  assert.equal(metrics.last_neg_inf!.value, -Infinity);
  assert.equal(metrics.big!.value, Infinity, 'logged as 1.7976931348623157e308: the value MLflow stores Infinity as');
  assert.equal(metrics.tiny!.value, 5e-324);
  assert.equal(metrics.neg_zero!.value, 0);
  assert.equal(metrics['train/loss']!.step, 19);
});

test('runs/get: the file store spells infinities as strings, and they become +/-Infinity (compare-filestore/002)', async (t) => {
  const { store } = await replayStore(t, ['compare-filestore/002']);
  const { metrics } = (await store.getRun('b37e427ead2c4047a7ea1fa8a1841b07')).data;
  assert.equal(metrics.last_pos_inf!.value, Infinity);
  assert.equal(metrics.last_neg_inf!.value, -Infinity);
  assert.ok(Number.isNaN(metrics.last_nan!.value));
  assert.ok(Object.is(metrics.neg_zero!.value, -0));
});

test('runs/get: the gunicorn server answers the same NaN/Inf run alike (compare-gunicorn/002)', async (t) => {
  const { store } = await replayStore(t, ['compare-gunicorn/002']);
  const { metrics } = (await store.getRun('9e6e5e7a772d43c994675400428cc55a')).data;
  assert.ok(Number.isNaN(metrics.last_nan!.value));
  assert.equal(metrics.last_pos_inf!.value, Infinity);
});

test('runs/get: logged model outputs and an empty inputs object (063)', async (t) => {
  const { store } = await replayStore(t, ['063']);
  const run = await store.getRun('56dd48ad98424d91a700c90aa5a635f7');
  assert.deepEqual(run.outputs.modelOutputs, [{ modelId: 'm-aa44338e761b4cc8829879cfcc515801', step: 0 }]);
  assert.deepEqual(run.inputs.datasetInputs, []);
});

test('runs/get keeps unicode, HTML-like and very long values exactly (064-066)', async (t) => {
  const { store } = await replayStore(t, ['064', '065', '066']);
  assert.equal(
    (await store.getRun('589c59a432bf44b19bb31d7888f64398')).info.runName,
    '学習ラン 🚀 – résumé naïve Ωmega',
  );
  assert.equal((await store.getRun('d65b7c6ab5a142ba90d635fe1cb37bd2')).info.runName, '<img src=x onerror=alert(1)>');
  const long = await store.getRun('c5f069a9ed7c43c5865aabf03f45cfcd');
  assert.equal(long.data.params.long_param!.length, 5000);
  assert.equal(long.data.tags.long_tag!.length, 7900);
  assert.equal(Object.keys(long.data.params).length, 150);
});

test('runs/get: deleted, running (no end time), project and child runs (067-070)', async (t) => {
  const { store } = await replayStore(t, ['067', '068', '069', '070']);
  assert.equal((await store.getRun('7ecbad95508d43c3a7909fd3985f9403')).info.lifecycleStage, 'deleted');
  const running = await store.getRun('699035aaa3064fad9dd6912f125505de');
  assert.equal(running.info.status, 'RUNNING');
  assert.equal(running.info.endTime, undefined);
  const project = await store.getRun('9dc9943010734daea1a5c18cefe155c7');
  assert.ok(project.data.tags[SystemTags.gitRepoUrl]);
  const child = await store.getRun('cfeca20a69d041e0b8aad0a51d1a37d1');
  assert.match(child.data.tags[SystemTags.parentRunId]!, /^[0-9a-f]{32}$/);
});

test('an unknown or malformed run id is RESOURCE_DOES_NOT_EXIST (128, 129, compare-filestore/007)', async (t) => {
  const { store } = await replayStore(t, ['128', '129']);
  await rejectsWith(store.getRun('00000000000000000000000000000000'), {
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
    httpStatus: 404,
    message: /Run with id=00000000000000000000000000000000 not found/,
  });
  await rejectsWith(store.getRun('not-a-run-id'), { errorCode: 'RESOURCE_DOES_NOT_EXIST', httpStatus: 404 });
  const fileStore = await replayStore(t, ['compare-filestore/007']);
  await rejectsWith(fileStore.store.getRun('00000000000000000000000000000000'), {
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
  });
});
