import type { ChangedFile, CodeDiff, RunCode } from '../../webview/protocol';
import type { GitRepository } from '../git/repository';
import { openGitRepository } from '../git/repository';
import { matchRunToRepositories } from '../git/repositoryMatcher';
import { diffRunCommits } from '../git/runDiffs';
import type { RunSource } from '../git/runSource';
import { runSourceOf } from '../git/runSource';
import { readRunSourceAtCommit } from '../git/sourceAtCommit';
import type { Run } from '../tracking/model';
import type { FileDiffRequest, GitDocument } from './gitDocument';
import { HandedOutIds } from '../panels/handedOutIds';
import { errorMessage } from '../tracking/errors';

/**
 * The code behind a set of runs, found in the workspace's repositories with the git module: each
 * run's commit, branch and source file (as an id the webview can send back to open it), and the
 * files changed between two runs' commits (each an id that opens a diff editor). The documents
 * are those of the git commands (`mlflow-git:`), opened with their `openFileAtCommit` and
 * `openFileDiff`.
 */
export class RunCodeLookup {
  readonly sources = new HandedOutIds<GitDocument>('source');
  readonly files = new HandedOutIds<FileDiffRequest>('file');
  private readonly repositories = new Map<string, Promise<GitRepository | string>>();

  constructor(private readonly folders: () => readonly string[]) {}

  /** Per run: its code tags, and either a source id to open or the reason there is none. */
  async describe(runs: readonly Run[]): Promise<RunCode[]> {
    return Promise.all(runs.map((run) => this.describeOne(runSourceOf(run))));
  }

  /** The files changed between the two runs' commits, older to newer, or why that cannot be said. */
  async diff(from: Run, to: Run): Promise<CodeDiff> {
    const ends = { fromRunId: from.info.runId, toRunId: to.info.runId };
    const [fromSource, toSource] = [runSourceOf(from), runSourceOf(to)];
    const repository = await this.repositoryFor(fromSource);
    if (typeof repository === 'string') return { kind: 'unavailable', ...ends, message: repository };
    const other = await this.repositoryFor(toSource);
    if (typeof other === 'string') return { kind: 'unavailable', ...ends, message: other };
    if (other.root !== repository.root) {
      return {
        kind: 'unavailable',
        ...ends,
        message: `The runs' code is in two repositories (${repository.root} and ${other.root}): there is no diff between them.`,
      };
    }
    try {
      const diff = await diffRunCommits(repository, fromSource, toSource);
      if (diff.kind === 'sameCommit') return { kind: 'sameCommit', ...ends, message: diff.message };
      // The diff runs older to newer whichever run was picked first: its ends say which is which.
      const files = diff.changes.map((change) =>
        this.changedFile({
          repository: repository.root,
          change,
          from: { commit: diff.from, runName: diff.fromRun.runName },
          to: { commit: diff.to, runName: diff.toRun.runName },
        }),
      );
      return {
        kind: 'changes',
        fromRunId: diff.fromRun.runId,
        toRunId: diff.toRun.runId,
        message: diff.message,
        files,
      };
    } catch (error) {
      return { kind: 'unavailable', ...ends, message: errorMessage(error) };
    }
  }

  private async describeOne(source: RunSource): Promise<RunCode> {
    const code: RunCode = { runId: source.runId };
    if (source.commit) code.commit = source.commit;
    if (source.branch) code.branch = source.branch;
    if (source.sourceName) code.sourceName = source.sourceName;
    if (source.commit === undefined) {
      code.problem = 'No mlflow.source.git.commit tag: MLflow records it only for runs started in a git repository.';
      return code;
    }
    const repository = await this.repositoryFor(source);
    if (typeof repository === 'string') {
      code.problem = repository;
      return code;
    }
    try {
      const found = await readRunSourceAtCommit(repository, source);
      code.sourceLinkId = this.sources.issue({
        repository: repository.root,
        commit: found.commit,
        path: found.path,
        ...(source.runName ? { runName: source.runName } : {}),
      });
    } catch (error) {
      code.problem = errorMessage(error);
    }
    return code;
  }

  /** The repository holding the run's code (one lookup per commit), or why none does. */
  private repositoryFor(source: RunSource): Promise<GitRepository | string> {
    const key = `${source.commit ?? ''}\n${source.repoUrl ?? ''}\n${source.sourceName ?? ''}`;
    let found = this.repositories.get(key);
    if (!found) {
      found = matchRunToRepositories(this.folders(), source).then(
        (result) => (result.kind === 'matched' ? openGitRepository(result.matches[0]!.root) : result.explanation),
        (error: unknown) => errorMessage(error),
      );
      this.repositories.set(key, found);
    }
    return found;
  }

  private changedFile(request: FileDiffRequest): ChangedFile {
    const { change } = request;
    const file: ChangedFile = { fileId: this.files.issue(request), path: change.path, status: change.status };
    if (change.oldPath !== undefined) file.oldPath = change.oldPath;
    return file;
  }
}
