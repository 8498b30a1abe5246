import { ClientErrorCode, MlflowError, errorMessage } from '../errors';

/**
 * JSON as MLflow servers speak it. Doubles arrive as numbers, as the strings `"NaN"`,
 * `"Infinity"`, `"-Infinity"` (protobuf JSON), or from older servers and other stores as bare
 * `NaN` / `Infinity` / `-Infinity` tokens, which are not JSON at all.
 */

/** Bare non-finite tokens outside strings, or a whole string literal (kept as it is). */
const STRING_OR_BARE_TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"|-?\b(?:NaN|Infinity)\b/g;
const MAY_HOLD_BARE_TOKEN = /\b(?:NaN|Infinity)\b/;

/**
 * Parses a response body. The fast path is one plain `JSON.parse`, so a large history body costs
 * no more than that; only a body that fails it is scanned again, with bare `NaN` / `Infinity`
 * tokens outside strings turned into their protobuf string spellings, and parsed once more.
 * Anything else that is not JSON is a BAD_RESPONSE naming `endpoint`.
 */
export function parseMlflowJson(text: string, endpoint: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (MAY_HOLD_BARE_TOKEN.test(text)) {
      try {
        return JSON.parse(quoteBareNonFiniteTokens(text)) as unknown;
      } catch {
        // Fall through: report the original parse error, which points at the real problem.
      }
    }
    throw new MlflowError(
      `The server's answer to ${endpoint} is not valid JSON (${errorMessage(error)}): ${excerptOf(text)}`,
      ClientErrorCode.badResponse,
      undefined,
      { cause: error },
    );
  }
}

/** Rewrites bare `NaN`, `Infinity`, `-Infinity` outside string literals as JSON strings. */
export function quoteBareNonFiniteTokens(text: string): string {
  return text.replace(STRING_OR_BARE_TOKEN, (match) => {
    if (match.startsWith('"')) return match;
    return match === '-NaN' ? '"NaN"' : `"${match}"`;
  });
}

/** A double as MLflow sends it (number or protobuf string spelling), or undefined if it is neither. */
export function doubleFromWire(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  switch (value) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    default:
      // Protobuf JSON also allows a double as a numeric string.
      return /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value) ? Number(value) : undefined;
  }
}

/**
 * A double as MLflow expects it in a request: a number, or `"NaN"` / `"Infinity"` / `"-Infinity"`.
 * Never a bare token: MLflow answers 200 to one and stores a corrupted point.
 */
export function doubleToWire(value: number): number | string {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

function excerptOf(text: string): string {
  if (text.trim() === '') return 'the body is empty';
  const collapsed = text.slice(0, 400).replace(/\s+/g, ' ').trim();
  return JSON.stringify(collapsed.length > 160 ? `${collapsed.slice(0, 160)}...` : collapsed);
}
