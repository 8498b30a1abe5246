/**
 * Metric values that are not ordinary numbers, for the stores, the sidebar and the panels alike
 * (pure, so host code imports it too): MLflow's clamped infinity, how NaN and ±Infinity read, and
 * the values a chart cannot place: NaN, ±Infinity and magnitudes too large for an axis to span
 * (chart.js works out max - min and steps of it, which overflow and then never end). Such values
 * are left out of the scales and said as text instead.
 */

/** The largest magnitude drawn: an axis from -1e300 to 1e300 still has a finite span and steps. */
export const DRAWABLE_LIMIT = 1e300;

/** The smallest positive value a log scale draws (below it, its powers of ten underflow to 0). */
export const LOG_DRAWABLE_MIN = 1e-300;

/**
 * MLflow's SQL stores cannot hold ±Infinity: they keep the largest finite double instead, and a server
 * reads it back and sends it so. A metric logged as Infinity therefore comes back as
 * ±1.7976931348623157e308; every backend maps it back (and the webviews again, should a host send it
 * as stored), so charts, summaries and comparisons see one meaning whatever the store.
 */
export const CLAMPED_INFINITY = Number.MAX_VALUE;

/** The title that explains ∞ and −∞ wherever a value is shown. */
export const INFINITY_NOTE =
  "MLflow's SQL stores keep ±∞ as ±1.7976931348623157e308 (±1.8e308): a metric logged as ∞, or stored as 1.8e308, shows as ∞.";

/** ±Infinity for MLflow's clamped ±1.7976931348623157e308; any other value unchanged. */
export function unclampInfinity(value: number): number {
  if (value === CLAMPED_INFINITY) return Number.POSITIVE_INFINITY;
  if (value === -CLAMPED_INFINITY) return Number.NEGATIVE_INFINITY;
  return value;
}

/** True when `value` can be placed on a chart's axis (on a log scale: only positive values). */
export function isDrawable(value: number, logScale = false): boolean {
  if (!(Math.abs(value) <= DRAWABLE_LIMIT)) return false;
  return !logScale || value >= LOG_DRAWABLE_MIN;
}

/** `∞`, `−∞`, `NaN`, or undefined for a finite value. */
export function nonFiniteText(value: number): string | undefined {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '∞';
  if (value === Number.NEGATIVE_INFINITY) return '−∞';
  return undefined;
}

/** The hover text for a value shown as ∞, −∞ or NaN; undefined for a finite one. */
export function nonFiniteTitle(value: number): string | undefined {
  if (Number.isNaN(value)) return 'Not a number: the value was logged as NaN.';
  return Number.isFinite(value) ? undefined : INFINITY_NOTE;
}

/**
 * What a hover says about values shown as ∞, −∞ or NaN (where MLflow's SQL stores keep ±∞ as
 * ±1.8e308, a stored ±1.8e308 shows as ∞ too); undefined when every value is finite.
 */
export function nonFiniteNote(values: Iterable<number>): string | undefined {
  const shownAs = new Map<string, Set<string>>();
  for (const value of values) {
    const note = nonFiniteTitle(value);
    if (note !== undefined) (shownAs.get(note) ?? shownAs.set(note, new Set()).get(note)!).add(nonFiniteText(value)!);
  }
  return shownAs.size === 0
    ? undefined
    : [...shownAs].map(([note, texts]) => `${[...texts].join(', ')}: ${note}`).join(' ');
}

/** A point a chart leaves out: the run (when the chart has several), its step and value. */
export interface UndrawnPoint {
  run?: string;
  step: number;
  value: number;
}

/** How many points a note names before it says how many more there are. */
const NAMED_POINTS = 4;

/**
 * The line under a chart for the `total` points it could not draw, naming the first of `points`:
 * `2 points not drawn: ∞ at step 3, NaN at step 5`; '' when every point was drawn. `formatValue`
 * spells the finite ones (too large, or not above 0 on a log scale).
 */
export function undrawnNote(
  points: readonly UndrawnPoint[],
  total: number,
  formatValue: (value: number) => string,
  logScale: boolean,
): string {
  if (total === 0) return '';
  const named = points
    .slice(0, NAMED_POINTS)
    .map(
      (point) =>
        `${point.run ? `${point.run}: ` : ''}${nonFiniteText(point.value) ?? formatValue(point.value)} at step ${point.step}`,
    );
  const more = total > named.length ? `, and ${total - named.length} more` : '';
  const why =
    logScale && points.some((point) => Math.abs(point.value) <= DRAWABLE_LIMIT)
      ? ' (a log scale has no place for values ≤ 0)'
      : '';
  return `${total} ${total === 1 ? 'point' : 'points'} not drawn${why}: ${named.join(', ')}${more}`;
}
