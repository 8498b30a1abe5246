/**
 * Reading a setting value a user may have typed anything into (settings.json is hand-edited):
 * the wrong type or an out-of-range number falls back to the default instead of breaking the view.
 */

/** An integer in [min, max]; anything else (a string, NaN, a fraction) becomes `fallback` or is clamped. */
export function integerSetting(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** A trimmed string, or `fallback` when the value is not a string. */
export function stringSetting(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value.trim() : fallback;
}

export function booleanSetting(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}
