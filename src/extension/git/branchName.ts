import type { RunSource } from './runSource';

const PREFIX = 'mlflow/';
const MAX_SLUG_LENGTH = 60;

/**
 * The branch to offer after checking out a run's commit: `mlflow/<run name>` (the run id when
 * the name leaves nothing usable), made safe for git by `safeRefComponent`.
 */
export function branchNameForRun(source: Pick<RunSource, 'runId' | 'runName'>): string {
  const fromName = safeRefComponent(source.runName);
  return PREFIX + (fromName || safeRefComponent(source.runId) || 'run');
}

/**
 * One component of a ref name following `git check-ref-format`: letters and digits of any
 * script, `.`, `_` and `-` are kept; everything else (space, `~^:?*[\`, control characters, `@{`,
 * `/`) becomes `-`. No leading `-` or `.`, no `..`, no trailing `.`, `.lock` or `-`, at most 60
 * characters. May return '' when nothing usable is left.
 */
export function safeRefComponent(text: string): string {
  let slug = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+/, '');
  slug = Array.from(slug).slice(0, MAX_SLUG_LENGTH).join('');
  while (/[-.]$/.test(slug) || slug.toLowerCase().endsWith('.lock')) {
    slug = slug.replace(/\.lock$/i, '').replace(/[-.]+$/, '');
  }
  return slug;
}

/**
 * True when `name` is a valid branch name under `git check-ref-format` rules for
 * `refs/heads/<name>` (the git command itself confirms it before a branch is made).
 */
export function isValidBranchName(name: string): boolean {
  if (name === '' || name.startsWith('-') || name === '@') return false;
  if (/[\0- \x7f~^:?*[\\]/.test(name) || name.includes('..') || name.includes('@{')) return false;
  if (name.endsWith('/') || name.endsWith('.') || name.includes('//') || name.startsWith('/')) return false;
  return name.split('/').every((part) => part !== '' && !part.startsWith('.') && !part.endsWith('.lock'));
}
