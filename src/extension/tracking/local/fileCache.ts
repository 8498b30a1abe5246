import type { Stats } from 'node:fs';

/** What identifies one version of a file: its inode, size and modification and change times. */
export function stampOf(stats: Stats): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

export interface Cached<T> {
  stamp: string;
  value: T;
}

/**
 * Values computed from files, kept while the file is unchanged. The compute function sees the
 * previous entry, so an append-only file (a metric) can be read from where it was left.
 */
export class StampedCache<T> {
  private readonly entries = new Map<string, Cached<T>>();

  constructor(private readonly compute: (path: string, stats: Stats, previous: Cached<T> | undefined) => T) {}

  get(path: string, stats: Stats): T {
    const stamp = stampOf(stats);
    const previous = this.entries.get(path);
    if (previous?.stamp === stamp) return previous.value;
    const value = this.compute(path, stats, previous);
    this.entries.set(path, { stamp, value });
    return value;
  }
}
