import { constants, type Stats } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkArtifactPath } from '../artifactPaths';
import { MlflowError } from '../errors';

/**
 * Finding an artifact inside a run's artifact folder without following symbolic links: a link
 * could point anywhere on the disk, so any link on the way (or at the end) is refused, and files
 * are opened with O_NOFOLLOW so a link swapped in after the check is refused too.
 */

/** O_NOFOLLOW where the platform has it (not on Windows, where links need privileges anyway). */
export const openNoFollow = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

export interface ArtifactEntry {
  /** The checked, normalised artifact path ('' for the root). */
  path: string;
  /** The local file or folder. */
  fullPath: string;
  /** Undefined when nothing is there. */
  stats: Stats | undefined;
}

/** Looks up `artifactPath` under `root`; throws when it is hostile or crosses a symbolic link. */
export async function findArtifact(root: string, artifactPath: string): Promise<ArtifactEntry> {
  const path = checkArtifactPath(artifactPath);
  let fullPath = root;
  let stats = await statOrUndefined(root);
  const segments = path === '' ? [] : path.split('/');
  for (let i = 0; i < segments.length; i++) {
    if (stats === undefined || !stats.isDirectory())
      return { path, fullPath: join(root, ...segments), stats: undefined };
    fullPath = join(fullPath, segments[i]!);
    stats = await lstatOrUndefined(fullPath);
    if (stats?.isSymbolicLink()) throw symbolicLinkRefused(segments.slice(0, i + 1).join('/'));
  }
  return { path, fullPath, stats };
}

/** The error for a symbolic link met inside an artifact folder. */
export function symbolicLinkRefused(artifactPath: string): MlflowError {
  return new MlflowError(
    `The artifact ${JSON.stringify(artifactPath)} is a symbolic link: links are not followed, ` +
      "so that nothing outside the run's artifact folder can be read.",
    'INVALID_PARAMETER_VALUE',
  );
}

/** The error for an artifact that is not there. */
export function artifactNotFound(artifactPath: string, root: string): MlflowError {
  return new MlflowError(`No artifact ${JSON.stringify(artifactPath)} in ${root}`, 'RESOURCE_DOES_NOT_EXIST');
}

/** Orders artifact paths as MLflow lists them: by Unicode code point (UTF-8 byte order). */
export function compareArtifactPaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** The root itself may be reached through a link (a user's own symlinked folder); only what is inside is checked. */
async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** True for the errors that mean "nothing is there". */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
