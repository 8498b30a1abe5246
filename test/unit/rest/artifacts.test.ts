import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTranscripts, responseBytes, responseJson } from '../../support/transcripts';
import { rejectsWith, replayStore } from './restTestKit';

const BEST_SO_FAR = '0960131861354a3188896e001e76faf2';
const ZOO = '8e1dbc37460c43dcafb557a893d60c5e';

function recordedBytes(selector: string): Uint8Array {
  return new Uint8Array(responseBytes(loadTranscripts([selector])[0]!));
}

test('artifacts/list: root, sub-folders, unicode names, deep folders (091-096)', async (t) => {
  const { store } = await replayStore(t, ['091', '092', '093', '094', '095', '096']);
  const root = await store.listArtifacts(BEST_SO_FAR);
  const recorded = responseJson(loadTranscripts(['091'])[0]!) as {
    files: { path: string; is_dir: boolean; file_size?: number }[];
  };
  assert.deepEqual(
    root,
    recorded.files.map((file) =>
      file.is_dir ? { path: file.path, isDir: true } : { path: file.path, isDir: false, fileSize: file.file_size },
    ),
  );
  assert.deepEqual(
    root.find((file) => file.path === 'model'),
    { path: 'model', isDir: true },
  );
  assert.deepEqual(
    (await store.listArtifacts(BEST_SO_FAR, 'model')).map((file) => file.path),
    ['model/MLmodel', 'model/conda.yaml', 'model/data', 'model/model.pkl', 'model/requirements.txt'],
  );
  assert.deepEqual(
    (await store.listArtifacts(BEST_SO_FAR, 'model/data')).map((file) => file.path),
    ['model/data/vocab.txt', 'model/data/weights.npy'],
  );
  const zoo = await store.listArtifacts(ZOO);
  assert.deepEqual(
    zoo.map((file) => file.path),
    ['a', 'blobs', 'data.csv', 'empty.txt', 'page.html', 'reports'],
  );
  assert.deepEqual(
    zoo.find((file) => file.path === 'data.csv'),
    { path: 'data.csv', isDir: false, fileSize: 10431 },
  );
  assert.deepEqual(
    (await store.listArtifacts(ZOO, 'reports')).map((file) => file.path),
    ['reports/100% done & ok.txt', 'reports/résumé final.txt'],
  );
  assert.deepEqual(await store.listArtifacts(ZOO, 'a/b/c/d'), [{ path: 'a/b/c/d/e', isDir: true }]);
});

test('artifacts/list: a file, a missing folder and an empty run answer only root_uri, which is [] (097-099)', async (t) => {
  const { store } = await replayStore(t, ['097', '098', '099']);
  assert.deepEqual(await store.listArtifacts(BEST_SO_FAR, 'notes.txt'), []);
  assert.deepEqual(await store.listArtifacts(BEST_SO_FAR, 'nope'), []);
  assert.deepEqual(await store.listArtifacts('ac413d5a94334b6bb794198cbe355b88'), []);
});

test('artifact paths with .. are refused before any request (100, 113); an unknown run is RESOURCE_DOES_NOT_EXIST (114, 150)', async (t) => {
  const { store, server } = await replayStore(t, ['100', '113', '114', '150']);
  await rejectsWith(store.listArtifacts(BEST_SO_FAR, '../../'), {
    errorCode: 'INVALID_PARAMETER_VALUE',
    message: /'\.\.'/,
  });
  await rejectsWith(store.readArtifact(BEST_SO_FAR, '../../../../etc/passwd'), {
    errorCode: 'INVALID_PARAMETER_VALUE',
  });
  assert.deepEqual(server.served, []);
  await rejectsWith(store.readArtifact('00000000000000000000000000000000', 'notes.txt'), {
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
    httpStatus: 404,
  });
  await rejectsWith(store.listArtifacts('00000000000000000000000000000000'), {
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
    httpStatus: 404,
  });
});

test('get-artifact returns the recorded bytes exactly: text, JSON, PNG, npy, unicode and % names, HTML, empty (101-110)', async (t) => {
  const { store } = await replayStore(t, ['101', '103', '104', '105', '106', '107', '108', '110']);
  const cases: [string, string, string][] = [
    [BEST_SO_FAR, 'notes.txt', '101'],
    [BEST_SO_FAR, 'metrics.json', '103'],
    [BEST_SO_FAR, 'plots/loss_curve.png', '104'],
    [BEST_SO_FAR, 'model/data/weights.npy', '105'],
    [ZOO, 'reports/résumé final.txt', '106'],
    [ZOO, 'reports/100% done & ok.txt', '107'],
    [ZOO, 'page.html', '108'],
    [ZOO, 'empty.txt', '110'],
  ];
  for (const [runId, path, selector] of cases) {
    const content = await store.readArtifact(runId, path);
    assert.deepEqual(content, { data: recordedBytes(selector), truncated: false }, path);
  }
});

test('a preview stops at maxBytes and says it is truncated (109); exactly maxBytes is not truncated', async (t) => {
  const { store } = await replayStore(t, ['109']);
  const whole = recordedBytes('109');
  assert.deepEqual(await store.readArtifact(ZOO, 'data.csv', { maxBytes: 100 }), {
    data: whole.subarray(0, 100),
    truncated: true,
  });
  assert.deepEqual(await store.readArtifact(ZOO, 'data.csv', { maxBytes: whole.length }), {
    data: whole,
    truncated: false,
  });
  // A bad limit is refused before anything is asked, as the local stores refuse it.
  for (const maxBytes of [-1, 1.5, Number.NaN]) {
    await rejectsWith(store.readArtifact(ZOO, 'data.csv', { maxBytes }), {
      errorCode: 'INVALID_PARAMETER_VALUE',
      message: /maxBytes must be a whole number of bytes/,
    });
  }
});

test('the 500 page MLflow gives for a folder or a missing file becomes a clear error (111, 112 with the root listing 091)', async (t) => {
  const { store } = await replayStore(t, ['111', '112', '091']);
  await rejectsWith(store.readArtifact(BEST_SO_FAR, 'model'), {
    errorCode: 'INVALID_PARAMETER_VALUE',
    httpStatus: 500,
    message: /"model" .* is a folder/,
  });
  await rejectsWith(store.readArtifact(BEST_SO_FAR, 'nope.txt'), {
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
    httpStatus: 500,
    message: /"nope.txt" .* does not exist/,
  });
});

test('when the folder cannot be listed either, the 500 still says what MLflow means by it (111 alone)', async (t) => {
  const { store } = await replayStore(t, ['111'], { allowUnmatched: true });
  const error = await rejectsWith(store.readArtifact(BEST_SO_FAR, 'model'), {
    errorCode: 'INTERNAL_ERROR',
    httpStatus: 500,
  });
  assert.match(error.message, /folder or a missing file/);
  assert.match(error.message, /Internal Server Error/);
  assert.doesNotMatch(error.message, /<\w+>/, 'no HTML tags in the message');
});

test('the file store and gunicorn servers serve unicode names too (compare-filestore/008, compare-gunicorn/008)', async (t) => {
  const fileStore = await replayStore(t, ['compare-filestore/008', 'compare-filestore/009']);
  const content = await fileStore.store.readArtifact('1f19b6a2c1a14cb9be001bdfb0109d95', 'reports/résumé final.txt');
  assert.equal(Buffer.from(content.data).toString('utf8'), 'unicode + space in name\n');
  const listing = await fileStore.store.listArtifacts('cdd5ebdb2081480f90aa962e56f9adfe');
  assert.deepEqual(
    listing.map((file) => file.path),
    ['metrics.json', 'model', 'notes.txt', 'plots'],
  );
  const gunicorn = await replayStore(t, ['compare-gunicorn/008']);
  const same = await gunicorn.store.readArtifact('ffea3be597ea4a0b91d22b2b428a1ec8', 'reports/résumé final.txt');
  assert.deepEqual(same, content);
});
