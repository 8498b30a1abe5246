/**
 * Work on charts run one piece per animation frame: building or finely redrawing many charts of
 * many runs in one task would freeze the page for a second; one per frame keeps it responsive.
 */
const queue: (() => void)[] = [];

/** Queues `work` (once, however often it is asked for) to run in a frame of its own. */
export function inNextFreeFrame(work: () => void): void {
  if (queue.includes(work)) return;
  queue.push(work);
  if (queue.length === 1) requestAnimationFrame(next);
}

function next(): void {
  queue.shift()?.();
  if (queue.length > 0) requestAnimationFrame(next);
}
