import { SearchSyntaxError } from '../errors';

/**
 * Reads the parenthesised list of an `IN (...)` comparison. MLflow hands the raw text of the
 * parentheses to Python's `ast.literal_eval`, so the list is a Python tuple of string literals:
 * backslash escapes are decoded, adjacent literals are concatenated (`'a' 'b'` is `'ab'`), a
 * trailing comma is allowed. Anything else in the list (a number, a name) is an error, as it is
 * on the server. String prefixes (`r''`, `b''`) are not supported.
 */
export function scanStringTuple(input: string, open: number): { items: string[]; end: number } {
  const items: string[] = [];
  let offset = skipSpace(input, open + 1);
  while (input[offset] !== ')') {
    const item = readAdjacentLiterals(input, offset);
    items.push(item.value);
    offset = skipSpace(input, item.end);
    if (input[offset] === ',') {
      offset = skipSpace(input, offset + 1);
    } else if (offset >= input.length) {
      throw listError(input, offset, 'the list is not closed');
    } else if (input[offset] !== ')') {
      throw listError(input, offset, 'expected , or ) after a list item');
    }
  }
  return { items, end: offset + 1 };
}

function readAdjacentLiterals(input: string, start: number): { value: string; end: number } {
  let value = '';
  let offset = start;
  do {
    const literal = readLiteral(input, offset);
    value += literal.value;
    offset = skipSpace(input, literal.end);
  } while (input[offset] === "'" || input[offset] === '"');
  return { value, end: offset };
}

function readLiteral(input: string, start: number): { value: string; end: number } {
  const quote = input[start];
  if (quote !== "'" && quote !== '"') {
    if (start >= input.length) throw listError(input, start, 'the list is not closed');
    throw listError(input, start, 'expected a quoted string (a list holds only strings)');
  }
  let value = '';
  let offset = start + 1;
  for (;;) {
    const char = input[offset];
    if (char === undefined || char === '\n' || char === '\r') {
      throw listError(input, start, 'unterminated string');
    }
    if (char === quote) return { value, end: offset + 1 };
    if (char === '\\') {
      const escape = readEscape(input, offset);
      value += escape.value;
      offset = escape.end;
    } else {
      value += char;
      offset += 1;
    }
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Decodes the escape starting at the backslash `input[start]`, as Python does in a str literal. */
function readEscape(input: string, start: number): { value: string; end: number } {
  const next = input[start + 1];
  if (next === undefined) throw listError(input, start, 'unterminated string');
  if (next === '\n') return { value: '', end: start + 2 };
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) return { value: simple, end: start + 2 };
  const octal = /^[0-7]{1,3}/.exec(input.slice(start + 1, start + 4));
  if (octal) return { value: String.fromCodePoint(parseInt(octal[0], 8)), end: start + 1 + octal[0].length };
  const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (hexLength > 0) return readHexEscape(input, start, hexLength);
  if (next === 'N') throw listError(input, start, 'named escapes (\\N{...}) are not supported');
  // Python keeps an unknown escape as written, backslash included.
  return { value: `\\${next}`, end: start + 2 };
}

function readHexEscape(input: string, start: number, length: number): { value: string; end: number } {
  const digits = input.slice(start + 2, start + 2 + length);
  if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) {
    throw listError(input, start, `truncated \\${input[start + 1]} escape`);
  }
  const codePoint = parseInt(digits, 16);
  if (codePoint > 0x10ffff) throw listError(input, start, 'escape beyond U+10FFFF');
  return { value: String.fromCodePoint(codePoint), end: start + 2 + length };
}

function skipSpace(input: string, offset: number): number {
  let position = offset;
  while (position < input.length && /\s/.test(input[position]!)) position += 1;
  return position;
}

function listError(input: string, position: number, reason: string): SearchSyntaxError {
  return new SearchSyntaxError(`Invalid list at position ${position}: ${reason}`, input, position);
}
