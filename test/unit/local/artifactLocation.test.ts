import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactRepository } from '../../../src/extension/tracking/artifactRepository';
import { MlflowError } from '../../../src/extension/tracking/errors';
import { artifactRepositoryFor, localPathOfUri } from '../../../src/extension/tracking/local/artifactLocation';
import { LocalArtifactRepository } from '../../../src/extension/tracking/local/localArtifactRepository';
import { FIXTURES, tempDir } from './fixtures';

test('file: URIs and plain paths name local folders; other schemes do not', () => {
  assert.equal(
    localPathOfUri('file:///home/user/demo-repo/mlruns/1/abc/artifacts', '/store'),
    '/home/user/demo-repo/mlruns/1/abc/artifacts',
  );
  assert.equal(localPathOfUri('file:/home/user/r%C3%A9sum%C3%A9', '/store'), '/home/user/résumé');
  assert.equal(localPathOfUri('/home/user/demo-repo/mlruns/1', '/store'), '/home/user/demo-repo/mlruns/1');
  assert.equal(localPathOfUri('mlruns/1/abc/artifacts', '/store'), '/store/mlruns/1/abc/artifacts');
  for (const remote of [
    'mlflow-artifacts:/1/abc/artifacts',
    's3://bucket/1/abc',
    'dbfs:/databricks/mlflow',
    'http://host/x',
    '',
  ]) {
    assert.equal(localPathOfUri(remote, '/store'), undefined, remote);
  }
});

test('the recorded folder is used when it exists here', async () => {
  const recorded = join(FIXTURES, 'local-store/mlruns/1/cd6604ce14564c34822afeedeb9bc859/artifacts');
  const repository = await artifactRepositoryFor(
    { runId: 'r', artifactUri: pathToFileURL(recorded).href, besideStore: '/nowhere', storeDir: '/nowhere' },
    undefined,
  );
  assert.ok(repository instanceof LocalArtifactRepository);
  assert.equal(repository.rootDir, recorded);
});

test('a path recorded on another machine falls back to the folder beside the store', async () => {
  const beside = join(FIXTURES, 'local-store/mlruns/2/713d4d90e22f4987bcf97e0c04d4531b/artifacts');
  const repository = await artifactRepositoryFor(
    {
      runId: 'r',
      artifactUri: '/home/user/demo-repo/mlruns/2/713d4d90e22f4987bcf97e0c04d4531b/artifacts',
      besideStore: beside,
      storeDir: '/x',
    },
    undefined,
  );
  assert.equal((repository as LocalArtifactRepository).rootDir, beside);
  assert.ok((await repository.listArtifacts('')).some((file) => file.path === 'data.csv'));
});

test('mlflow-artifacts: URIs need a server: a clear error without a factory, the factory with one', async () => {
  const location = {
    runId: 'abc123',
    artifactUri: 'mlflow-artifacts:/1/abc123/artifacts',
    besideStore: await tempDir(),
    storeDir: '/x',
  };
  await assert.rejects(artifactRepositoryFor(location, undefined), (error: unknown) => {
    assert.ok(error instanceof MlflowError);
    assert.equal(error.errorCode, 'UNSUPPORTED');
    assert.match(
      error.message,
      /run abc123 are served by an MLflow server \(mlflow-artifacts:\/1\/abc123\/artifacts\)/,
    );
    assert.match(error.message, /mlflow\.trackingUri/);
    return true;
  });
  const asked: string[] = [];
  const remote: ArtifactRepository = {
    listArtifacts: () => Promise.resolve([{ path: 'from-server.txt', isDir: false, fileSize: 1 }]),
    readArtifact: () => Promise.reject(new Error('unused')),
    downloadArtifacts: () => Promise.reject(new Error('unused')),
  };
  const repository = await artifactRepositoryFor(location, (uri) => {
    asked.push(uri);
    return remote;
  });
  assert.deepEqual(asked, ['mlflow-artifacts:/1/abc123/artifacts']);
  assert.equal(repository, remote);
});

test('other remote artifact stores are named in the error too', async () => {
  await assert.rejects(
    artifactRepositoryFor(
      { runId: 'r1', artifactUri: 's3://bucket/mlflow/1/r1/artifacts', besideStore: '/x', storeDir: '/x' },
      undefined,
    ),
    /run r1 are stored at s3:\/\/bucket\/mlflow\/1\/r1\/artifacts, which a local store cannot read/,
  );
});
