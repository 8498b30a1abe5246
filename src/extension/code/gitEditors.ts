import * as vscode from 'vscode';
import { checkRepositoryPath } from '../git/fileAtCommit';
import type { ScopedLogger } from '../platform/logger';
import type { CodeEditors } from './gitCommands';
import type { FileDiffRequest, GitDocument, GitDocumentReader } from './gitDocument';
import { GIT_DOCUMENT_SCHEME, diffTitle, gitDocumentQuery, parseGitDocumentQuery } from './gitDocument';

/** Where and how an editor opens; beside the active one unless said otherwise. */
export interface EditorPlacement {
  viewColumn?: vscode.ViewColumn;
  preview?: boolean;
  preserveFocus?: boolean;
}

/**
 * The read-only documents of files at commits (`mlflow-git:` URIs): what "Open Source at
 * Commit" shows and both sides of the diffs between runs' commits. A commit's files never
 * change, so the provider never signals a change.
 */
class GitDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(
    private readonly reader: GitDocumentReader,
    private readonly logger: ScopedLogger,
  ) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    try {
      return await this.reader.read(parseGitDocumentQuery(uri.query, uri.path));
    } catch (error) {
      this.logger.error(`reading ${uri.path} (${uri.query.slice(0, 300)}) failed`, error);
      throw error;
    }
  }
}

/** Registers the provider for the `mlflow-git` scheme. */
export function registerGitDocuments(reader: GitDocumentReader, logger: ScopedLogger): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(
    GIT_DOCUMENT_SCHEME,
    new GitDocumentProvider(reader, logger),
  );
}

/**
 * The URI of a file at a commit: its path is the file's place in the repository on disk (so
 * the language, icon and breadcrumbs are the file's), its query the checked document.
 */
export function gitDocumentUri(document: GitDocument): vscode.Uri {
  const query = gitDocumentQuery(document);
  const file = vscode.Uri.joinPath(vscode.Uri.file(document.repository), ...document.path.split('/'));
  return file.with({ scheme: GIT_DOCUMENT_SCHEME, query });
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

/** The git commands' editors and windows, in VS Code. */
export const vscodeCodeEditors: CodeEditors = {
  async openFileAtCommit(document) {
    await openFileAtCommit(document);
  },
  openFileDiff(request) {
    return openFileDiff(request);
  },
  async openFolderInNewWindow(path) {
    await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(path), { forceNewWindow: true });
  },
};

/** The local folders of the workspace, as paths: where the runs' repositories are looked for. */
export function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((folder) => folder.uri.scheme === 'file')
    .map((folder) => folder.uri.fsPath);
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
