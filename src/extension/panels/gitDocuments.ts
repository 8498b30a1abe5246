import * as vscode from 'vscode';
import { readFileAtCommit } from '../git/fileAtCommit';
import { openGitRepository } from '../git/repository';

/** The scheme of read-only documents holding a file as it was at a commit. */
export const GIT_DOCUMENT_SCHEME = 'mlflow-git';

/** The parts of a git document URI. */
export interface GitDocument {
  repository: string;
  commit: string;
  path: string;
}

/** `mlflow-git:/<path>?repo=<root>&commit=<id>`: the path is last so the editor shows its name and language. */
export function gitDocumentUri(document: GitDocument): vscode.Uri {
  const query = new URLSearchParams({ repo: document.repository, commit: document.commit }).toString();
  return vscode.Uri.from({ scheme: GIT_DOCUMENT_SCHEME, path: `/${document.path}`, query });
}

/**
 * Serves files at a commit for the panels' "open source" and diff editors, read with git (no
 * checkout). A URI can be made by anyone, so only repositories the panels matched to runs are
 * served, and the commit and path are checked by the git module before git sees them. A file
 * that does not exist at that commit is an empty document (one side of an added or deleted file).
 */
export class GitDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly repositories = new Set<string>();
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(GIT_DOCUMENT_SCHEME, this);
  }

  /** Allows documents from this repository (its top-level folder). */
  allow(repository: string): void {
    this.repositories.add(repository);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const repository = query.get('repo') ?? '';
    if (!this.repositories.has(repository)) throw new Error(`${repository || 'This repository'} is not one the MLflow panels opened files from.`);
    const content = await readFileAtCommit(openGitRepository(repository), query.get('commit') ?? '', uri.path.replace(/^\//, ''));
    return content === undefined ? '' : new TextDecoder().decode(content);
  }

  dispose(): void {
    this.registration.dispose();
  }
}
