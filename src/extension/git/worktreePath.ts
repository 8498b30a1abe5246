import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { safeRefComponent } from './branchName';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import type { RunSource } from './runSource';

/**
 * A free folder beside the repository for a run's worktree: `<repo>-<run name>` (or the short
 * commit when the name gives nothing usable), then `-2`, `-3`... when taken on disk or by a
 * worktree git still remembers.
 */
export function worktreePathForRun(
  repositoryRoot: string,
  run: Pick<RunSource, 'runName'>,
  commit: string,
  knownWorktrees: readonly string[],
): string {
  const label = safeRefComponent(run.runName) || shortCommitId(commit);
  const base = join(dirname(repositoryRoot), `${basename(repositoryRoot)}-${label}`);
  const taken = (path: string) => existsSync(path) || knownWorktrees.includes(path);
  let candidate = base;
  for (let n = 2; taken(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}
