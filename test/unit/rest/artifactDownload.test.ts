import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlflowCancelledError, MlflowConnectionError } from '../../../src/extension/tracking/errors';
import type { RecordedRequest, ScriptedAnswer } from '../../support/scriptedServer';
import { rejectsWith, scriptedStore } from './restTestKit';

const RUN = '0960131861354a3188896e001e76faf2';

const FILES: Record<string, string> = {
  'notes.txt': 'Run notes\n',
  'model/MLmodel': 'flavors: {}\n',
  'model/data/vocab.txt': 'a\nb\n',
  'model/data/weights.npy': 'x'.repeat(70_000),
  'reports/résumé final.txt': 'unicode + space in name\n',
};

/** A scripted server that serves `files` the way MLflow's tracking API does (artifacts/list, /get-artifact). */
function artifactServer(
  files: Record<string, string>,
  override?: (request: RecordedRequest) => ScriptedAnswer | undefined,
) {
  return (request: RecordedRequest): ScriptedAnswer => {
    const special = override?.(request);
    if (special) return special;
    const path = request.query.path?.[0] ?? '';
    if (request.path === '/api/2.0/mlflow/artifacts/list') return { body: listing(files, path) };
    const content = files[path];
    if (content === undefined)
      return { status: 500, headers: { 'Content-Type': 'text/html' }, body: '<h1>Internal Server Error</h1>' };
    return { body: Buffer.from(content, 'utf8'), headers: { 'Content-Type': 'application/octet-stream' } };
  };
}

function listing(files: Record<string, string>, folder: string): object {
  const prefix = folder === '' ? '' : `${folder}/`;
  const entries = new Map<string, object>();
  for (const [path, content] of Object.entries(files)) {
    if (!path.startsWith(prefix)) continue;
    const [name, ...rest] = path.slice(prefix.length).split('/');
    const entry = `${prefix}${name!}`;
    entries.set(
      entry,
      rest.length > 0
        ? { path: entry, is_dir: true }
        : { path: entry, is_dir: false, file_size: Buffer.byteLength(content) },
    );
  }
  return entries.size === 0
    ? { root_uri: 'mlflow-artifacts:/1/x/artifacts' }
    : { root_uri: 'x', files: [...entries.values()] };
}

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rest-download-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(dir.length + 1)
        .split('\\')
        .join('/'),
    )
    .sort();
}

test('a folder downloads recursively, keeping its layout, with progress after each file', async (t) => {
  const { store } = await scriptedStore(t, artifactServer(FILES));
  const dest = await tempDir(t);
  const progress: { files: number; bytes: number; path: string }[] = [];
  const local = await store.downloadArtifacts(RUN, 'model', dest, { onProgress: (step) => progress.push(step) });
  assert.equal(local, join(dest, 'model'));
  assert.deepEqual(await filesUnder(dest), ['model/MLmodel', 'model/data/vocab.txt', 'model/data/weights.npy']);
  for (const path of ['model/MLmodel', 'model/data/vocab.txt', 'model/data/weights.npy']) {
    assert.equal(await readFile(join(dest, ...path.split('/')), 'utf8'), FILES[path]);
  }
  assert.deepEqual(
    progress.map((step) => step.files),
    [1, 2, 3],
  );
  assert.equal(
    progress[2]!.bytes,
    ['model/MLmodel', 'model/data/vocab.txt', 'model/data/weights.npy'].reduce((sum, p) => sum + FILES[p]!.length, 0),
  );
});

test('the whole artifact root and a single file download too', async (t) => {
  const { store } = await scriptedStore(t, artifactServer(FILES));
  const all = await tempDir(t);
  assert.equal(await store.downloadArtifacts(RUN, '', all), all);
  assert.deepEqual(await filesUnder(all), Object.keys(FILES).sort());
  const one = await tempDir(t);
  assert.equal(
    await store.downloadArtifacts(RUN, 'reports/résumé final.txt', one),
    join(one, 'reports', 'résumé final.txt'),
  );
  assert.deepEqual(await filesUnder(one), ['reports/résumé final.txt']);
});

test('a listing naming a path outside the folder, or outside the destination, writes nothing', async (t) => {
  const sneaky = artifactServer(FILES, (request) =>
    request.path.endsWith('/artifacts/list') && request.query.path?.[0] === 'model'
      ? { body: { files: [{ path: 'model/../../escape.txt', is_dir: false }] } }
      : request.path.endsWith('/artifacts/list') && request.query.path === undefined
        ? { body: { files: [{ path: '../escape.txt', is_dir: false }] } }
        : undefined,
  );
  const { store } = await scriptedStore(t, sneaky);
  const parent = await tempDir(t);
  const dest = join(parent, 'dest');
  await rejectsWith(store.downloadArtifacts(RUN, 'model', dest), {
    errorCode: 'INVALID_PARAMETER_VALUE',
    message: /'\.\.'/,
  });
  await rejectsWith(store.downloadArtifacts(RUN, '', dest), { errorCode: 'INVALID_PARAMETER_VALUE' });
  assert.deepEqual(await filesUnder(parent), []);
});

test('an empty folder downloads as an empty folder', async (t) => {
  const emptyFolder = artifactServer(FILES, (request) =>
    request.path.endsWith('/artifacts/list') && request.query.path === undefined
      ? { body: { files: [{ path: 'logs', is_dir: true }, ...(listing(FILES, '') as { files: object[] }).files] } }
      : undefined,
  );
  const { store } = await scriptedStore(t, emptyFolder);
  const dest = await tempDir(t);
  assert.equal(await store.downloadArtifacts(RUN, 'logs', dest), join(dest, 'logs'));
  assert.deepEqual(await readdir(join(dest, 'logs')), []);
  await rejectsWith(store.readArtifact(RUN, 'logs'), {
    errorCode: 'INVALID_PARAMETER_VALUE',
    message: /"logs" .* is a folder/,
  });
});

test('a missing file is a clear error and leaves no file behind', async (t) => {
  const { store } = await scriptedStore(t, artifactServer(FILES));
  const dest = await tempDir(t);
  await rejectsWith(store.downloadArtifacts(RUN, 'nope.txt', dest), {
    errorCode: 'RESOURCE_DOES_NOT_EXIST',
    message: /does not exist/,
  });
  assert.deepEqual(await filesUnder(dest), []);
});

test('a body that stalls hits the idle timeout, and the partial file is removed', async (t) => {
  const stalled = artifactServer(FILES, (request) =>
    request.path === '/get-artifact' ? { body: 'y'.repeat(50_000), stallAfterBytes: 20_000 } : undefined,
  );
  const { store } = await scriptedStore(t, stalled, { timeoutMs: 1000 });
  const dest = await tempDir(t);
  await rejectsWith(store.downloadArtifacts(RUN, 'notes.txt', dest), {
    errorCode: 'TIMEOUT',
    type: MlflowConnectionError,
  });
  assert.deepEqual(await filesUnder(dest), []);
});

test('cancelling mid-download rejects with MlflowCancelledError and removes the partial file', async (t) => {
  const controller = new AbortController();
  const stalled = artifactServer(FILES, (request) => {
    if (request.path !== '/get-artifact') return undefined;
    setTimeout(() => controller.abort(), 100);
    return { body: 'y'.repeat(50_000), stallAfterBytes: 20_000 };
  });
  const { store } = await scriptedStore(t, stalled);
  const dest = await tempDir(t);
  await rejectsWith(store.downloadArtifacts(RUN, 'notes.txt', dest, { signal: controller.signal }), {
    errorCode: 'CANCELLED',
    type: MlflowCancelledError,
  });
  assert.deepEqual(await filesUnder(dest), []);
});
