import type { Memento } from 'vscode';

/**
 * A short most-recent-first list kept in a Memento (workspace or global state): the last run
 * filters, the servers used lately. What is read back is checked, since state can be stale or
 * written by an older version.
 */
export class RecentList {
  constructor(
    private readonly memento: Pick<Memento, 'get' | 'update'>,
    private readonly key: string,
    private readonly max: number,
  ) {}

  entries(): string[] {
    const stored = this.memento.get<unknown>(this.key);
    if (!Array.isArray(stored)) return [];
    return stored
      .filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '')
      .slice(0, this.max);
  }

  /** Puts `entry` first (trimmed), dropping an older copy and whatever falls past the limit. */
  async remember(entry: string): Promise<void> {
    const trimmed = entry.trim();
    if (!trimmed) return;
    await this.memento.update(
      this.key,
      [trimmed, ...this.entries().filter((old) => old !== trimmed)].slice(0, this.max),
    );
  }

  async forget(entry: string): Promise<void> {
    await this.memento.update(
      this.key,
      this.entries().filter((old) => old !== entry.trim()),
    );
  }
}
