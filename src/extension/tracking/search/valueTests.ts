import { ClientErrorCode, MlflowError } from '../errors';
import type { Comparison } from './filterParser';
import { likeMatcher } from './likePattern';

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
