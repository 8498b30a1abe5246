import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Git as a person at a terminal would run it, to build the repositories the tests work on. It
 * runs the real git binary directly (not the code under test), with a fixed identity and without
 * any GIT_* variables of the surrounding process.
 */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    env: cleanEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Like `git`, but returns the exit code and stderr instead of throwing. */
export function gitStatus(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    return { code: 0, stdout: git(cwd, ...args), stderr: '' };
  } catch (error) {
    const failure = error as { status: number; stdout: string; stderr: string };
    return { code: failure.status, stdout: String(failure.stdout), stderr: String(failure.stderr) };
  }
}

function cleanEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('GIT_')) environment[name] = value;
  }
  return environment;
}

const made: string[] = [];

/** A fresh empty folder (its real path, as git reports it), removed by `removeTempFolders`. */
export function tempFolder(prefix = 'mlflow-git-'): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  made.push(folder);
  return folder;
}

export function removeTempFolders(): void {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** Writes files (creating folders) relative to `root`. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** Stages everything and commits; returns the new commit's full id. */
export function commitAll(root: string, message: string): string {
  git(root, 'add', '--all');
  git(root, 'commit', '--quiet', '-m', message);
  return git(root, 'rev-parse', 'HEAD').trim();
}

/** A local identity in the repository's own config, as any real clone has (stashing needs one). */
export function setIdentity(root: string): void {
  git(root, 'config', 'user.name', 'Test User');
  git(root, 'config', 'user.email', 'test@example.com');
}
