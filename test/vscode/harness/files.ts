import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Files under `root` matching a glob relative to it (`*` within a path segment, `**` across
 * segments), sorted. Node 20 has no fs.glob; the suites' patterns need nothing more.
 */
export function findFiles(root: string, pattern: string): string[] {
  const staticPrefix = pattern.split('/').filter((_, i, parts) => !parts.slice(0, i + 1).some((p) => p.includes('*')));
  const start = join(root, ...staticPrefix);
  const matcher = globToRegExp(pattern);
  return walk(start)
    .map((file) => relative(root, file))
    .filter((file) => matcher.test(file))
    .sort();
}

function walk(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split(/(\*\*\/|\*)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '*') return '[^/]*';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}$`);
}
