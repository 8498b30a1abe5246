import { nonFiniteText, nonFiniteTitle } from '../../webview/shared/nonFinite';

/**
 * Metric values for a narrow tree row: four significant digits, exponents for the very large and
 * the very small, and MLflow's special values spelled out (NaN, ±Infinity arrive as numbers; the
 * stores read MLflow's clamped ±1.7976931348623157e308 back as ±Infinity).
 */
export function formatMetricValue(value: number): string {
  const special = nonFiniteText(value);
  if (special !== undefined) return special;
  if (value === 0) return '0';
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return trimExponent(value.toExponential(3));
  return trimZeros(value.toPrecision(4));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function trimExponent(text: string): string {
  const [mantissa = text, exponent = ''] = text.split('e');
  return `${trimZeros(mantissa)}e${exponent.replace('+', '')}`;
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
