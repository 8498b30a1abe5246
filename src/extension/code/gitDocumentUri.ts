import { isAbsolute, normalize } from 'node:path';
import { shortCommitId } from '../../webview/shared/mlflowIds';
import { parseCommitId } from '../git/commitId';
import { checkRepositoryPath } from '../git/fileAtCommit';
import { GitError } from '../git/gitErrors';
import { MlflowError } from '../tracking/errors';

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
export function labelText(text: string): string {
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
