import { MlflowError } from '../errors';

/**
 * MLflow's page tokens: base64 of the JSON `{"offset": N}` as Python's json.dumps writes it (a
 * space after the colon), so a token from a local search looks like one from a server.
 */
export function encodePageToken(offset: number): string {
  return Buffer.from(`{"offset": ${offset}}`, 'utf8').toString('base64');
}

/**
 * The offset a page token carries (0 for no token), read as leniently as the server reads it:
 * characters outside the base64 alphabet are skipped, and the offset may be a number or a
 * numeric string. A bad token is an INVALID_PARAMETER_VALUE error with the server's wording.
 */
export function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  const parsed = parseJson(decodeBase64(token));
  const offset = isRecord(parsed) ? parsed['offset'] : undefined;
  if (!offset) throw invalidToken(`parsed value=${JSON.stringify(parsed)}`);
  return integerOf(offset);
}

/** Python's non-strict base64 decoding: skip foreign characters, then demand full padding. */
function decodeBase64(token: string): Buffer {
  const cleaned = token.replace(/[^A-Za-z0-9+/=]/g, '');
  const data = cleaned.replace(/=.*$/s, '');
  const padding = cleaned.length - data.length;
  const remainder = data.length % 4;
  const padded = remainder === 0 || (remainder === 2 && padding >= 2) || (remainder === 3 && padding >= 1);
  if (remainder === 1 || !padded) throw invalidToken('could not base64-decode');
  return Buffer.from(data, 'base64');
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw invalidToken(`decoded value=${JSON.stringify(bytes.toString('latin1'))}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Python's int() of the offset: integers, floats (truncated) and integer strings. */
function integerOf(offset: unknown): number {
  if (typeof offset === 'number' && Number.isFinite(offset)) return Math.trunc(offset);
  if (typeof offset === 'boolean') return offset ? 1 : 0;
  if (typeof offset === 'string' && /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(offset)) return Number(offset.replace(/_/g, ''));
  throw invalidToken(`not stringable ${typeof offset === 'string' ? offset : JSON.stringify(offset)}`);
}

function invalidToken(reason: string): MlflowError {
  return new MlflowError(`Invalid page token, ${reason}`, 'INVALID_PARAMETER_VALUE', 400);
}
