// The runs table suite's workspace: the demo workspace (a clone of the demo repository with the
// fixture's local mlflow.db at its root), plus the recorded file store (data/mlruns) and the
// server's store (data/server.db, read by the test MLflow server), kept out of git's sight so the
// tree stays clean for Check Out.
import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { makeDemoWorkspace } from '../../../../scripts/demoWorkspace';

const FIXTURES = 'test/fixtures/mlflow-3.5.1';

export function demoWorkspaceWithEveryStore(repoRoot: string): (folder: string) => Promise<void> {
  return (folder) => {
    makeDemoWorkspace(repoRoot, folder);
    cpSync(join(repoRoot, FIXTURES, 'mlruns'), join(folder, 'data', 'mlruns'), { recursive: true });
    cpSync(join(repoRoot, FIXTURES, 'server-store', 'mlflow.db'), join(folder, 'data', 'server.db'));
    appendFileSync(join(folder, '.git', 'info', 'exclude'), '/data/\n');
    return Promise.resolve();
  };
}
