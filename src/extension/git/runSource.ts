import type { Run } from '../tracking/model';
import { SystemTags } from '../tracking/model';
import type { CommitId } from './commitId';
import { parseCommitId } from './commitId';
import { GitError } from './gitErrors';

/**
 * What a run says about its code, from the tags MLflow writes: every field as the store gave it
 * (trimmed), none of them trusted yet. Most runs carry a commit and a source name but no
 * repository URL: only `mlflow run` (MLflow Projects) records one.
 */
export interface RunSource {
  runId: string;
  runName: string;
  /** `mlflow.source.git.commit`, unchecked. */
  commit?: string;
  /** `mlflow.source.git.repoURL`. */
  repoUrl?: string;
  /** `mlflow.source.git.branch`. */
  branch?: string;
  /** `mlflow.source.name`: a script path (relative or absolute), a `file://` URI, a notebook path. */
  sourceName?: string;
  /** `mlflow.source.type`: LOCAL, PROJECT, NOTEBOOK, JOB... */
  sourceType?: string;
}

/** Reads the code-related tags of `run`. */
export function runSourceOf(run: Run): RunSource {
  const tags = run.data.tags;
  const source: RunSource = {
    runId: run.info.runId,
    runName: run.info.runName || (tag(tags, SystemTags.runName) ?? ''),
  };
  const fields = {
    commit: SystemTags.gitCommit,
    repoUrl: SystemTags.gitRepoUrl,
    branch: SystemTags.gitBranch,
    sourceName: SystemTags.sourceName,
    sourceType: SystemTags.sourceType,
  } as const;
  for (const [field, key] of Object.entries(fields) as [keyof typeof fields, string][]) {
    const value = tag(tags, key);
    if (value !== undefined) source[field] = value;
  }
  return source;
}

/** The run named the way messages name it: `run "name" (id)`. */
export function describeRun(source: RunSource): string {
  return source.runName ? `run "${source.runName}" (${source.runId})` : `run ${source.runId}`;
}

/**
 * The run's commit, checked: a run without the tag, or with a value that is not a commit id, gets
 * a GitError saying so (before any git command runs).
 */
export function requireRunCommit(source: RunSource): CommitId {
  if (source.commit === undefined) {
    throw new GitError(
      'noGitCommit',
      `The ${describeRun(source)} has no ${SystemTags.gitCommit} tag, so the code it ran is not known: ` +
        'MLflow records it only when the run starts inside a git repository with git installed.',
    );
  }
  return parseCommitId(source.commit, `${SystemTags.gitCommit} of the ${describeRun(source)}`);
}

function tag(tags: Record<string, string>, key: string): string | undefined {
  const value = Object.hasOwn(tags, key) ? tags[key] : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
