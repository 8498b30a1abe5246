import { isAbsolute, normalize, posix } from 'node:path';
import { parseCommitId } from '../git/commitId';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import { checkRepositoryPath, readFileAtCommit } from '../git/fileAtCommit';
import type { FileChange } from '../git/fileChanges';
import { GitError } from '../git/gitErrors';
import type { GitRunnerOptions } from '../git/gitRunner';
import { findRepositoryRoot, openGitRepository } from '../git/repository';
import { isPathInside } from '../git/repositoryFacts';
import { ClientErrorCode, MlflowError } from '../tracking/errors';

// A file as it was at a run's commit (the `mlflow-git:` documents): what such a document is, how
// its URI carries it and is checked on the way back in, how it is read, and how the editors that
// show one, or a diff of two, are titled. No 'vscode' here: the provider is in gitEditors.ts.

/** The URI scheme of the read-only documents that show a file as it was at a commit. */
export const GIT_DOCUMENT_SCHEME = 'mlflow-git';

/** Longer run names are cut in titles; a run name is shown, never trusted. */
const MAX_RUN_NAME = 200;

/** A file as it was at a commit of a repository, or (`absent`) the empty side of a diff. */
export interface GitDocument {
  /** The repository's top-level folder, absolute. */
  repository: string;
  /** The commit, checked by `parseCommitId` (hex, as `isCommitId` defines it). */
  commit: string;
  /** The file, relative to the repository root, `/`-separated. */
  path: string;
  /** The run the commit belongs to, for the title. */
  runName?: string;
  /** No file on this side (added or deleted in a diff): the document is empty and no git runs. */
  absent?: boolean;
}

/**
 * What a document's URI carries, apart from its path (which is the file's place on disk, so
 * VS Code picks the language and shows the folder): the document as JSON, and the title the
 * label formatter in package.json appends to the file name (`train.py (9b64e09, lr-0.01)`).
 */
export function gitDocumentQuery(document: GitDocument): string {
  const checked = checkGitDocument(document);
  const query: Record<string, unknown> = { repository: checked.repository, commit: checked.commit, path: checked.path };
  if (checked.runName !== undefined) query.run = checked.runName;
  if (checked.absent) query.absent = true;
  query.title = gitDocumentTitle(checked);
  return JSON.stringify(query);
}

/**
 * Reads a document back from its URI's query and path. Both come from outside (any extension or
 * a restored editor may open such a URI), so every field is checked again: the commit as a
 * commit id, the path as a plain repository-relative path, the repository as an absolute,
 * normalised folder, and the URI's path must name that same file.
 */
export function parseGitDocumentQuery(query: string, uriPath: string): GitDocument {
  let value: unknown;
  try {
    value = JSON.parse(query);
  } catch {
    throw badUri('its query is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badUri('its query is not an object');
  const { repository, commit, path, run, absent } = value as Record<string, unknown>;
  if (typeof repository !== 'string' || typeof commit !== 'string' || typeof path !== 'string') {
    throw badUri('repository, commit or path is missing');
  }
  if (run !== undefined && typeof run !== 'string') throw badUri('the run name is not text');
  if (absent !== undefined && typeof absent !== 'boolean') throw badUri('"absent" is not true or false');
  const document = checkGitDocument({
    repository,
    commit,
    path,
    ...(run !== undefined ? { runName: run } : {}),
    ...(absent ? { absent } : {}),
  });
  if (!uriPath.endsWith(`/${document.path}`))
    throw badUri(`its path ${JSON.stringify(uriPath.slice(0, 200))} is not the file ${document.path}`);
  return document;
}

/** `9b64e09, lr-0.01`: the short commit and the run, made safe to stand in a file label. */
export function gitDocumentTitle(document: Pick<GitDocument, 'commit' | 'runName' | 'absent'>): string {
  const run = document.runName ? `, ${labelText(document.runName)}` : '';
  return `${shortCommitId(document.commit)}${run}${document.absent ? ', no file' : ''}`;
}

/**
 * Text for a label built from a file path: VS Code takes the label's last path segment, so
 * slashes in a run name would cut it; control characters are dropped and length is bounded.
 */
function labelText(text: string): string {
  const clean = text
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\//g, '\u2215')
    .replace(/\\/g, '\u29f5')
    .trim();
  return clean.length > MAX_RUN_NAME ? `${clean.slice(0, MAX_RUN_NAME)}…` : clean;
}

function checkGitDocument(document: GitDocument): GitDocument {
  const { repository } = document;
  if (
    !isAbsolute(repository) ||
    normalize(repository) !== repository ||
    /[\\/]$/.test(repository) ||
    repository.includes('\0')
  ) {
    throw new GitError(
      'invalidPath',
      `Not an absolute repository folder: ${JSON.stringify(repository.slice(0, 200))}.`,
    );
  }
  const checked: GitDocument = {
    repository,
    commit: parseCommitId(document.commit),
    path: checkRepositoryPath(document.path),
  };
  if (document.runName !== undefined) checked.runName = document.runName.slice(0, MAX_RUN_NAME * 2);
  if (document.absent) checked.absent = true;
  return checked;
}

function badUri(why: string): MlflowError {
  return new MlflowError(`Not a document of a file at a commit: ${why}.`, 'INVALID_PARAMETER_VALUE');
}

/** One side of a diff between runs: a commit (with its run's name, for the title). */
export interface CommitSide {
  commit: string;
  runName?: string;
}

/** The right side of a diff: another commit, or the files on disk. */
export type DiffTarget = CommitSide | 'workingTree';

/**
 * The diff editor's title: the file (old and new names for a rename) and both sides, e.g.
 * `train.py (7aead6a baseline-adam ↔ 9b64e09 best-so-far)`.
 */
export function diffTitle(change: FileChange, from: CommitSide, to: DiffTarget): string {
  const name = posix.basename(change.path);
  const oldName = change.oldPath !== undefined ? posix.basename(change.oldPath) : name;
  const names = oldName === name ? name : `${oldName} → ${name}`;
  return `${names} (${sideLabel(from)} ↔ ${to === 'workingTree' ? 'Working Tree' : sideLabel(to)})`;
}

function sideLabel(side: CommitSide): string {
  return side.runName ? `${shortCommitId(side.commit)} ${labelText(side.runName)}` : shortCommitId(side.commit);
}

/** One changed file of a diff between a run's commit and another commit or the working tree. */
export interface FileDiffRequest {
  /** The repository's top-level folder (as git reports it). */
  repository: string;
  change: FileChange;
  from: CommitSide;
  to: DiffTarget;
}

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
