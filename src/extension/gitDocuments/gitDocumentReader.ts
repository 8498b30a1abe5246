import { readFileAtCommit } from '../git/fileAtCommit';
import { GitError } from '../git/gitErrors';
import type { GitRunnerOptions } from '../git/gitRunner';
import { findRepositoryRoot, openGitRepository } from '../git/repository';
import type { GitDocument } from './gitDocumentUri';

/** git itself calls a file binary when a NUL byte shows up this early. */
const BINARY_PROBE_BYTES = 8000;

/**
 * Reads the text of documents of files at commits. The repository named by a document is used
 * only once git confirms it is a repository's top-level folder (remembered per folder), so a
 * crafted URI cannot point git at an arbitrary folder's parent repository.
 */
export class GitDocumentReader {
  private readonly confirmed = new Set<string>();

  constructor(private readonly options: GitRunnerOptions = {}) {}

  /** The file's text at the commit; empty for an absent side or a file the commit does not have. */
  async read(document: GitDocument): Promise<string> {
    if (document.absent) return '';
    await this.confirmRepository(document.repository);
    const repo = openGitRepository(document.repository, this.options);
    const bytes = await readFileAtCommit(repo, document.commit, document.path);
    return bytes === undefined ? '' : documentText(bytes, document.path);
  }

  private async confirmRepository(folder: string): Promise<void> {
    if (this.confirmed.has(folder)) return;
    const root = await findRepositoryRoot(folder, this.options).catch(() => undefined);
    if (root !== folder) {
      throw new GitError('notARepository', `${folder} is not the top-level folder of a git repository.`, { repository: folder });
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
