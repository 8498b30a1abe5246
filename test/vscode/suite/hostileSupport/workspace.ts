// The hostile-names suite's workspace: the demo workspace (the same as the git and panels
// suites'), its copy of the recorded mlflow.db changed with SQL as a server user could change it
// through MLflow: runs renamed (runs.name and the mlflow.runName tag, as MLflow's rename writes
// both), one commit tag removed, one pointing at a commit the repository does not have.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDemoWorkspace } from '../../../../scripts/demoWorkspace';
import { loadSqlJs } from '../../../../src/extension/tracking/local/sqlJs';
import { ABSENT_COMMIT, HOSTILE_RUNS } from './hostileNames';

export function demoWorkspaceWithHostileNames(repoRoot: string): (folder: string) => Promise<void> {
  return async (folder) => {
    makeDemoWorkspace(repoRoot, folder);
    const file = join(folder, 'mlflow.db');
    const SQL = await loadSqlJs();
    const db = new SQL.Database(readFileSync(file));
    try {
      for (const { runId, name } of Object.values(HOSTILE_RUNS)) {
        db.run('UPDATE runs SET name = ? WHERE run_uuid = ?', [name, runId]);
        db.run("UPDATE tags SET value = ? WHERE run_uuid = ? AND key = 'mlflow.runName'", [name, runId]);
        if (db.getRowsModified() !== 1) throw new Error(`run ${runId} has no mlflow.runName tag in the fixture`);
      }
      db.run("DELETE FROM tags WHERE run_uuid = ? AND key = 'mlflow.source.git.commit'", [HOSTILE_RUNS.noCommit.runId]);
      db.run("UPDATE tags SET value = ? WHERE run_uuid = ? AND key = 'mlflow.source.git.commit'", [ABSENT_COMMIT, HOSTILE_RUNS.unknownCommit.runId]);
      writeFileSync(file, db.export());
    } finally {
      db.close();
    }
  };
}
