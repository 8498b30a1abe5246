import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { checkArtifactPath, localPathInside } from '../../../src/extension/tracking/artifactPaths';
import { MlflowError } from '../../../src/extension/tracking/errors';

test('ordinary artifact paths are normalised', () => {
  assert.equal(checkArtifactPath(''), '');
  assert.equal(checkArtifactPath('model/MLmodel'), 'model/MLmodel');
  assert.equal(checkArtifactPath('./plots//loss.png/'), 'plots/loss.png');
  assert.equal(checkArtifactPath('reports/résumé final.txt'), 'reports/résumé final.txt');
  assert.equal(checkArtifactPath('..hidden/a..b'), '..hidden/a..b', 'dots inside a name are fine');
});

for (const hostile of ['../etc/passwd', 'a/../../b', '/etc/passwd', 'C:/Windows', 'a\\..\\b', 'a\0b', '..']) {
  test(`the hostile path ${JSON.stringify(hostile)} is refused`, () => {
    assert.throws(
      () => checkArtifactPath(hostile),
      (error: unknown) => {
        assert.ok(error instanceof MlflowError);
        assert.equal(error.errorCode, 'INVALID_PARAMETER_VALUE');
        return true;
      },
    );
    assert.throws(() => localPathInside('/tmp/dest', hostile), MlflowError);
  });
}

test('a local path stays inside its destination', () => {
  assert.equal(localPathInside('/tmp/dest', 'plots/a.png'), join(resolve('/tmp/dest'), 'plots', 'a.png'));
  assert.equal(localPathInside('/tmp/dest', ''), resolve('/tmp/dest'));
});
