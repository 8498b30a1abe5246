import { isAbsolute, relative, resolve, sep } from 'node:path';
import { MlflowError } from './errors';

/**
 * Checks an artifact path relative to a run's artifact root, as given by a user or a store, and
 * returns it normalised (forward slashes, no leading or trailing slash). Rejects anything that
 * could leave the root: `..` segments, absolute paths, drive letters, NUL bytes, backslashes.
 */
export function checkArtifactPath(path: string): string {
  if (path.includes('\0')) throw invalidPath(path, 'it contains a NUL byte');
  if (path.includes('\\')) throw invalidPath(path, 'it contains a backslash');
  if (/^[a-zA-Z]:/.test(path)) throw invalidPath(path, 'it names a drive');
  if (path.startsWith('/')) throw invalidPath(path, 'it is absolute');
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) throw invalidPath(path, "it contains '..'");
  return segments.join('/');
}

/**
 * The local file for `artifactPath` under `destinationDir`, guaranteed to stay inside it (the
 * artifact path is checked first, and the resolved result is checked again).
 */
export function localPathInside(destinationDir: string, artifactPath: string): string {
  const cleaned = checkArtifactPath(artifactPath);
  const root = resolve(destinationDir);
  const target = resolve(root, ...cleaned.split('/'));
  const rel = relative(root, target);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    throw invalidPath(artifactPath, 'it resolves outside the destination folder');
  }
  return target;
}

function invalidPath(path: string, why: string): MlflowError {
  return new MlflowError(
    `Invalid artifact path ${JSON.stringify(path.slice(0, 200))}: ${why}.`,
    'INVALID_PARAMETER_VALUE',
  );
}
