import { readFileAtCommit } from '../git/fileAtCommit';
import { GitError } from '../git/gitErrors';
import type { GitRunnerOptions } from '../git/gitRunner';
import { findRepositoryRoot, openGitRepository } from '../git/repository';
import { isPathInside } from '../git/repositoryFacts';
import { ClientErrorCode, MlflowError } from '../tracking/errors';
import type { GitDocument } from './gitDocumentUri';

/** git itself calls a file binary when a NUL byte shows up this early. */
const BINARY_PROBE_BYTES = 8000;

/**
 * Reads the text of documents of files at commits. A URI can be made by anyone, so the repository
 * it names is used only when it is one of the workspace's (it holds a workspace folder or lies in
 * one, as a submodule does) and git confirms it is a repository's top-level folder (remembered),
 * so a crafted URI cannot point git at an arbitrary folder. Editors restored after a reload work,
 * as long as the workspace still holds the repository.
 */
export class GitDocumentReader {
  private readonly confirmed = new Set<string>();

  constructor(
    private readonly workspaceFolders: () => readonly string[],
    private readonly options: GitRunnerOptions = {},
  ) {}

  /** The file's text at the commit; empty for an absent side or a file the commit does not have. */
  async read(document: GitDocument): Promise<string> {
    if (document.absent) return '';
    await this.confirmRepository(document.repository);
    const repo = openGitRepository(document.repository, this.options);
    const bytes = await readFileAtCommit(repo, document.commit, document.path);
    return bytes === undefined ? '' : documentText(bytes, document.path);
  }

  private async confirmRepository(folder: string): Promise<void> {
    const inWorkspace = this.workspaceFolders().some(
      (workspaceFolder) => isPathInside(folder, workspaceFolder) || isPathInside(workspaceFolder, folder),
    );
    if (!inWorkspace) {
      throw new MlflowError(
        `${folder} is not a repository of this workspace: files at a commit are shown from the workspace's repositories only.`,
        ClientErrorCode.permissionDenied,
      );
    }
    if (this.confirmed.has(folder)) return;
    const root = await findRepositoryRoot(folder, this.options).catch(() => undefined);
    if (root !== folder) {
      throw new GitError('notARepository', `${folder} is not the top-level folder of a git repository.`, {
        repository: folder,
      });
    }
    this.confirmed.add(folder);
  }
}

/** UTF-8 text (a byte order mark dropped), or one line saying the file is binary. */
export function documentText(bytes: Buffer, path: string): string {
  if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
    return `${path} is a binary file (${bytes.length} bytes): it is not shown as text.\n`;
  }
  return new TextDecoder('utf-8').decode(bytes);
}
