/**
 * A fast path for MLflow's own `meta.yaml` files: flat mappings of scalars, one `key: value` per
 * line, as PyYAML's safe_dump writes them. The YAML library costs about half a millisecond per
 * file (five seconds for the runs of a 10,000-run experiment); these lines are read directly, by
 * scanning the text rather than splitting it and matching each line (a cold first page of an
 * `mlruns/` experiment parses one file per run, so every allocation here counts ten thousand times).
 * Anything this does not recognise (double quotes, folded lines, nesting, floats...) gives
 * undefined, and the caller hands the text to the YAML library, so results never differ.
 */

const SINGLE_QUOTED = /^'((?:[^']|'')*)'$/;
const INTEGER = /^[-+]?\d+$/;
/** A plain scalar starting with one of these is YAML syntax we leave to the library. */
const SPECIAL_START = /^[-?:,[\]{}#&*!|>'"%@`~]/;
/** Plain scalars the core schema reads as numbers other than integers (floats, hex, octal, .inf, .nan). */
const OTHER_NUMBER =
  /^([-+]?(\.\d+|\d+(\.\d*)?)([eE][-+]?\d+)?|0x[\da-fA-F]+|0o[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;
/** Characters that end a line for YAML (and for a `.` in a RegExp): a value holding one is not one line. */
const LINE_BREAK = /[\r\u2028\u2029]/;
const RESERVED_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const RETURN = 13;
const SPACE = 32;
const COLON = 58;
const QUOTE = 39;

/** Parses a flat mapping of simple scalars; undefined when the text is anything more. */
export function parseFlatYaml(text: string): Record<string, unknown> | undefined {
  const record: Record<string, unknown> = {};
  let empty = true;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === RETURN) end--;
    if (end > start) {
      const colon = keyEnd(text, start, end);
      if (colon < 0) return undefined;
      const key = text.slice(start, colon);
      // `__proto__` would set the record's prototype, not a key: the library's business.
      if (key === '__proto__' || Object.hasOwn(record, key)) return undefined;
      let value: unknown = null;
      if (colon + 1 < end) {
        if (text.charCodeAt(colon + 1) !== SPACE) return undefined;
        value = scalar(text.slice(colon + 2, end));
        if (value === UNKNOWN) return undefined;
      }
      record[key] = value;
      empty = false;
    }
    start = next;
  }
  // An empty document is null to YAML, not an empty mapping.
  return empty ? undefined : record;
}

/** Where the key of the line `start`..`end` ends (its colon): `[A-Za-z_][\w.-]*:`; -1 when the line is no such key. */
function keyEnd(text: string, start: number, end: number): number {
  if (!isKeyStart(text.charCodeAt(start))) return -1;
  for (let index = start + 1; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === COLON) return index;
    if (!isKeyPart(code)) return -1;
  }
  return -1;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isKeyStart(code: number): boolean {
  return isLetter(code) || code === 95;
}

function isKeyPart(code: number): boolean {
  return isKeyStart(code) || (code >= 48 && code <= 57) || code === 46 || code === 45;
}

const UNKNOWN = Symbol('unknown');

function scalar(raw: string): unknown {
  if (raw === '') return null;
  if (raw !== raw.trim() || LINE_BREAK.test(raw)) return UNKNOWN;
  const first = raw.charCodeAt(0);
  if (first === QUOTE) {
    const quoted = SINGLE_QUOTED.exec(raw);
    return quoted ? quoted[1]!.replaceAll("''", "'") : UNKNOWN;
  }
  // Most values (names, ids, paths, stages) start with a letter: never a number, quote or indicator.
  if (isLetter(first)) return plainScalar(raw);
  if (INTEGER.test(raw)) return BigInt(raw);
  if (raw === '[]') return [];
  if (raw === '{}') return {};
  if (SPECIAL_START.test(raw) || OTHER_NUMBER.test(raw)) return UNKNOWN;
  return plainScalar(raw);
}

/** A plain scalar that is neither a number nor starts with an indicator: text, null or a boolean. */
function plainScalar(raw: string): unknown {
  if (raw.includes(': ') || raw.includes(' #') || raw.endsWith(':')) return UNKNOWN;
  if (RESERVED_WORDS.has(raw)) return raw.startsWith('n') || raw.startsWith('N') ? null : /^t/i.test(raw);
  return raw;
}
