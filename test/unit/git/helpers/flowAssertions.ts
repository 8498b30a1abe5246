import assert from 'node:assert/strict';
import { GitError } from '../../../../src/extension/git/gitErrors';
import type { GitErrorReason } from '../../../../src/extension/git/gitErrors';
import type { RunSource } from '../../../../src/extension/git/runSource';
import { runSourceOf } from '../../../../src/extension/git/runSource';
import { git } from './gitCli';
import { runWithTags } from './runs';
import type { RepositorySnapshot } from './snapshot';
import { snapshot } from './snapshot';

/** A run logged at `commit` from `sourceName`. */
export function runAt(
  commit: string,
  runName = 'lr-0.01',
  sourceName = 'train.py',
  extraTags: Record<string, string> = {},
): RunSource {
  return runSourceOf(
    runWithTags(
      { 'mlflow.source.git.commit': commit, 'mlflow.source.name': sourceName, ...extraTags },
      `run${commit.slice(0, 8)}`,
      runName,
    ),
  );
}

/** The repository is exactly as it was: every file, the index, the stash list and HEAD. */
export function assertNothingChanged(root: string, before: RepositorySnapshot): void {
  assert.deepEqual(snapshot(root), before);
}

/** Checks a GitError's reason and returns it for more checks. */
export function expectGitError(reason: GitErrorReason, check?: (error: GitError) => void) {
  return (error: unknown) => {
    assert.ok(error instanceof GitError, `not a GitError: ${String(error)}`);
    assert.equal(error.reason, reason, error.message);
    check?.(error);
    return true;
  };
}

/** The working tree's files are those of `commit` (plus ignored files, which are no change). */
export function assertCheckedOutAt(root: string, commit: string): void {
  assert.equal(git(root, 'rev-parse', 'HEAD').trim(), commit);
  assert.equal(git(root, 'status', '--porcelain', '--untracked-files=all'), '');
}
