import { SearchSyntaxError } from '../errors';
import { SEARCH_KEYWORDS } from '../../../webview/shared/searchWords';

/*
 * The syntax of MLflow's search language, shared by filters and order_by clauses: tokens, the
 * Python string tuples of IN lists, identifiers and raw clauses. Nothing here knows MLflow's rules
 * about entity types, keys or value types: filterParser.ts applies them to what this file reads.
 */

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

// The same rules for a text that is all ASCII, where \p{L} is [A-Za-z] and \p{N} is [0-9]: the
// Unicode classes cost V8 a compile of thousands of ranges the first time each pattern runs: 0.7 ms
// of the 2.5 ms the first filter's parse took in a process just started.
const ASCII_RULES: readonly Rule[] = RULES.map(({ kind, pattern }) => ({
  kind,
  pattern: pattern.unicode
    ? new RegExp(pattern.source.replaceAll('\\p{L}', 'A-Za-z').replaceAll('\\p{N}', '0-9'), 'y')
    : pattern,
}));
const ALL_ASCII = /^[\x00-\x7f]*$/;

const WHITESPACE = /\s+/y;
const HEXADECIMAL = /-?0[xX][0-9a-fA-F]+/y;

/**
 * Splits a filter (or one order_by clause) into tokens; throws SearchSyntaxError on text it cannot
 * read. `unicode`: read with the Unicode rules even when the text is all ASCII (the tests check
 * both rule sets agree).
 */
export function tokenize(input: string, unicode = !ALL_ASCII.test(input)): Token[] {
  const rules = unicode ? RULES : ASCII_RULES;
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < input.length) {
    WHITESPACE.lastIndex = offset;
    if (WHITESPACE.test(input)) {
      offset = WHITESPACE.lastIndex;
      continue;
    }
    const token = readToken(input, offset, rules);
    tokens.push(token);
    offset = token.end;
  }
  return tokens;
}

function readToken(input: string, offset: number, rules: readonly Rule[]): Token {
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
  for (const rule of rules) {
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

/**
 * Reads the parenthesised list of an `IN (...)` comparison. MLflow hands the raw text of the
 * parentheses to Python's `ast.literal_eval`, so the list is a Python tuple of string literals:
 * backslash escapes are decoded, adjacent literals are concatenated (`'a' 'b'` is `'ab'`), a
 * trailing comma is allowed. Anything else in the list (a number, a name) is an error, as it is
 * on the server. String prefixes (`r''`, `b''`) are not supported.
 */
function scanStringTuple(input: string, open: number): { items: string[]; end: number } {
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

export type QuoteStyle = 'none' | 'backtick' | 'double' | 'single';

/**
 * The left-hand side of a comparison (or an order_by key) as written: an optional entity type
 * before the first dot (`metrics`, `` `tags` ``) and a key, either dotted words
 * (`mlflow.parentRunId`) or one quoted name (`` `train/loss` ``, `"val loss"`, `'val loss'`).
 * Quotes are removed from the key but nothing inside is unescaped, as in MLflow.
 */
export interface RawIdentifier {
  entity?: { text: string; quote: QuoteStyle; position: number };
  key: { text: string; quote: QuoteStyle; position: number };
  /** The identifier as written. */
  text: string;
  position: number;
}

/** A cursor over tokens that can read identifiers; the filter and order_by parsers extend it. */
export class IdentifierReader {
  protected index = 0;

  constructor(
    readonly input: string,
    protected readonly tokens: readonly Token[],
  ) {}

  protected peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  protected atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  error(message: string, position: number): SearchSyntaxError {
    return new SearchSyntaxError(message, this.input, position);
  }

  /** Reads `entity.key`, or a bare key; tokens of one identifier touch, with no space between. */
  readIdentifier(): RawIdentifier {
    const first = this.peek();
    if (!first || !isNameToken(first)) {
      const position = first?.start ?? this.input.length;
      const found = first ? `'${first.text}'` : 'the end of the text';
      throw this.error(`Expected an identifier such as metrics.loss at position ${position}, found ${found}`, position);
    }
    this.index += 1;
    const dot = this.peek();
    if (dot?.kind !== 'dot' || dot.start !== first.end) {
      return { key: nameOf(first), text: first.text, position: first.start };
    }
    this.index += 1;
    const key = this.readKey(first, dot);
    return {
      entity: nameOf(first),
      key,
      text: this.input.slice(first.start, this.tokens[this.index - 1]!.end),
      position: first.start,
    };
  }

  private readKey(entity: Token, dot: Token): RawIdentifier['key'] {
    const first = this.peek();
    if (!first || first.start !== dot.end || !isKeyToken(first)) {
      throw this.error(
        `Expected a key right after '${entity.text}.' at position ${dot.end}; quote keys holding spaces or symbols with backticks`,
        dot.end,
      );
    }
    this.index += 1;
    if (first.kind !== 'word') return nameOf(first);
    let end = first.end;
    // Unquoted keys may hold dots: `tags.mlflow.source.git.commit`.
    while (
      this.peek()?.kind === 'dot' &&
      this.peek()!.start === end &&
      this.peek(1)?.kind === 'word' &&
      this.peek(1)!.start === end + 1
    ) {
      end = this.peek(1)!.end;
      this.index += 2;
    }
    return { text: this.input.slice(first.start, end), quote: 'none', position: first.start };
  }
}

function isNameToken(token: Token): boolean {
  if (token.kind === 'word') return !SEARCH_KEYWORDS.has(token.text.toUpperCase());
  return token.kind === 'backtickQuoted' || token.kind === 'doubleQuoted';
}

function isKeyToken(token: Token): boolean {
  return (
    token.kind === 'word' ||
    token.kind === 'backtickQuoted' ||
    token.kind === 'doubleQuoted' ||
    token.kind === 'singleQuoted'
  );
}

function nameOf(token: Token): { text: string; quote: QuoteStyle; position: number } {
  const quote: QuoteStyle =
    token.kind === 'backtickQuoted'
      ? 'backtick'
      : token.kind === 'doubleQuoted'
        ? 'double'
        : token.kind === 'singleQuoted'
          ? 'single'
          : 'none';
  const text = quote === 'none' ? token.text : token.text.slice(1, -1);
  return { text, quote, position: token.start };
}

/**
 * The grammar of a filter, before any MLflow rule about entities, keys or value types:
 *
 *   filter     := clause (AND clause)*            (or nothing at all)
 *   clause     := identifier comparison
 *   comparison := COMPARATOR value | [NOT] LIKE value | ILIKE value
 *               | [NOT] IN list | IS [NOT] NULL
 *   value      := 'string' | "string" | number | list | bareword | `backticked`
 *
 * Keywords are case-insensitive. Barewords and backticked values parse, so that the rules can say
 * they must be quoted (as MLflow does), rather than failing here with a vaguer message.
 */
export interface RawClause {
  identifier: RawIdentifier;
  comparator: RawComparator;
  value: RawValue;
}

export interface RawComparator {
  /** Upper-cased, spaces normalised: `=`, `LIKE`, `NOT IN`, `IS NOT NULL`, also invalid ones such as `>>>`. */
  text: string;
  /** As written, for the rules that are case-sensitive. */
  written: string;
  position: number;
}

export type RawValue =
  | { kind: 'string'; text: string; quote: Exclude<QuoteStyle, 'backtick'>; position: number }
  | { kind: 'number'; text: string; position: number }
  | { kind: 'list'; items: string[]; position: number }
  | { kind: 'bareword'; text: string; quote: 'none' | 'backtick'; position: number }
  | { kind: 'null'; position: number };

const COMPARATOR_KEYWORDS = new Set(['LIKE', 'ILIKE', 'IN', 'NOT', 'IS', 'RLIKE', 'REGEXP']);

/** Parses a filter into clauses; throws SearchSyntaxError at the first token that does not fit. */
export function parseFilterSyntax(input: string): RawClause[] {
  return new FilterSyntaxParser(input, tokenize(input)).parseFilter();
}

class FilterSyntaxParser extends IdentifierReader {
  parseFilter(): RawClause[] {
    const clauses: RawClause[] = [];
    if (this.atEnd()) return clauses;
    clauses.push(this.parseClause());
    while (!this.atEnd()) {
      this.expectAnd();
      clauses.push(this.parseClause());
    }
    return clauses;
  }

  private expectAnd(): void {
    const token = this.peek()!;
    const keyword = keywordOf(token);
    if (keyword === 'AND') {
      this.index += 1;
      if (this.atEnd())
        throw this.error(
          `Expected a comparison after AND at position ${token.end}, found the end of the filter`,
          token.end,
        );
      return;
    }
    if (keyword === 'OR') {
      throw this.error(
        `MLflow's filter has no OR (at position ${token.start}): join comparisons with AND, or run one search per alternative`,
        token.start,
      );
    }
    throw this.error(`Expected AND between comparisons, found '${token.text}' at position ${token.start}`, token.start);
  }

  private parseClause(): RawClause {
    const first = this.peek()!;
    const firstKeyword = keywordOf(first);
    if (firstKeyword === 'AND' || firstKeyword === 'OR') {
      throw this.error(`Expected a comparison, found '${first.text}' at position ${first.start}`, first.start);
    }
    const identifier = this.readIdentifier();
    const comparator = this.parseComparator(identifier);
    const value = this.parseValue(identifier, comparator);
    return { identifier, comparator, value };
  }

  private parseComparator(identifier: RawIdentifier): RawComparator {
    const token = this.peek();
    if (token?.kind === 'comparator') {
      this.index += 1;
      return { text: token.text, written: token.text, position: token.start };
    }
    const keyword = token && keywordOf(token);
    if (!token || !keyword || !COMPARATOR_KEYWORDS.has(keyword)) {
      const found = token ? `found '${token.text}'` : 'found the end of the filter';
      const position = token?.start ?? this.input.length;
      throw this.error(`Expected a comparator after ${identifier.text} at position ${position}, ${found}`, position);
    }
    this.index += 1;
    if (keyword === 'NOT') return this.continueKeywords(token, ['IN', 'LIKE', 'ILIKE', 'RLIKE', 'REGEXP']);
    if (keyword === 'IS') return this.parseIsNull(token);
    return { text: keyword, written: token.text, position: token.start };
  }

  private parseIsNull(isToken: Token): RawComparator {
    const next = this.peek();
    if (next && keywordOf(next) === 'NOT') {
      this.index += 1;
      const rest = this.continueKeywords(next, ['NULL']);
      return { text: 'IS NOT NULL', written: `${isToken.text} ${rest.written}`, position: isToken.start };
    }
    const rest = this.continueKeywords(isToken, ['NULL']);
    return { text: 'IS NULL', written: rest.written, position: isToken.start };
  }

  /** After `first`, expects one of `allowed` and joins both into one comparator. */
  private continueKeywords(first: Token, allowed: readonly string[]): RawComparator {
    const next = this.peek();
    const keyword = next && keywordOf(next);
    if (!next || !keyword || !allowed.includes(keyword)) {
      const position = next?.start ?? this.input.length;
      throw this.error(
        `Expected ${allowed.join(' or ')} after ${first.text.toUpperCase()} at position ${position}`,
        position,
      );
    }
    this.index += 1;
    return { text: `${keywordOf(first)} ${keyword}`, written: `${first.text} ${next.text}`, position: first.start };
  }

  private parseValue(identifier: RawIdentifier, comparator: RawComparator): RawValue {
    if (comparator.text === 'IS NULL' || comparator.text === 'IS NOT NULL') {
      return { kind: 'null', position: comparator.position };
    }
    const token = this.peek();
    if (!token) {
      throw this.error(
        `Expected a value after ${identifier.text} ${comparator.written} at position ${this.input.length}`,
        this.input.length,
      );
    }
    if ((comparator.text === 'IN' || comparator.text === 'NOT IN') && token.kind !== 'list') {
      throw this.error(
        `Expected a parenthesised list of quoted strings after ${comparator.text} at position ${token.start}, found '${token.text}'`,
        token.start,
      );
    }
    this.index += 1;
    return valueOf(token, this);
  }
}

function valueOf(token: Token, parser: IdentifierReader): RawValue {
  const position = token.start;
  switch (token.kind) {
    case 'singleQuoted':
      return { kind: 'string', text: token.text.slice(1, -1), quote: 'single', position };
    case 'doubleQuoted':
      return { kind: 'string', text: token.text.slice(1, -1), quote: 'double', position };
    case 'number':
      return { kind: 'number', text: token.text, position };
    case 'list':
      return { kind: 'list', items: token.items ?? [], position };
    case 'word':
      return { kind: 'bareword', text: token.text, quote: 'none', position };
    case 'backtickQuoted':
      return { kind: 'bareword', text: token.text, quote: 'backtick', position };
    default:
      throw parser.error(`Expected a value at position ${position}, found '${token.text}'`, position);
  }
}

/** The upper-cased keyword a word token spells, or undefined for other tokens. */
function keywordOf(token: Token): string | undefined {
  return token.kind === 'word' ? token.text.toUpperCase() : undefined;
}
