import type { CommitId } from './commitId';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import type { CandidateFolder, RepositoryFacts } from './repositoryFacts';
import { isPathInside } from './repositoryFacts';
import { redactRemoteUrl } from './remoteUrl';
import type { RunSource } from './runSource';
import { describeRun } from './runSource';

export interface NoMatchContext {
  run: RunSource;
  commit: CommitId | undefined;
  candidates: CandidateFolder[];
  facts: RepositoryFacts[];
  sourcePath: string | undefined;
  /** A repository on this machine holding the run's source that is not a workspace folder. */
  outsideRoot: string | undefined;
}

/**
 * Why no repository matched a run, precisely: what the run records, and for each workspace
 * folder which test failed, plus where the code is when it lies in a repository not opened here.
 */
export function explainNoMatch(context: NoMatchContext): string {
  const { run, candidates, facts, outsideRoot } = context;
  const lines = [`No repository in the workspace matches the ${describeRun(run)}.`, recorded(context)];
  if (candidates.length === 0) lines.push('No folder is open in the workspace.');
  for (const candidate of candidates) {
    if (!candidate.root) lines.push(`- ${candidate.folder}: ${candidate.problem ?? 'not in a git repository'}.`);
  }
  for (const fact of facts) lines.push(`- ${describeRepository(fact)}: ${reasons(fact, context).join('; ')}.`);
  if (outsideRoot) {
    lines.push(
      `The run's source lies in the repository ${outsideRoot}, which is not a workspace folder: add it to the workspace to use it.`,
    );
  }
  return lines.join('\n');
}

function recorded({ run, commit }: NoMatchContext): string {
  if (run.commit === undefined && run.repoUrl === undefined) {
    return (
      'The run has no git tags (mlflow.source.git.commit, mlflow.source.git.repoURL): it was not logged from ' +
      `inside a git repository${run.sourceName ? `; its source is "${run.sourceName}"` : ''}.`
    );
  }
  const parts = [
    commit
      ? `commit ${shortCommitId(commit)}`
      : `a commit tag that is not a commit id (${JSON.stringify(run.commit ?? '')})`,
    run.repoUrl
      ? `repository URL ${redactRemoteUrl(run.repoUrl)}`
      : 'no repository URL (only `mlflow run` records one)',
    run.sourceName ? `source "${run.sourceName}"` : 'no source name',
  ];
  return `The run records ${parts.join(', ')}.`;
}

function reasons(fact: RepositoryFacts, { run, commit, sourcePath }: NoMatchContext): string[] {
  const why: string[] = [];
  if (run.repoUrl !== undefined) {
    const urls = fact.remotes.map((remote) => `${remote.name} ${redactRemoteUrl(remote.fetchUrl)}`);
    why.push(
      urls.length ? `its remotes (${urls.join(', ')}) are not ${redactRemoteUrl(run.repoUrl)}` : 'it has no remotes',
    );
  }
  if (commit !== undefined) why.push(commitReason(fact, commit));
  if (sourcePath !== undefined && !isPathInside(sourcePath, fact.root))
    why.push(`the source ${sourcePath} is not inside it`);
  if (sourcePath === undefined && run.sourceName !== undefined) {
    why.push(`the source "${run.sourceName}" is a relative path, which does not say where it was`);
  }
  return why;
}

function commitReason(fact: RepositoryFacts, commit: CommitId): string {
  if (fact.ambiguousCommit) return `the short id ${commit} matches several objects in it`;
  const shallow = fact.shallow ? ' (a shallow clone: older commits are missing; git fetch --unshallow)' : '';
  return `commit ${shortCommitId(commit)} is not in it${shallow}, so the run comes from another repository or an unfetched commit`;
}

function describeRepository(fact: RepositoryFacts): string {
  return fact.submoduleOf ? `${fact.root} (submodule of ${fact.submoduleOf})` : fact.root;
}
