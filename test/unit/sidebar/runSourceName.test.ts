import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceNameShown } from '../../../src/extension/sidebar/presentation';

function repository(): { root: string; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), 'source-name-'));
  mkdirSync(join(root, 'src', 'models'), { recursive: true });
  writeFileSync(join(root, 'train.py'), '');
  writeFileSync(join(root, 'src', 'models', 'train.py'), '');
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

test('an absolute path from the logging machine is shown relative to the repository that holds the file', () => {
  const repo = repository();
  try {
    assert.equal(sourceNameShown('/home/user/demo-repo/train.py', [repo.root]), 'train.py');
    assert.equal(sourceNameShown('/home/user/demo-repo/src/models/train.py', [repo.root]), 'src/models/train.py');
    assert.equal(
      sourceNameShown('file:///home/user/demo-repo/src/models/train.py', [repo.root]),
      'src/models/train.py',
    );
  } finally {
    repo.dispose();
  }
});

test('a path on this machine inside a workspace repository is shown relative to it', () => {
  const repo = repository();
  try {
    assert.equal(
      sourceNameShown(join(repo.root, 'src', 'models', 'train.py'), ['/nowhere/else', repo.root]),
      'src/models/train.py',
    );
  } finally {
    repo.dispose();
  }
});

test('relative names, and paths no repository holds, are shown as recorded', () => {
  const repo = repository();
  try {
    assert.equal(sourceNameShown('train.py', [repo.root]), 'train.py');
    assert.equal(sourceNameShown('/home/user/other/evaluate.py', [repo.root]), '/home/user/other/evaluate.py');
    assert.equal(sourceNameShown('/home/user/demo-repo/train.py', []), '/home/user/demo-repo/train.py');
  } finally {
    repo.dispose();
  }
});
