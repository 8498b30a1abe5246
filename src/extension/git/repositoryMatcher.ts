import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CommitId } from './commitId';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import { parseCommitId } from './commitId';
import type { GitRunnerOptions } from './gitRunner';
import { explainNoMatch } from './matchExplanation';
import { findRepositoryRoot } from './repository';
import type { RepositoryFacts } from './repositoryFacts';
import { gatherFacts, isPathInside, resolveCandidateFolders } from './repositoryFacts';
import { redactRemoteUrl, sameRepositoryUrl } from './remoteUrl';
import type { RunSource } from './runSource';
import { absoluteSourcePath } from './sourcePath';

export type MatchReason = 'remoteUrl' | 'commit' | 'sourcePath';

export interface RepositoryMatch {
  root: string;
  reason: MatchReason;
  /** Why, in words: `remote origin (https://...)`, `has commit 9b64e09`, `holds /path/train.py`. */
  detail: string;
  /** Set when the repository is a submodule of the workspace folder's repository. */
  submoduleOf?: string;
}

export type RepositoryMatchResult =
  { kind: 'matched'; matches: RepositoryMatch[] } | { kind: 'none'; explanation: string };

/**
 * Finds the repositories among `folders` (workspace folders, and the submodules inside them)
 * that a run's code belongs to: by `mlflow.source.git.repoURL` against their remotes, else by
 * holding the run's commit, else by holding the run's (absolute) `mlflow.source.name`. Several
 * matches are all returned for the caller to ask; none comes with an explanation of why.
 */
export async function matchRunToRepositories(
  folders: readonly string[],
  run: RunSource,
  options: GitRunnerOptions = {},
): Promise<RepositoryMatchResult> {
  const commit = usableCommit(run);
  const candidates = await resolveCandidateFolders(folders, options);
  const roots = [...new Set(candidates.flatMap((candidate) => (candidate.root ? [candidate.root] : [])))];
  const facts = (await Promise.all(roots.map((root) => gatherFacts(root, commit, options)))).flat();
  const sourcePath = run.sourceName === undefined ? undefined : absoluteSourcePath(run.sourceName);
  const matches = matchByUrl(facts, run) ?? matchByCommit(facts, commit) ?? matchBySource(facts, sourcePath) ?? [];
  if (matches.length > 0) return { kind: 'matched', matches };
  const outsideRoot = await repositoryOutsideWorkspace(sourcePath, facts, options);
  return { kind: 'none', explanation: explainNoMatch({ run, commit, candidates, facts, sourcePath, outsideRoot }) };
}

function matchByUrl(facts: RepositoryFacts[], run: RunSource): RepositoryMatch[] | undefined {
  const url = run.repoUrl;
  if (url === undefined) return undefined;
  const matches = facts.flatMap((fact) => {
    const remote = fact.remotes.find((r) => sameRepositoryUrl(r.fetchUrl, url) || sameRepositoryUrl(r.pushUrl, url));
    return remote
      ? [{ fact, match: toMatch(fact, 'remoteUrl', `remote ${remote.name} (${redactRemoteUrl(remote.fetchUrl)})`) }]
      : [];
  });
  // Two clones of one remote: the one that has the commit is the better answer.
  const withCommit = matches.filter(({ fact }) => fact.hasCommit === true);
  const best = withCommit.length > 0 ? withCommit : matches;
  return best.length > 0 ? best.map(({ match }) => match) : undefined;
}

function matchByCommit(facts: RepositoryFacts[], commit: CommitId | undefined): RepositoryMatch[] | undefined {
  if (commit === undefined) return undefined;
  const matches = facts
    .filter((fact) => fact.hasCommit)
    .map((fact) => toMatch(fact, 'commit', `has commit ${shortCommitId(commit)}`));
  return matches.length > 0 ? matches : undefined;
}

function matchBySource(facts: RepositoryFacts[], sourcePath: string | undefined): RepositoryMatch[] | undefined {
  if (sourcePath === undefined) return undefined;
  const inside = facts.filter((fact) => isPathInside(sourcePath, fact.root));
  // A source inside a submodule lies inside its superproject too: the innermost repository is meant.
  const innermost = inside.filter(
    (fact) =>
      !inside.some(
        (other) => other !== fact && other.root.length > fact.root.length && isPathInside(other.root, fact.root),
      ),
  );
  const matches = innermost.map((fact) => toMatch(fact, 'sourcePath', `holds ${sourcePath}`));
  return matches.length > 0 ? matches : undefined;
}

function toMatch(fact: RepositoryFacts, reason: MatchReason, detail: string): RepositoryMatch {
  const match: RepositoryMatch = { root: fact.root, reason, detail };
  if (fact.submoduleOf !== undefined) match.submoduleOf = fact.submoduleOf;
  return match;
}

function usableCommit(run: RunSource): CommitId | undefined {
  if (run.commit === undefined) return undefined;
  try {
    return parseCommitId(run.commit);
  } catch {
    return undefined;
  }
}

/** The repository on this machine that holds the run's source, when it is none of the candidates. */
async function repositoryOutsideWorkspace(
  sourcePath: string | undefined,
  facts: RepositoryFacts[],
  options: GitRunnerOptions,
): Promise<string | undefined> {
  if (sourcePath === undefined || !existsSync(sourcePath)) return undefined;
  const folder = statSync(sourcePath).isDirectory() ? sourcePath : dirname(sourcePath);
  const root = await findRepositoryRoot(folder, options).catch(() => undefined);
  return root !== undefined && !facts.some((fact) => fact.root === root) ? root : undefined;
}
