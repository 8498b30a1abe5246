/**
 * Small runtime checks for messages crossing the webview boundary. Each `Check<T>` is a type
 * guard; `object({...})` ties a schema to an interface at compile time, so a message type and its
 * check cannot drift apart. Sizes are bounded: a message from the other side is untrusted.
 */
export type Check<T> = (value: unknown) => value is T;

/** Longest string accepted where no other limit is given (ids, keys, names). */
const MAX_TEXT = 100_000;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string of at most `maxLength` characters. */
export function text(maxLength = MAX_TEXT): Check<string> {
  return (value): value is string => typeof value === 'string' && value.length <= maxLength;
}

/** A non-empty id of at most 256 characters. */
export const id: Check<string> = (value): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 256;

export const str: Check<string> = text();

export const finiteNumber: Check<number> = (value): value is number =>
  typeof value === 'number' && Number.isFinite(value);

export const integer: Check<number> = (value): value is number => Number.isSafeInteger(value);

export const bool: Check<boolean> = (value): value is boolean => typeof value === 'boolean';

export function literal<const T extends string>(expected: T): Check<T> {
  return (value): value is T => value === expected;
}

export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  return (value): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
}

export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value): value is T | undefined => value === undefined || check(value);
}

// The checks below loop by index rather than through `every` and a closure per item: the runs table
// checks pages of 1,000 runs x 100 keys, and the closures were most of the check's time.
export function arrayOf<T>(check: Check<T>, maxLength = 1_000_000): Check<T[]> {
  return (value): value is T[] => {
    if (!Array.isArray(value) || value.length > maxLength) return false;
    for (let index = 0; index < value.length; index++) if (!check(value[index])) return false;
    return true;
  };
}

/** A plain object used as a map; keys such as `__proto__` are ordinary keys. */
export function recordOf<T>(check: Check<T>, maxKeys = 100_000): Check<Record<string, T>> {
  return (value): value is Record<string, T> => {
    if (!isRecord(value)) return false;
    const keys = Object.keys(value);
    if (keys.length > maxKeys) return false;
    for (let index = 0; index < keys.length; index++) if (!check(value[keys[index]!])) return false;
    return true;
  };
}

/**
 * Checks every property of `T` (optional ones through `optional`) among the value's own
 * properties, never inherited ones; extra properties are ignored.
 */
export function object<T>(shape: { [K in keyof T]-?: Check<T[K]> }): Check<T> {
  const keys = Object.keys(shape);
  const checks = Object.values<Check<unknown>>(shape);
  return (value): value is T => {
    if (!isRecord(value)) return false;
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!;
      if (!checks[index]!(Object.hasOwn(value, key) ? value[key] : undefined)) return false;
    }
    return true;
  };
}

/** Either of two checks (for small unions). */
export function either<A, B>(a: Check<A>, b: Check<B>): Check<A | B> {
  return (value): value is A | B => a(value) || b(value);
}

/**
 * Picks the check for a message by its `type` and applies it: the message, typed, or undefined
 * for an unknown type or a bad shape.
 */
export function parseByType<M extends { type: string }>(
  checks: { [K in M['type']]: Check<Extract<M, { type: K }>> },
  value: unknown,
): M | undefined {
  if (
    !isRecord(value) ||
    !Object.hasOwn(value, 'type') ||
    typeof value.type !== 'string' ||
    !Object.hasOwn(checks, value.type)
  )
    return undefined;
  const check = (checks as Record<string, Check<M>>)[value.type]!;
  return check(value) ? value : undefined;
}
