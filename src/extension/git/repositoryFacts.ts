import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { CommitId } from './commitId';
import { isGitError } from './gitErrors';
import type { Remote } from './gitListings';
import type { GitRunnerOptions } from './gitRunner';
import { findRepositoryRoot, openGitRepository } from './repository';
import { errorMessage } from '../tracking/errors';

/** What matching a run needs to know about one candidate repository. */
export interface RepositoryFacts {
  root: string;
  /** The superproject's root, when this repository is a submodule found inside a workspace folder. */
  submoduleOf?: string;
  remotes: Remote[];
  /** The run's commit is in it (undefined when the run has no usable commit). */
  hasCommit?: boolean;
  /** The commit id is abbreviated and matches several objects here. */
  ambiguousCommit: boolean;
  shallow: boolean;
}

/** A workspace folder and the repository it belongs to, or why it has none. */
export interface CandidateFolder {
  folder: string;
  root?: string;
  problem?: string;
}

/** The repository root of each folder (a folder may be a subfolder of one), or why there is none. */
export async function resolveCandidateFolders(
  folders: readonly string[],
  options: GitRunnerOptions,
): Promise<CandidateFolder[]> {
  return Promise.all(
    folders.map(async (folder) => {
      try {
        const root = await findRepositoryRoot(folder, options);
        return root ? { folder, root } : { folder, problem: 'not in a git repository' };
      } catch (error) {
        return { folder, problem: errorMessage(error) };
      }
    }),
  );
}

/** Facts about `root` and each initialised submodule inside it. */
export async function gatherFacts(
  root: string,
  commit: CommitId | undefined,
  options: GitRunnerOptions,
): Promise<RepositoryFacts[]> {
  const own = await factsOf(root, commit, options);
  const submodules = await openGitRepository(root, options)
    .reader.submodules()
    .catch(() => []);
  const nested = await Promise.all(
    submodules
      .filter((submodule) => submodule.initialized)
      .map(async (submodule) => ({
        ...(await factsOf(join(root, submodule.path), commit, options)),
        submoduleOf: root,
      })),
  );
  return [own, ...nested];
}

async function factsOf(
  root: string,
  commit: CommitId | undefined,
  options: GitRunnerOptions,
): Promise<RepositoryFacts> {
  const { reader } = openGitRepository(root, options);
  const [remotes, shallow] = await Promise.all([reader.remotes(), reader.isShallow()]);
  const facts: RepositoryFacts = { root, remotes, shallow, ambiguousCommit: false };
  if (commit === undefined) return facts;
  try {
    facts.hasCommit = (await reader.resolveCommit(commit)) !== undefined;
  } catch (error) {
    if (!isGitError(error, 'ambiguousCommit')) throw error;
    facts.ambiguousCommit = true;
    facts.hasCommit = false;
  }
  return facts;
}

/** True when `path` lies inside the folder `root` (symbolic links resolved where they exist). */
export function isPathInside(path: string, root: string): boolean {
  const inside = (p: string, r: string) => {
    const rel = relative(r, p);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  return inside(path, root) || inside(realOrSelf(path), realOrSelf(root));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
