/**
 * Ids the host hands to a webview in place of anything it could misuse (a file path, a commit, a
 * repository): the webview sends an id back, and only an id handed out here means anything.
 */
export class HandedOutIds<T> {
  private readonly values = new Map<string, T>();
  private counter = 0;

  constructor(private readonly prefix: string) {}

  /** A new id for `value`. */
  issue(value: T): string {
    this.counter += 1;
    const id = `${this.prefix}-${this.counter}`;
    this.values.set(id, value);
    return id;
  }

  /** Registers `value` under an id chosen by the host (e.g. `root`). */
  set(id: string, value: T): void {
    this.values.set(id, value);
  }

  /** The value behind an id this registry handed out; undefined for any other string. */
  get(id: string): T | undefined {
    return this.values.get(id);
  }

  clear(): void {
    this.values.clear();
  }
}
