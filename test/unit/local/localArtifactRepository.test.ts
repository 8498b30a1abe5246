import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MlflowCancelledError, MlflowError } from '../../../src/extension/tracking/errors';
import { LocalArtifactRepository } from '../../../src/extension/tracking/local/localArtifactRepository';
import { FIXTURES, tempDir, transcript, transcriptBody, transcriptBytes } from './fixtures';

// The same runs as the server transcripts, by name, in the local sqlite store's artifact folders.
const BEST_SO_FAR = new LocalArtifactRepository(
  join(FIXTURES, 'local-store/mlruns/1/cd6604ce14564c34822afeedeb9bc859/artifacts'),
);
const ARTIFACT_ZOO = new LocalArtifactRepository(
  join(FIXTURES, 'local-store/mlruns/2/713d4d90e22f4987bcf97e0c04d4531b/artifacts'),
);

interface WireListing {
  files?: { path: string; is_dir: boolean; file_size?: number }[];
}

const listings: [string, LocalArtifactRepository, string][] = [
  ['091-artifacts-list-root', BEST_SO_FAR, ''],
  ['092-artifacts-list-subdir-model', BEST_SO_FAR, 'model'],
  ['093-artifacts-list-subdir-model-data', BEST_SO_FAR, 'model/data'],
  ['094-artifacts-list-zoo-root', ARTIFACT_ZOO, ''],
  ['095-artifacts-list-zoo-unicode-dir', ARTIFACT_ZOO, 'reports'],
  ['096-artifacts-list-zoo-deep', ARTIFACT_ZOO, 'a/b/c/d'],
  ['097-artifacts-list-file-path', BEST_SO_FAR, 'notes.txt'],
  ['098-artifacts-list-missing-dir', BEST_SO_FAR, 'nope'],
];

for (const [name, repository, path] of listings) {
  test(`listing ${JSON.stringify(path)} answers as the server did (${name})`, async () => {
    const recorded = await transcriptBody<WireListing>(name);
    const expected = (recorded.files ?? []).map((file) =>
      // The server leaves out a zero file_size (protobuf drops default values); we give the size.
      file.is_dir ? { path: file.path, isDir: true } : { path: file.path, isDir: false, fileSize: file.file_size ?? 0 },
    );
    assert.deepEqual(await repository.listArtifacts(path), expected);
  });
}

const reads: [string, LocalArtifactRepository][] = [
  ['101-get-artifact-text', BEST_SO_FAR],
  ['103-get-artifact-json', BEST_SO_FAR],
  ['104-get-artifact-png', BEST_SO_FAR],
  ['105-get-artifact-npy', BEST_SO_FAR],
  ['106-get-artifact-unicode-name', ARTIFACT_ZOO],
  ['107-get-artifact-percent-name', ARTIFACT_ZOO],
  ['108-get-artifact-html', ARTIFACT_ZOO],
  ['109-get-artifact-csv', ARTIFACT_ZOO],
  ['110-get-artifact-empty', ARTIFACT_ZOO],
];

for (const [name, repository] of reads) {
  test(`reading an artifact gives the bytes the server sent (${name})`, async () => {
    const path = (await transcript(name)).request.query.path!;
    const content = await repository.readArtifact(path);
    assert.deepEqual(Buffer.from(content.data), await transcriptBytes(name));
    assert.equal(content.truncated, false);
  });
}

test('a read stops at maxBytes and says the artifact was cut', async () => {
  const whole = await transcriptBytes('109-get-artifact-csv');
  const head = await ARTIFACT_ZOO.readArtifact('data.csv', { maxBytes: 10 });
  assert.deepEqual(Buffer.from(head.data), whole.subarray(0, 10));
  assert.equal(head.truncated, true);
  assert.equal((await ARTIFACT_ZOO.readArtifact('data.csv', { maxBytes: whole.length })).truncated, false);
  await assert.rejects(ARTIFACT_ZOO.readArtifact('data.csv', { maxBytes: -1 }), /maxBytes must be a whole number/);
});

test('reading a folder or a missing file fails with a clear error', async () => {
  await assert.rejects(
    BEST_SO_FAR.readArtifact('model'),
    (error: unknown) => error instanceof MlflowError && /is a folder, not a file/.test(error.message),
  );
  await assert.rejects(
    BEST_SO_FAR.readArtifact('nope.txt'),
    (error: unknown) => error instanceof MlflowError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST',
  );
});

for (const hostile of ['../../../../etc/passwd', '..', 'model/../../x', '/etc/passwd', 'a\\..\\b', 'x\0y']) {
  test(`the hostile path ${JSON.stringify(hostile)} is refused by list, read and download`, async () => {
    const refused = (error: unknown) => error instanceof MlflowError && error.errorCode === 'INVALID_PARAMETER_VALUE';
    await assert.rejects(BEST_SO_FAR.listArtifacts(hostile), refused);
    await assert.rejects(BEST_SO_FAR.readArtifact(hostile), refused);
    await assert.rejects(BEST_SO_FAR.downloadArtifacts(hostile, await tempDir()), refused);
  });
}

/** An artifact folder holding a file, a link to a file outside and a link to a folder outside. */
async function folderWithLinks(): Promise<string> {
  const outside = await tempDir();
  await writeFile(join(outside, 'secret.txt'), 'not yours');
  const root = join(await tempDir(), 'artifacts');
  await mkdir(join(root, 'plots'), { recursive: true });
  await writeFile(join(root, 'plots', 'loss.txt'), 'fine');
  await symlink(join(outside, 'secret.txt'), join(root, 'plots', 'leak.txt'));
  await symlink(outside, join(root, 'elsewhere'));
  return root;
}

test('symbolic links inside the artifact folder are listed but never followed', async () => {
  const repository = new LocalArtifactRepository(await folderWithLinks());
  assert.deepEqual(await repository.listArtifacts('plots'), [
    { path: 'plots/leak.txt', isDir: false },
    { path: 'plots/loss.txt', isDir: false, fileSize: 4 },
  ]);
  const refused = (error: unknown) => error instanceof MlflowError && /symbolic link/.test(error.message);
  await assert.rejects(repository.readArtifact('plots/leak.txt'), refused);
  await assert.rejects(repository.readArtifact('elsewhere/secret.txt'), refused);
  await assert.rejects(repository.listArtifacts('elsewhere'), refused);
  await assert.rejects(repository.downloadArtifacts('plots/leak.txt', await tempDir()), refused);
  const destination = await tempDir();
  await assert.rejects(repository.downloadArtifacts('', destination), refused);
  assert.deepEqual(await readdir(destination), [], 'nothing was written before the link was found');
});

test('a file downloads to its relative path; a folder downloads whole, streamed, with progress', async () => {
  const destination = await tempDir();
  const file = await BEST_SO_FAR.downloadArtifacts('model/data/vocab.txt', destination);
  assert.equal(file, join(destination, 'model', 'data', 'vocab.txt'));
  assert.deepEqual(
    await readFile(file),
    await readFile(
      join(FIXTURES, 'local-store/mlruns/1/cd6604ce14564c34822afeedeb9bc859/artifacts/model/data/vocab.txt'),
    ),
  );

  const progress: { files: number; bytes: number; path: string }[] = [];
  const folder = await ARTIFACT_ZOO.downloadArtifacts('', join(destination, 'zoo'), {
    onProgress: (step) => progress.push(step),
  });
  assert.equal(folder, join(destination, 'zoo'));
  assert.deepEqual(
    await readFile(join(folder, 'reports', 'résumé final.txt')),
    await transcriptBytes('106-get-artifact-unicode-name'),
  );
  assert.deepEqual(await readFile(join(folder, 'data.csv')), await transcriptBytes('109-get-artifact-csv'));
  assert.equal((await readFile(join(folder, 'empty.txt'))).length, 0);
  assert.equal(progress.length, 7, 'one report per file');
  assert.equal(progress.at(-1)!.files, 7);
  assert.ok(progress.some((step) => step.path === 'a/b/c/d/e/deep.txt'));
});

test('downloading a missing artifact, or with a cancelled signal, fails without writing', async () => {
  const destination = await tempDir();
  await assert.rejects(
    BEST_SO_FAR.downloadArtifacts('nope', destination),
    (error: unknown) => error instanceof MlflowError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST',
  );
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    ARTIFACT_ZOO.downloadArtifacts('', destination, { signal: controller.signal }),
    MlflowCancelledError,
  );
  assert.deepEqual(await readdir(destination), []);
});

test('a missing artifact folder lists as empty, like the server (099)', async () => {
  assert.deepEqual(await transcriptBody<WireListing>('099-artifacts-list-empty-run'), {
    root_uri: 'mlflow-artifacts:/2/ac413d5a94334b6bb794198cbe355b88/artifacts',
  });
  assert.deepEqual(await new LocalArtifactRepository(join(await tempDir(), 'nothing-here')).listArtifacts(''), []);
});
