/** Something in a local store that could not be read, and was left out so the rest still shows. */
export interface StoreProblem {
  /** The file or folder at fault. */
  path: string;
  /** What is wrong with it, for a person. */
  message: string;
}

/**
 * The problems of the latest reads of a store, one per path: reading the path again replaces
 * (or, when it now reads fine, clears) its problem, so the list describes the store as it is now.
 */
export class StoreProblems {
  private readonly byPath = new Map<string, string>();

  report(path: string, message: string): void {
    this.byPath.set(path, message);
  }

  clear(path: string): void {
    this.byPath.delete(path);
  }

  /** The current problems, sorted by path. */
  list(): StoreProblem[] {
    return [...this.byPath]
      .map(([path, message]) => ({ path, message }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}
