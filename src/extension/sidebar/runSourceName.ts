import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { absoluteSourcePath, sourcePathCandidates } from '../git/sourcePath';

/**
 * A run's `mlflow.source.name` as the sidebar shows it: relative to the workspace repository that
 * holds the file, as MLflow records it for most runs (`train.py`). An absolute path (often from
 * the machine that logged the run, `/home/user/demo-repo/train.py`) becomes the longest of its
 * tails that exists in one of `repositoryRoots`, the same candidates Open Source at Commit tries;
 * a name no repository holds, and a relative one, are shown as recorded.
 */
export function sourceNameShown(
  sourceName: string,
  repositoryRoots: readonly string[],
  exists: (path: string) => boolean = existsSync,
): string {
  if (absoluteSourcePath(sourceName) === undefined) return sourceName;
  for (const root of repositoryRoots) {
    const candidates = sourcePathCandidates(sourceName, root);
    const found = candidates.paths.find((path) => exists(join(root, path)));
    if (found !== undefined) return found;
  }
  return sourceName;
}
