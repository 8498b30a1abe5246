/**
 * Fine redraws of charts, run one per animation frame: after a zoom or when many charts come into
 * view at once, refining them all in one task would freeze the page for a second.
 */
const queue: (() => void)[] = [];

/** Queues `refine` (once, however often it is asked for) to run in a frame of its own. */
export function refineSoon(refine: () => void): void {
  if (queue.includes(refine)) return;
  queue.push(refine);
  if (queue.length === 1) requestAnimationFrame(next);
}

function next(): void {
  queue.shift()?.();
  if (queue.length > 0) requestAnimationFrame(next);
}
