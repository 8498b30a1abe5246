// The hostile-names suite's workspace: the demo workspace (the same as the git and panels
// suites'), its copy of the recorded mlflow.db changed with SQL as a server user could change it
// through MLflow: runs renamed (runs.name and the mlflow.runName tag, as MLflow's rename writes
// both), one commit tag removed, one pointing at a commit the repository does not have.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { makeDemoWorkspace } from '../../../../scripts/demoWorkspace';
import { ABSENT_COMMIT, HOSTILE_RUNS } from './hostileNames';

export function demoWorkspaceWithHostileNames(repoRoot: string): (folder: string) => Promise<void> {
  return (folder) => {
    makeDemoWorkspace(repoRoot, folder);
    const file = join(folder, 'mlflow.db');
    const db = new DatabaseSync(file);
    try {
      for (const { runId, name } of Object.values(HOSTILE_RUNS)) {
        db.prepare('UPDATE runs SET name = ? WHERE run_uuid = ?').run(name, runId);
        const renamed = db
          .prepare("UPDATE tags SET value = ? WHERE run_uuid = ? AND key = 'mlflow.runName'")
          .run(name, runId);
        if (Number(renamed.changes) !== 1) throw new Error(`run ${runId} has no mlflow.runName tag in the fixture`);
      }
      db.prepare("DELETE FROM tags WHERE run_uuid = ? AND key = 'mlflow.source.git.commit'").run(
        HOSTILE_RUNS.noCommit.runId,
      );
      db.prepare("UPDATE tags SET value = ? WHERE run_uuid = ? AND key = 'mlflow.source.git.commit'").run(
        ABSENT_COMMIT,
        HOSTILE_RUNS.unknownCommit.runId,
      );
    } finally {
      db.close();
    }
    return Promise.resolve();
  };
}
