// Workspace folders for the sidebar suites, made from the fixtures (never edited: copied).
import { execFileSync } from 'node:child_process';
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

const FIXTURES = 'test/fixtures/mlflow-3.5.1';

/**
 * The demo repository the fixture runs were logged from, cloned from its bundle (HEAD is
 * 9b64e09, the commit most fixture runs carry), with `files` of the fixtures copied into it.
 */
export function demoRepoWith(repoRoot: string, files: Record<string, string>): (folder: string) => Promise<void> {
  return async (folder) => {
    execFileSync('git', ['clone', '--quiet', join(repoRoot, FIXTURES, 'demo-repo.bundle'), folder], { stdio: 'pipe' });
    await fixtureFiles(repoRoot, files)(folder);
  };
}

/** A workspace holding only `files` of the fixtures, at the given places (none at the root). */
export function fixtureFiles(repoRoot: string, files: Record<string, string>): (folder: string) => Promise<void> {
  return async (folder) => {
    for (const [target, source] of Object.entries(files)) {
      await mkdir(join(folder, target, '..'), { recursive: true });
      await cp(join(repoRoot, FIXTURES, source), join(folder, target), { recursive: true });
    }
  };
}
