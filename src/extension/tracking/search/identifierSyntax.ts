import { SearchSyntaxError } from '../errors';
import type { Token } from './filterLexer';

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

const RESERVED = new Set(['AND', 'OR', 'IN', 'NOT', 'LIKE', 'ILIKE', 'IS', 'NULL']);
/** Keys that need no quotes: dotted words that read back as this one key. */
const PLAIN_KEY = /^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*$/u;

/**
 * A key as a filter or order_by clause must write it after `entity.`: bare when it reads back as
 * itself, else in backticks (double quotes when it holds a backtick); undefined when it holds both,
 * since MLflow unescapes nothing inside quotes.
 */
export function quotedKey(key: string): string | undefined {
  if (PLAIN_KEY.test(key) && !RESERVED.has(key.toUpperCase())) return key;
  if (!key.includes('`')) return `\`${key}\``;
  if (!key.includes('"')) return `"${key}"`;
  return undefined;
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
  if (token.kind === 'word') return !RESERVED.has(token.text.toUpperCase());
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
