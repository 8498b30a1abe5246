/**
 * How the MLflow server's SQL store sees the values it compares and orders, so a local search
 * can see them the same way.
 */

import { CLAMPED_INFINITY } from '../../../webview/shared/nonFinite';

/**
 * Compares two texts as SQLite's default BINARY collation does, by their UTF-8 bytes, which is
 * Unicode code point order. JavaScript's `<` compares UTF-16 code units instead, which disagrees
 * for characters above U+FFFF against U+E000..U+FFFF, so those are remapped before comparing.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Orders UTF-16 code units by the code points they belong to: surrogates above U+E000..U+FFFF. */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/**
 * The value the SQL store compares for a metric: a NaN is stored as 0 (with an `is_nan` flag
 * that filters ignore, so `metrics.m = 0` matches a NaN), +/-Infinity as +/- the largest double.
 */
export function storedMetricValue(value: number): number {
  if (Number.isNaN(value)) return 0;
  if (value === Infinity) return CLAMPED_INFINITY;
  if (value === -Infinity) return -CLAMPED_INFINITY;
  return value;
}

/**
 * Compares experiment ids as the integers the SQL store keeps them as (`10` after `9`), without
 * losing precision on the 18-digit ids of file stores; ids that are not integers sort after the
 * integers, by text, as text does after numbers in SQLite.
 */
export function compareExperimentIds(a: string, b: string): number {
  const x = integerText(a);
  const y = integerText(b);
  if (x !== undefined && y !== undefined) {
    if (x.negative !== y.negative) return x.negative ? -1 : 1;
    const magnitude = x.digits.length - y.digits.length || compareText(x.digits, y.digits);
    return x.negative ? -magnitude : magnitude;
  }
  if (x !== undefined) return -1;
  if (y !== undefined) return 1;
  return compareText(a, b);
}

function integerText(id: string): { negative: boolean; digits: string } | undefined {
  const match = /^(-?)0*(\d+)$/.exec(id);
  return match ? { negative: match[1] === '-' && match[2] !== '0', digits: match[2]! } : undefined;
}

/** `record[key]` when `key` is the record's own entry (records from a store may have a prototype). */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
