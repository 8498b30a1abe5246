/**
 * The demo workspace, shared by `npm run demo` and the UI journey so a newcomer and CI see the
 * same thing: a clone of the fixture repository the recorded runs came from, with the recorded
 * local store (mlflow.db, artifacts in mlruns/) beside the code, so every run's commit is in it.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The recordings copied into the project (never edited). */
export function demoFixturesDir(repoRoot: string): string {
  return join(repoRoot, 'test', 'fixtures', 'mlflow-3.5.1');
}

function git(cwd: string, ...argv: string[]): void {
  const result = spawnSync('git', argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`git ${argv.join(' ')} failed in ${cwd}: ${result.stderr.trim() || result.signal}`);
}

/**
 * Makes the demo workspace in `folder` (absent or empty): the clone, a git identity (checking out
 * a run's commit may stash work, and a stash needs one), the local store beside the code.
 */
export function makeDemoWorkspace(repoRoot: string, folder: string): void {
  const fixtures = demoFixturesDir(repoRoot);
  mkdirSync(join(folder, '..'), { recursive: true });
  git(join(folder, '..'), 'clone', '--quiet', join(fixtures, 'demo-repo.bundle'), folder);
  git(folder, 'config', 'user.name', 'MLflow Explorer demo');
  git(folder, 'config', 'user.email', 'demo@mlflow-explorer.invalid');
  // The store is the project's data, not its code: the working tree starts clean (mlruns/ is ignored already).
  appendFileSync(join(folder, '.git', 'info', 'exclude'), '\n/mlflow.db\n/.vscode/\n');
  cpSync(join(fixtures, 'local-store', 'mlflow.db'), join(folder, 'mlflow.db'));
  cpSync(join(fixtures, 'local-store', 'mlruns'), join(folder, 'mlruns'), { recursive: true });
}

/**
 * Writes `server` as the workspace's `mlflow.trackingUri` setting, or removes the setting when
 * there is none, so the local mlflow.db is found by itself. Other settings are kept.
 */
export function writeTrackingUriSetting(folder: string, server: string | undefined): void {
  const settingsFile = join(folder, '.vscode', 'settings.json');
  const settings = existsSync(settingsFile)
    ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>)
    : {};
  if (server) settings['mlflow.trackingUri'] = server;
  else delete settings['mlflow.trackingUri'];
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
}
