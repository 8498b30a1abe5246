import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Experiment } from '../../../src/extension/tracking/model';
import { loadTranscripts, responseJson } from '../../support/transcripts';
import { rejectsWith, replayStore, scriptedStore } from './restTestKit';

interface WireExperiments {
  experiments: { experiment_id: string; name: string }[];
}

test('experiments/search walks the recorded paging chain (005-008) to the last page', async (t) => {
  const chain = ['005', '006', '007', '008'];
  const { store, server } = await replayStore(t, chain);
  const seen: Experiment[] = [];
  let pageToken: string | undefined;
  do {
    const page = await store.searchExperiments({ maxResults: 2, pageToken });
    seen.push(...page.experiments);
    pageToken = page.nextPageToken;
  } while (pageToken);
  const recorded = loadTranscripts(chain).flatMap(
    (transcript) => (responseJson(transcript) as WireExperiments).experiments,
  );
  assert.deepEqual(
    seen.map((experiment) => [experiment.experimentId, experiment.name]),
    recorded.map((e) => [e.experiment_id, e.name]),
  );
  assert.deepEqual(
    server.served,
    chain.map((prefix) => loadTranscripts([prefix])[0]!.file),
  );
  const unicode = seen.find((experiment) => experiment.experimentId === '4')!;
  assert.equal(unicode.name, 'ünïcødé 実験 🧪 <b>bold</b>');
  assert.equal(unicode.tags['mlflow.note.content'], 'Experiment name with unicode, emoji and HTML');
  assert.equal(Object.getPrototypeOf(unicode.tags), null, 'tags are a null-prototype record');
});

test('experiments/search always sends max_results (the server answers 400 without it, 003/004)', async (t) => {
  const { store, server } = await scriptedStore(t, [{ body: {} }, { body: {} }]);
  const empty = await store.searchExperiments();
  assert.deepEqual(empty, { experiments: [] }, '{} is no experiments and no token');
  await store.searchExperiments({ viewType: 'ALL', filterString: "name LIKE 'demo%'", orderBy: ['name ASC'] });
  assert.equal(server.requests[0]!.method, 'POST');
  assert.deepEqual(JSON.parse(server.requests[0]!.text), { max_results: 1000 });
  assert.deepEqual(JSON.parse(server.requests[1]!.text), {
    max_results: 1000,
    view_type: 'ALL',
    filter: "name LIKE 'demo%'",
    order_by: ['name ASC'],
  });
});

test('experiments/search with order_by and the largest page the server allows (015, 016, 017)', async (t) => {
  const { store } = await replayStore(t, ['015', '016', '017']);
  const ordered = await store.searchExperiments({ orderBy: ['name ASC'], maxResults: 100 });
  const names = ordered.experiments.map((experiment) => experiment.name);
  assert.deepEqual(names, [...names].sort());
  assert.equal(ordered.nextPageToken, undefined);
  const all = await store.searchExperiments({ maxResults: 50000 });
  assert.equal(all.experiments.length, ordered.experiments.length);
  await rejectsWith(store.searchExperiments({ maxResults: 50001 }), {
    errorCode: 'INVALID_PARAMETER_VALUE',
    httpStatus: 400,
    message: /at most 50000/,
  });
});

test('experiments/get and get-by-name, active and deleted, with unicode and HTML names (018-022)', async (t) => {
  const { store } = await replayStore(t, ['018', '019', '020', '021', '022']);
  const demo = await store.getExperiment('1');
  assert.equal(demo.name, 'demo-classifier');
  assert.equal(demo.lifecycleStage, 'active');
  assert.equal(demo.artifactLocation, 'mlflow-artifacts:/1');
  assert.match(demo.tags['mlflow.note.content']!, /^## Demo classifier/);
  assert.equal(typeof demo.creationTime, 'number');
  assert.deepEqual(await store.getExperimentByName('demo-classifier'), demo);
  const deleted = await store.getExperiment('5');
  assert.equal(deleted.lifecycleStage, 'deleted');
  assert.deepEqual(Object.keys(deleted.tags), [], 'no tags key means no tags');
  assert.deepEqual(await store.getExperimentByName('old-experiment'), deleted);
  const unicode = await store.getExperimentByName('ünïcødé 実験 🧪 <b>bold</b>');
  assert.equal(unicode.experimentId, '4');
});

test('an unknown experiment is RESOURCE_DOES_NOT_EXIST, by id and by name (131, 133); a server crash keeps its code (132)', async (t) => {
  const { store } = await replayStore(t, ['131', '132', '133']);
  await rejectsWith(store.getExperiment('999999'), {
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
    httpStatus: 404,
    message: /999999/,
  });
  await rejectsWith(store.getExperimentByName('no-such-experiment'), {
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
    httpStatus: 404,
    message: /no-such-experiment/,
  });
  await rejectsWith(store.getExperiment('abc'), { errorCode: 'INTERNAL_ERROR', httpStatus: 500 });
});
