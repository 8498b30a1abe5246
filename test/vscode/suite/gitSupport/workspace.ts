// The workspace of the git suite: a clone of the demo repository the fixture runs were logged
// from, with the local store (mlflow.db, and the artifacts in mlruns/) beside the code, so the
// runs' commits are all there. mlflow.db and the workbench's .vscode/ are excluded locally (as a
// user would), so the tree starts clean.
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoRepoWith } from '../sidebarSupport/workspaces';

export function demoRepoWithLocalStore(repoRoot: string): (folder: string) => Promise<void> {
  const clone = demoRepoWith(repoRoot, { 'mlflow.db': 'local-store/mlflow.db', mlruns: 'local-store/mlruns' });
  return async (folder) => {
    await clone(folder);
    await appendFile(join(folder, '.git', 'info', 'exclude'), '/mlflow.db\n/.vscode/\n');
  };
}
