/**
 * Which runs are selected, by run id (so the selection survives a re-sort, a reload and live
 * updates), and the anchor a shift-click or shift-arrow extends from.
 */
export class RunSelection {
  private readonly selected = new Set<string>();
  /** The run a range starts from (the last one clicked or toggled alone). */
  anchor: string | undefined;

  constructor(runIds: Iterable<string> = []) {
    for (const runId of runIds) this.selected.add(runId);
  }

  has(runId: string): boolean {
    return this.selected.has(runId);
  }

  get size(): number {
    return this.selected.size;
  }

  /** The selected runs in the order of `order` (the table's), then any not in it. */
  ids(order?: readonly string[]): string[] {
    if (!order) return [...this.selected];
    const inOrder = order.filter((runId) => this.selected.has(runId));
    const placed = new Set(inOrder);
    return [...inOrder, ...[...this.selected].filter((runId) => !placed.has(runId))];
  }

  /** A plain click: this run alone. */
  only(runId: string): void {
    this.selected.clear();
    this.selected.add(runId);
    this.anchor = runId;
  }

  /** Ctrl-click, space, a checkbox: this run in or out, the others kept. */
  toggle(runId: string): void {
    if (this.selected.has(runId)) this.selected.delete(runId);
    else this.selected.add(runId);
    this.anchor = runId;
  }

  /**
   * Shift-click, shift-arrow: the runs from the anchor to `runId` in `order` (added to the selection
   * when `add`, else replacing it). Without an anchor in `order`, just `runId`.
   */
  range(runId: string, order: readonly string[], add = false): void {
    const from = this.anchor === undefined ? -1 : order.indexOf(this.anchor);
    const to = order.indexOf(runId);
    if (!add) this.selected.clear();
    if (from < 0 || to < 0) {
      this.selected.add(runId);
      if (from < 0) this.anchor = runId;
      return;
    }
    for (let index = Math.min(from, to); index <= Math.max(from, to); index++) this.selected.add(order[index]!);
  }

  /** Replaces the selection with `runIds` (ctrl+A, a group, a chart point). */
  set(runIds: Iterable<string>): void {
    this.selected.clear();
    for (const runId of runIds) this.selected.add(runId);
  }

  clear(): void {
    this.selected.clear();
  }

  /** Drops runs that are no longer loaded (deleted meanwhile, filtered out). */
  keepOnly(loaded: ReadonlySet<string>): void {
    for (const runId of this.selected) if (!loaded.has(runId)) this.selected.delete(runId);
  }
}
