import * as vscode from 'vscode';
import { checkRepositoryPath } from '../git/fileAtCommit';
import type { FileChange } from '../git/fileChanges';
import type { CommitSide, DiffTarget } from './diffTitle';
import { diffTitle } from './diffTitle';
import { gitDocumentUri } from './gitDocumentProvider';
import type { GitDocument } from './gitDocumentUri';

/** Where and how an editor opens; beside the active one unless said otherwise. */
export interface EditorPlacement {
  viewColumn?: vscode.ViewColumn;
  preview?: boolean;
  preserveFocus?: boolean;
}

/** One changed file of a diff between a run's commit and another commit or the working tree. */
export interface FileDiffRequest {
  /** The repository's top-level folder (as git reports it). */
  repository: string;
  change: FileChange;
  from: CommitSide;
  to: DiffTarget;
}

/**
 * Opens VS Code's diff editor for one changed file: the left side is the file at `from`, the
 * right side the file at `to` or, for the working tree, the file on disk (editable, as in any
 * diff against the working tree). An added file has an empty left side, a deleted one an empty
 * right side. Used by "Diff with Working Tree", "Diff Commits of Runs" and the compare panel.
 */
export async function openFileDiff(request: FileDiffRequest, placement: EditorPlacement = {}): Promise<void> {
  const { repository, change, from, to } = request;
  const added = change.status === 'added' || change.status === 'untracked';
  const deleted = change.status === 'deleted';
  const left = gitDocumentUri({
    repository,
    ...from,
    path: change.oldPath ?? change.path,
    ...(added ? { absent: true } : {}),
  });
  const right =
    to === 'workingTree' && !deleted ? workingTreeUri(repository, change.path) : rightSide(request, deleted);
  await vscode.commands.executeCommand('vscode.diff', left, right, diffTitle(change, from, to), options(placement));
}

/** Opens a file as it was at a commit, read-only, beside the active editor unless said otherwise. */
export async function openFileAtCommit(
  document: GitDocument,
  placement: EditorPlacement = {},
): Promise<vscode.TextEditor> {
  const opened = await vscode.workspace.openTextDocument(gitDocumentUri(document));
  return vscode.window.showTextDocument(opened, options(placement));
}

function rightSide({ repository, change, from, to }: FileDiffRequest, deleted: boolean): vscode.Uri {
  const side = to === 'workingTree' ? from : to;
  return gitDocumentUri({ repository, ...side, path: change.path, ...(deleted ? { absent: true } : {}) });
}

function workingTreeUri(repository: string, path: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.file(repository), ...checkRepositoryPath(path).split('/'));
}

function options(placement: EditorPlacement): vscode.TextDocumentShowOptions {
  return {
    viewColumn: placement.viewColumn ?? vscode.ViewColumn.Beside,
    preview: placement.preview ?? false,
    preserveFocus: placement.preserveFocus ?? false,
  };
}
