import { CLAMPED_INFINITY } from '../../../webview/shared/nonFinite';
import { ClientErrorCode, MlflowError } from '../errors';
import type { Comparison } from './filterParser';

/*
 * How the MLflow server's SQL store sees the values it compares and orders (text collation,
 * stored metric values, experiment ids, LIKE patterns), so a local search can see them the same
 * way; and the value tests a parsed comparison becomes.
 */

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

/**
 * SQL LIKE as the MLflow server's SQLite store evaluates it: `%` matches any run of characters,
 * `_` exactly one character (a code point), everything else itself; there is no escape
 * character. LIKE is case-sensitive (MLflow turns on `case_sensitive_like`); ILIKE becomes
 * `lower(x) LIKE lower(pattern)`, and SQLite's lower() folds only A-Z.
 */
export function likeMatcher(pattern: string, caseInsensitive: boolean): (text: string) => boolean {
  const fold = caseInsensitive ? lowerAscii : (text: string) => text;
  const folded = fold(pattern);
  const simple = simpleMatcher(folded);
  if (simple) return (text) => simple(fold(text));
  const pieces = Array.from(folded);
  return (text) => wildcardMatch(Array.from(fold(text)), pieces);
}

function lowerAscii(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (run) => run.toLowerCase()) : text;
}

/** Fast paths for the common shapes: `abc`, `abc%`, `%abc`, `%abc%`. */
function simpleMatcher(pattern: string): ((text: string) => boolean) | undefined {
  const starts = pattern.startsWith('%');
  const ends = pattern.length > 1 && pattern.endsWith('%');
  const core = pattern.slice(starts ? 1 : 0, ends ? -1 : undefined);
  if (/[%_]/.test(core)) return undefined;
  if (pattern === '%') return () => true;
  if (starts && ends) return (text) => text.includes(core);
  if (starts) return (text) => text.endsWith(core);
  if (ends) return (text) => text.startsWith(core);
  return (text) => text === core;
}

/**
 * Wildcard matching with one remembered `%`: linear in practice and O(text x pattern) at worst,
 * so a hostile pattern cannot make a search hang the way a backtracking RegExp could.
 */
function wildcardMatch(text: readonly string[], pattern: readonly string[]): boolean {
  let t = 0;
  let p = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const piece = pattern[p];
    if (piece === '%') {
      star = p;
      resume = t;
      p += 1;
    } else if (piece !== undefined && (piece === '_' || piece === text[t])) {
      t += 1;
      p += 1;
    } else if (star >= 0) {
      p = star + 1;
      resume += 1;
      t = resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '%') p += 1;
  return p === pattern.length;
}

/** A test of one value (a tag, a param, a time...) against one parsed comparison. */
export type ValueTest<T> = (value: T) => boolean;

/** The test of a string comparison: `=`, `!=`, LIKE, ILIKE, IN, NOT IN. */
export function textTest(comparison: Comparison): ValueTest<string> {
  const { comparator, value } = comparison;
  if (Array.isArray(value)) {
    const members = new Set(value);
    if (comparator === 'IN') return (text) => members.has(text);
    if (comparator === 'NOT IN') return (text) => !members.has(text);
  } else if (typeof value === 'string') {
    if (comparator === '=') return (text) => text === value;
    if (comparator === '!=') return (text) => text !== value;
    if (comparator === 'LIKE') return likeMatcher(value, false);
    if (comparator === 'ILIKE') return likeMatcher(value, true);
  }
  throw unsupported(comparison);
}

/** The test of a numeric comparison: `=`, `!=`, `<`, `<=`, `>`, `>=`. */
export function numberTest(comparison: Comparison): ValueTest<number> {
  const { comparator, value } = comparison;
  if (typeof value !== 'number') throw unsupported(comparison);
  switch (comparator) {
    case '=':
      return (x) => x === value;
    case '!=':
      return (x) => x !== value;
    case '<':
      return (x) => x < value;
    case '<=':
      return (x) => x <= value;
    case '>':
      return (x) => x > value;
    case '>=':
      return (x) => x >= value;
    default:
      throw unsupported(comparison);
  }
}

// Reached only by a Comparison built by hand: parseRunFilter never produces one of these.
function unsupported(comparison: Comparison): MlflowError {
  return new MlflowError(
    `Cannot evaluate ${comparison.entityType} ${comparison.key} ${comparison.comparator} ${JSON.stringify(comparison.value)}`,
    ClientErrorCode.unsupported,
  );
}
