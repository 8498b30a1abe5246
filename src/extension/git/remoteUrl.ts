import { resolve } from 'node:path';

const SCHEME_URL = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i;
/** `[user@]host:path`, git's scp-like syntax: no slash before the first colon. */
const SCP_LIKE = /^(?:[^@/]+@)?([^:/]+):(?!\/\/)(.*)$/;

/**
 * The form of a remote URL that two spellings of the same repository share, so that a run's
 * `mlflow.source.git.repoURL` can be matched against a clone's remotes:
 * `git@github.com:Team/x.git`, `ssh://git@github.com:22/team/x`, `https://user@GitHub.com/team/x.git/`
 * and `git+https://github.com/team/x` all become `github.com/team/x`. Scheme, user, password and
 * port are dropped; the result is lower case, since the hosting services people log runs from treat
 * repository paths case-insensitively. Local paths become `file:<absolute path>`.
 * Returns undefined for text that names no repository.
 */
export function normaliseRemoteUrl(url: string): string | undefined {
  const text = url.trim().replace(/^git\+/i, '');
  if (text === '') return undefined;
  const scheme = SCHEME_URL.exec(text);
  if (scheme) return fromSchemeUrl(scheme[1]!.toLowerCase(), scheme[2]!);
  const scp = SCP_LIKE.exec(text);
  if (scp && !isWindowsDrive(text)) return joinHostPath(scp[1]!, scp[2]!);
  return `file:${trimRepositoryPath(resolve(text.replace(/\\/g, '/')))}`;
}

/** True when two remote URLs name the same repository (see `normaliseRemoteUrl`). */
export function sameRepositoryUrl(a: string, b: string): boolean {
  const left = normaliseRemoteUrl(a);
  return left !== undefined && left === normaliseRemoteUrl(b);
}

/**
 * The URL with its credentials hidden, fit for a message: an HTTP(S) URL's whole user part goes
 * (a token is often passed as the user name), other schemes keep the user but lose any password.
 */
export function redactRemoteUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i, (_match, scheme: string, userInfo: string) => {
    if (/^(git\+)?https?:/i.test(scheme)) return `${scheme}***@`;
    const user = userInfo.split(':', 1)[0] ?? '';
    return userInfo.includes(':') ? `${scheme}${user}:***@` : `${scheme}${userInfo}@`;
  });
}

function fromSchemeUrl(scheme: string, rest: string): string | undefined {
  if (scheme === 'file') return `file:${trimRepositoryPath(decodeURIComponent(rest.replace(/^[^/]*/, '')))}`;
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '' : rest.slice(slash);
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.split(':', 1)[0]!;
  return joinHostPath(host, path);
}

function joinHostPath(host: string, path: string): string | undefined {
  const cleanHost = host.toLowerCase();
  const cleanPath = trimRepositoryPath(path);
  if (cleanHost === '' || cleanPath === '') return undefined;
  return `${cleanHost}/${cleanPath}`.toLowerCase();
}

/** Drops leading and trailing slashes, a trailing `.git`, and doubled slashes. */
function trimRepositoryPath(path: string): string {
  let trimmed = path.replace(/\/{2,}/g, '/').replace(/^\/+|\/+$/g, '');
  if (trimmed.toLowerCase().endsWith('.git')) trimmed = trimmed.slice(0, -4).replace(/\/+$/, '');
  return trimmed;
}

function isWindowsDrive(text: string): boolean {
  return /^[a-z]:[\\/]/i.test(text);
}
