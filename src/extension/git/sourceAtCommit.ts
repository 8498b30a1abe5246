import { requireCommitIn } from './commitAvailability';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import { GitError } from './gitErrors';
import type { TreeEntry } from './gitListings';
import type { GitRepository } from './repository';
import type { RunSource } from './runSource';
import { describeRun, requireRunCommit } from './runSource';
import { sourcePathCandidates } from './sourcePath';

/** How the file was found: the path as logged, a tail of it, its name alone, or a project's MLproject. */
export type SourceFoundBy = 'path' | 'pathTail' | 'fileName' | 'projectFile';

export interface SourceAtCommit {
  /** The full id of the run's commit. */
  commit: string;
  /** The file, relative to the repository root. */
  path: string;
  content: Buffer;
  foundBy: SourceFoundBy;
}

const PROJECT_FILE = 'MLproject';

/**
 * The run's source file (`mlflow.source.name`, made relative to the repository) as it was at
 * the run's commit, read without checking anything out. A project run (`mlflow run`), whose
 * source is the project folder, gets its `MLproject` file.
 */
export async function readRunSourceAtCommit(repo: GitRepository, run: RunSource): Promise<SourceAtCommit> {
  const commit = await requireCommitIn(repo, requireRunCommit(run), run);
  const isProject = run.sourceType === 'PROJECT';
  if (run.sourceName === undefined && !isProject) {
    throw new GitError(
      'noSourceName',
      `The ${describeRun(run)} has no mlflow.source.name tag: it does not say which file it ran.`,
    );
  }
  const entries = await repo.reader.filesAtCommit(commit);
  const found = findSource(entries, run, repo.root, commit) ?? (isProject ? projectFile(entries) : undefined);
  if (!found) throw notInCommit(repo, run, commit);
  return { commit, ...found, content: await repo.reader.showFile(commit, found.path) };
}

function findSource(
  entries: TreeEntry[],
  run: RunSource,
  root: string,
  commit: string,
): { path: string; foundBy: SourceFoundBy } | undefined {
  if (run.sourceName === undefined) return undefined;
  const files = new Set(entries.filter((entry) => entry.type === 'blob').map((entry) => entry.path));
  const submodules = entries.filter((entry) => entry.type === 'commit');
  const candidates = sourcePathCandidates(run.sourceName, root);
  for (const [index, path] of candidates.paths.entries()) {
    if (files.has(path)) return { path, foundBy: index === 0 ? 'path' : 'pathTail' };
    const submodule = submodules.find((entry) => path.startsWith(`${entry.path}/`));
    if (submodule) throw insideSubmodule(run, path, submodule, commit);
  }
  if (candidates.fileName === '') return undefined;
  const byName = [...files].filter((path) => path === candidates.fileName || path.endsWith(`/${candidates.fileName}`));
  if (byName.length === 1) return { path: byName[0]!, foundBy: 'fileName' };
  if (byName.length > 1) {
    throw new GitError(
      'ambiguousSource',
      `mlflow.source.name "${run.sourceName}" of the ${describeRun(run)} could be any of ${byName.length} files at ` +
        `commit ${shortCommitId(commit)}: ${byName.slice(0, 10).join(', ')}${byName.length > 10 ? ', ...' : ''}.`,
      { paths: byName },
    );
  }
  return undefined;
}

function projectFile(entries: TreeEntry[]): { path: string; foundBy: SourceFoundBy } | undefined {
  return entries.some((entry) => entry.type === 'blob' && entry.path === PROJECT_FILE)
    ? { path: PROJECT_FILE, foundBy: 'projectFile' }
    : undefined;
}

function insideSubmodule(run: RunSource, path: string, submodule: TreeEntry, commit: string): GitError {
  return new GitError(
    'insideSubmodule',
    `The source ${path} of the ${describeRun(run)} is inside the submodule ${submodule.path}, which was at commit ` +
      `${shortCommitId(submodule.object)} in ${shortCommitId(commit)}: open it from the submodule's repository.`,
    { paths: [path] },
  );
}

function notInCommit(repo: GitRepository, run: RunSource, commit: string): GitError {
  const notebook =
    run.sourceType === 'NOTEBOOK' ? ' It was logged from a notebook, which is not a file of the repository.' : '';
  const name = run.sourceName ?? '';
  return new GitError(
    'sourceNotInCommit',
    `mlflow.source.name "${name}" of the ${describeRun(run)} names no file of commit ${shortCommitId(commit)} in ${repo.root}.${notebook}`,
    { repository: repo.root },
  );
}
