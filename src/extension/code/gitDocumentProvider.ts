import * as vscode from 'vscode';
import type { ScopedLogger } from '../platform/logger';
import type { GitDocumentReader } from './gitDocumentReader';
import type { GitDocument } from './gitDocumentUri';
import { GIT_DOCUMENT_SCHEME, gitDocumentQuery, parseGitDocumentQuery } from './gitDocumentUri';

/**
 * The read-only documents of files at commits (`mlflow-git:` URIs): what "Open Source at
 * Commit" shows and both sides of the diffs between runs' commits. A commit's files never
 * change, so the provider never signals a change.
 */
export class GitDocumentProvider implements vscode.TextDocumentContentProvider {
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

/** The document a `mlflow-git:` URI names, checked; undefined for any other URI. */
export function gitDocumentOf(uri: vscode.Uri): GitDocument | undefined {
  return uri.scheme === GIT_DOCUMENT_SCHEME ? parseGitDocumentQuery(uri.query, uri.path) : undefined;
}
