import type { Token } from './filterLexer';
import { tokenize } from './filterLexer';
import type { QuoteStyle, RawIdentifier } from './identifierSyntax';
import { IdentifierReader } from './identifierSyntax';

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
export function keywordOf(token: Token): string | undefined {
  return token.kind === 'word' ? token.text.toUpperCase() : undefined;
}
