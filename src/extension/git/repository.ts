import { GitError } from './gitErrors';
import { GitReader } from './gitReader';
import type { GitRunnerOptions } from './gitRunner';
import { GitRunner } from './gitRunner';
import { GitWriter } from './gitWriter';

/** One repository (by its top-level folder), its reads and its writes. */
export interface GitRepository {
  root: string;
  reader: GitReader;
  writer: GitWriter;
}

/** The reader and writer for the repository whose top-level folder is `root`. */
export function openGitRepository(root: string, options: GitRunnerOptions = {}): GitRepository {
  const runner = new GitRunner(root, options);
  const reader = new GitReader(runner);
  return { root, reader, writer: new GitWriter(runner, reader) };
}

/**
 * The top-level folder of the repository that holds `folder` (a workspace folder may be a
 * subfolder of one), or undefined when `folder` is in no repository or does not exist.
 */
export async function findRepositoryRoot(folder: string, options: GitRunnerOptions = {}): Promise<string | undefined> {
  try {
    const { stdout } = await new GitRunner(folder, options).text(['rev-parse', '--show-toplevel']);
    return stdout.trim() || undefined;
  } catch (error) {
    if (error instanceof GitError && error.reason === 'notARepository') return undefined;
    throw error;
  }
}
