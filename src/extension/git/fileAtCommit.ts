import { parseCommitId } from './commitId';
import { GitError } from './gitErrors';
import type { GitRepository } from './repository';

/**
 * One file as it was at a commit, for a read-only document or one side of a diff. Both the
 * commit and the path may come back from a document URI, so both are checked here: the commit
 * as a commit id, the path as a plain repository-relative path. Undefined when the file does not
 * exist at that commit (the empty side of an added or deleted file).
 */
export async function readFileAtCommit(repo: GitRepository, commit: string, path: string): Promise<Buffer | undefined> {
  const id = parseCommitId(commit);
  const checked = checkRepositoryPath(path);
  try {
    return await repo.reader.showFile(id, checked);
  } catch (error) {
    if (error instanceof GitError && /does not exist in|exists on disk, but not in/.test(error.gitMessage ?? ''))
      return undefined;
    throw error;
  }
}

/** A path relative to the repository root: no `..`, no leading `/`, no empty segment, no NUL. */
export function checkRepositoryPath(path: string): string {
  const segments = path.split('/');
  const bad =
    path === '' ||
    path.includes('\0') ||
    path.startsWith('/') ||
    /^[a-z]:/i.test(path) ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..');
  if (bad) throw new GitError('invalidPath', `Invalid path in the repository: ${JSON.stringify(path.slice(0, 200))}.`);
  return path;
}
