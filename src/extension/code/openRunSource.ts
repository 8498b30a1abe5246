import type { RunSource } from '../git/runSource';
import { readRunSourceAtCommit } from '../git/sourceAtCommit';
import type { GitDocument } from './gitDocumentUri';
import type { GitCommandContext } from './gitCommandContext';
import { repositoryForRun } from './runRepository';

/**
 * "Open Source at Commit": the run's `mlflow.source.name`, made relative to its repository, as
 * it was at the run's commit, in a read-only editor beside the current one. Nothing is checked out.
 */
export async function openRunSource(context: GitCommandContext, run: RunSource): Promise<GitDocument | undefined> {
  const repo = await repositoryForRun(context, run);
  if (!repo) return undefined;
  const source = await readRunSourceAtCommit(repo, run);
  if (source.foundBy !== 'path') {
    context.logger.info(
      `source "${run.sourceName ?? ''}" of run ${run.runId} found as ${source.path} (${source.foundBy})`,
    );
  }
  const document: GitDocument = { repository: repo.root, commit: source.commit, path: source.path };
  if (run.runName) document.runName = run.runName;
  await context.workbench.openFileAtCommit(document);
  return document;
}
