import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a run's `mlflow.source.name` may sit in a repository, as repository-relative paths. */
export interface SourcePathCandidates {
  /** Most likely first: the path relative to the repository, then ever shorter tails of it. */
  paths: string[];
  /** The file name alone, for a last search through the commit's files. */
  fileName: string;
  /** The source name is the repository folder itself (a project run started from it). */
  isRepositoryRoot: boolean;
}

/**
 * Turns `mlflow.source.name` into candidate paths inside the repository at `repositoryRoot`.
 * The name may be relative (to wherever the script ran), absolute on this machine, absolute on
 * the machine that logged the run (`/home/user/demo-repo/train.py` when the clone here is
 * elsewhere), a `file://` URI, or a Windows path; so after the path relative to the repository
 * come its tails (`demo-repo/train.py`, `train.py`), the first that exists at the commit wins.
 * Nothing returned climbs out of the repository: no `..`, no absolute paths.
 */
export function sourcePathCandidates(sourceName: string, repositoryRoot: string): SourcePathCandidates {
  const path = toPosixPath(sourceName.trim());
  const root = toPosixPath(repositoryRoot);
  let relativeToRoot: string | undefined;
  if (path.startsWith('/')) {
    const relative = posix.relative(root, posix.normalize(path));
    if (relative === '') return { paths: [], fileName: '', isRepositoryRoot: true };
    if (!relative.startsWith('..') && !posix.isAbsolute(relative)) relativeToRoot = relative;
  }
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  const lastUp = segments.lastIndexOf('..');
  const usable = segments.slice(lastUp + 1);
  const tails = usable.map((_segment, start) => usable.slice(start).join('/'));
  const paths = [...new Set([...(relativeToRoot ? [relativeToRoot] : []), ...tails])];
  return { paths, fileName: usable[usable.length - 1] ?? '', isRepositoryRoot: false };
}

function toPosixPath(name: string): string {
  let path = name;
  if (/^file:/i.test(path)) {
    try {
      path = fileURLToPath(path);
    } catch {
      path = path.replace(/^file:\/*/i, '/');
    }
  }
  return path.replace(/\\/g, '/').replace(/^[a-z]:(?=\/)/i, '');
}

/**
 * The source as an absolute path, when `mlflow.source.name` is one (or a `file://` URI); such a
 * path may point into a repository on this machine. Undefined for relative names.
 */
export function absoluteSourcePath(sourceName: string): string | undefined {
  const path = toPosixPath(sourceName.trim());
  return path.startsWith('/') && !/^[a-z]:/i.test(sourceName.trim()) ? posix.normalize(path) : undefined;
}
