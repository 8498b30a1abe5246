import { ClientErrorCode, MlflowError } from '../errors';
import { doubleFromWire } from './json';

/**
 * Checked reads of fields in a server's JSON. A server omits empty and default fields, so an
 * absent field gets its protobuf default where that is meaningful; a field of the wrong type is
 * a BAD_RESPONSE that names where it was (`runs/get: run.info.status`), never a crash later on.
 */

export type WireObject = Readonly<Record<string, unknown>>;

/** `value` as a JSON object, or BAD_RESPONSE. */
export function asObject(value: unknown, where: string): WireObject {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as WireObject;
  throw malformed(where, 'an object', value);
}

/** The object at `key`; an absent key is an empty object. */
export function readObject(object: WireObject, key: string, where: string): WireObject {
  const value = object[key];
  return value === undefined ? {} : asObject(value, `${where}.${key}`);
}

/** The array at `key`; an absent key is an empty array. */
export function readArray(object: WireObject, key: string, where: string): readonly unknown[] {
  const value = object[key];
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  throw malformed(`${where}.${key}`, 'an array', value);
}

/** A required string. */
export function readString(object: WireObject, key: string, where: string): string {
  const value = object[key];
  if (typeof value === 'string') return value;
  throw malformed(`${where}.${key}`, 'a string', value);
}

/** A string that may be absent (undefined then). */
export function readOptionalString(object: WireObject, key: string, where: string): string | undefined {
  return object[key] === undefined ? undefined : readString(object, key, where);
}

/** An int64 (timestamps, steps, sizes): a number, or a numeric string as protobuf JSON allows. */
export function readOptionalInteger(object: WireObject, key: string, where: string): number | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw malformed(`${where}.${key}`, 'an integer', value);
}

/** An int64 whose absence means its protobuf default, 0. */
export function readInteger(object: WireObject, key: string, where: string): number {
  return readOptionalInteger(object, key, where) ?? 0;
}

/** A required double in any of the spellings MLflow uses. */
export function readDouble(object: WireObject, key: string, where: string): number {
  const value = doubleFromWire(object[key]);
  if (value !== undefined) return value;
  throw malformed(`${where}.${key}`, 'a number, "NaN", "Infinity" or "-Infinity"', object[key]);
}

/** A boolean whose absence means false. */
export function readBoolean(object: WireObject, key: string, where: string): boolean {
  const value = object[key];
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  throw malformed(`${where}.${key}`, 'true or false', value);
}

/** One of `allowed`; BAD_RESPONSE otherwise. */
export function readEnum<T extends string>(object: WireObject, key: string, allowed: readonly T[], where: string): T {
  const value = readString(object, key, where);
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw malformed(`${where}.${key}`, `one of ${allowed.join(', ')}`, value);
}

/** The BAD_RESPONSE for a field that is not what MLflow sends. */
export function malformed(where: string, expected: string, got: unknown): MlflowError {
  return new MlflowError(
    `Unexpected answer from the server: ${where} should be ${expected}, but is ${describeValue(got)}.`,
    ClientErrorCode.badResponse,
  );
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 60 ? `${text.slice(0, 60)}...` : text}`;
}
