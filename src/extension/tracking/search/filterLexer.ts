import { SearchSyntaxError } from '../errors';
import { scanStringTuple } from './pythonStringTuple';

/**
 * The tokens of MLflow's filter language, cut the way the server's SQL tokenizer (sqlparse) cuts
 * them, so that what one accepts the other accepts: quoted strings keep their quotes and inner
 * escapes raw (MLflow never unescapes them), a run of `<>=~!` is one comparator token (so `>>>`
 * is reported as an invalid comparator, not as `>` followed by junk), and a parenthesised list is
 * read as the Python tuple literal MLflow evaluates it as.
 */
export type TokenKind =
  'word' | 'number' | 'singleQuoted' | 'doubleQuoted' | 'backtickQuoted' | 'comparator' | 'dot' | 'list';

export interface Token {
  kind: TokenKind;
  /** The token exactly as written (quotes included). */
  text: string;
  /** Offsets of the token in the input: `input.slice(start, end) === text`. */
  start: number;
  end: number;
  /** For `list` tokens: the strings of the tuple, in order. */
  items?: string[];
}

interface Rule {
  kind: TokenKind;
  pattern: RegExp;
}

// Sticky patterns tried in order at each offset; the number rules mirror sqlparse's (a number
// directly followed by a letter is a word, not a number), and the quoted forms end where
// sqlparse's do: a doubled quote, an escaped quote and an escaped backslash stay inside.
const RULES: readonly Rule[] = [
  { kind: 'backtickQuoted', pattern: /`(?:``|[^`])*`/y },
  { kind: 'number', pattern: /-?\d+(?:\.\d+)?[eE]-?\d+(?![\p{L}_])/uy },
  { kind: 'number', pattern: /-?(?:\d+\.\d*|\.\d+)(?![\p{L}_])/uy },
  { kind: 'number', pattern: /-?\d+(?![\p{L}_])/uy },
  { kind: 'singleQuoted', pattern: /'(?:''|\\\\|\\'|[^'])*'/y },
  { kind: 'doubleQuoted', pattern: /"(?:""|\\\\|\\"|[^"])*"/y },
  { kind: 'word', pattern: /[\p{L}\p{N}_][\p{L}\p{N}_$#]*/uy },
  { kind: 'dot', pattern: /\./y },
  { kind: 'comparator', pattern: /[<>=~!]+/y },
];

const WHITESPACE = /\s+/y;
const HEXADECIMAL = /-?0[xX][0-9a-fA-F]+/y;

/** Splits a filter (or one order_by clause) into tokens; throws SearchSyntaxError on text it cannot read. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < input.length) {
    WHITESPACE.lastIndex = offset;
    if (WHITESPACE.test(input)) {
      offset = WHITESPACE.lastIndex;
      continue;
    }
    const token = readToken(input, offset);
    tokens.push(token);
    offset = token.end;
  }
  return tokens;
}

function readToken(input: string, offset: number): Token {
  const char = input[offset]!;
  if (char === '(') {
    const tuple = scanStringTuple(input, offset);
    return { kind: 'list', text: input.slice(offset, tuple.end), start: offset, end: tuple.end, items: tuple.items };
  }
  HEXADECIMAL.lastIndex = offset;
  if (HEXADECIMAL.test(input)) {
    const text = input.slice(offset, HEXADECIMAL.lastIndex);
    throw new SearchSyntaxError(
      `Hexadecimal number '${text}' at position ${offset}: MLflow compares decimal numbers only`,
      input,
      offset,
    );
  }
  for (const rule of RULES) {
    rule.pattern.lastIndex = offset;
    if (rule.pattern.test(input)) {
      const end = rule.pattern.lastIndex;
      return { kind: rule.kind, text: input.slice(offset, end), start: offset, end };
    }
  }
  throw unreadable(input, offset, char);
}

function unreadable(input: string, offset: number, char: string): SearchSyntaxError {
  if (char === "'" || char === '"' || char === '`') {
    return new SearchSyntaxError(`Unterminated quoted text starting with ${char} at position ${offset}`, input, offset);
  }
  if (char === ')') {
    return new SearchSyntaxError(`Unmatched ')' at position ${offset}`, input, offset);
  }
  const shown = String.fromCodePoint(input.codePointAt(offset)!);
  return new SearchSyntaxError(`Unexpected character '${shown}' at position ${offset}`, input, offset);
}
