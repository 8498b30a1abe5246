/**
 * MLflow's SQL stores cannot hold ±Infinity: they keep the largest finite double instead, and a server
 * reads it back and sends it so. A metric logged as Infinity therefore comes back as
 * ±1.7976931348623157e308; every backend maps it back, so charts, summaries and comparisons see one
 * meaning whatever the store.
 */
export const CLAMPED_INFINITY = Number.MAX_VALUE;

/** ±Infinity for MLflow's clamped ±1.7976931348623157e308; any other value unchanged. */
export function unclampInfinity(value: number): number {
  if (value === CLAMPED_INFINITY) return Number.POSITIVE_INFINITY;
  if (value === -CLAMPED_INFINITY) return Number.NEGATIVE_INFINITY;
  return value;
}
