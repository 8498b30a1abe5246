/**
 * A fast path for MLflow's own `meta.yaml` files: flat mappings of scalars, one `key: value` per
 * line, as PyYAML's safe_dump writes them. The YAML library costs about half a millisecond per
 * file (five seconds for the runs of a 10,000-run experiment); these lines are read directly.
 * Anything this does not recognise (double quotes, folded lines, nesting, floats...) gives
 * undefined, and the caller hands the text to the YAML library, so results never differ.
 */

const KEY_LINE = /^([A-Za-z_][\w.-]*):(?: (.*))?$/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'$/;
const INTEGER = /^[-+]?\d+$/;
/** A plain scalar starting with one of these is YAML syntax we leave to the library. */
const SPECIAL_START = /^[-?:,[\]{}#&*!|>'"%@`~]/;
/** Plain scalars the core schema reads as numbers other than integers (floats, hex, octal, .inf, .nan). */
const OTHER_NUMBER =
  /^([-+]?(\.\d+|\d+(\.\d*)?)([eE][-+]?\d+)?|0x[\da-fA-F]+|0o[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;
const RESERVED_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/** Parses a flat mapping of simple scalars; undefined when the text is anything more. */
export function parseFlatYaml(text: string): Record<string, unknown> | undefined {
  const record: Record<string, unknown> = {};
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === '') continue;
    const match = KEY_LINE.exec(line);
    if (!match || Object.hasOwn(record, match[1]!)) return undefined;
    const value = scalar(match[2] ?? '');
    if (value === UNKNOWN) return undefined;
    record[match[1]!] = value;
  }
  // An empty document is null to YAML, not an empty mapping.
  return Object.keys(record).length > 0 ? record : undefined;
}

const UNKNOWN = Symbol('unknown');

function scalar(raw: string): unknown {
  if (raw === '') return null;
  if (raw !== raw.trim()) return UNKNOWN;
  if (INTEGER.test(raw)) return BigInt(raw);
  if (raw === '[]') return [];
  if (raw === '{}') return {};
  const quoted = SINGLE_QUOTED.exec(raw);
  if (quoted) return quoted[1]!.replaceAll("''", "'");
  if (
    SPECIAL_START.test(raw) ||
    OTHER_NUMBER.test(raw) ||
    raw.includes(': ') ||
    raw.includes(' #') ||
    raw.endsWith(':')
  )
    return UNKNOWN;
  if (RESERVED_WORDS.has(raw)) return raw.startsWith('n') || raw.startsWith('N') ? null : /^t/i.test(raw);
  return raw;
}
