import { SearchSyntaxError } from '../errors';
import type { Comparator } from './filterParser';
import type { RawClause, RawValue } from './filterSyntax';

/**
 * Checks shared by run and experiment filters: which comparators a kind of field allows, and
 * which kind of value it compares with. Messages name the field and the offending token.
 */
export const NUMERIC_COMPARATORS: readonly Comparator[] = ['=', '!=', '<', '<=', '>', '>='];
export const STRING_COMPARATORS: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];
export const LIST_COMPARATORS: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];

const KNOWN_COMPARATORS = new Set<string>([...NUMERIC_COMPARATORS, ...LIST_COMPARATORS, 'IS NULL', 'IS NOT NULL']);

/** The clause's comparator when `allowed` holds it; otherwise a SearchSyntaxError saying why not. */
export function checkComparator(
  clause: RawClause,
  input: string,
  allowed: readonly Comparator[],
  fieldKind: string,
): Comparator {
  const { text, position } = clause.comparator;
  if (!KNOWN_COMPARATORS.has(text)) {
    throw new SearchSyntaxError(
      `Invalid comparator '${clause.comparator.written}' at position ${position}: use one of ${LIST_COMPARATORS.join(', ')}, <, <=, >, >=`,
      input,
      position,
    );
  }
  const comparator = text as Comparator;
  if (allowed.includes(comparator)) return comparator;
  const field = clause.identifier.text;
  if (comparator === 'IS NULL' || comparator === 'IS NOT NULL') {
    throw new SearchSyntaxError(
      `Invalid comparator '${comparator}' for ${field} at position ${position}: MLflow 3.5.1 has no IS [NOT] NULL ` +
        "(to keep only what has a given tag or param, compare it with LIKE '%')",
      input,
      position,
    );
  }
  throw new SearchSyntaxError(
    `Invalid comparator '${comparator}' for ${field} at position ${position}: ${fieldKind} allow ${allowed.join(', ')}`,
    input,
    position,
  );
}

/** The number a metric or numeric attribute is compared with. */
export function numberValue(clause: RawClause, input: string): number {
  const value = clause.value;
  if (value.kind !== 'number') {
    throw new SearchSyntaxError(
      `Expected a numeric value for ${clause.identifier.text} at position ${value.position}, found ${shown(value)}`,
      input,
      value.position,
    );
  }
  return Number(value.text);
}

/** The text a param, tag or string attribute is compared with: it must be single- or double-quoted. */
export function stringValue(clause: RawClause, input: string): string {
  const value = clause.value;
  if (value.kind === 'string') return value.text;
  if (value.kind === 'bareword') {
    throw new SearchSyntaxError(
      `Value ${value.text} for ${clause.identifier.text} at position ${value.position} is not quoted: use single or double quotes, e.g. '${value.quote === 'backtick' ? value.text.slice(1, -1) : value.text}'`,
      input,
      value.position,
    );
  }
  throw new SearchSyntaxError(
    `Expected a quoted string value for ${clause.identifier.text} at position ${value.position}, found ${shown(value)}`,
    input,
    value.position,
  );
}

/**
 * The strings of an IN / NOT IN list. MLflow keeps only the lower-case ones (run ids are; it
 * drops the others so MySQL's case-insensitive IN cannot match them), after checking the list
 * is not empty.
 */
export function listValue(clause: RawClause, value: ListValue, input: string): string[] {
  if (value.items.length === 0) {
    throw new SearchSyntaxError(
      `Empty list for ${clause.identifier.text} at position ${value.position}: IN needs at least one quoted string`,
      input,
      value.position,
    );
  }
  return value.items.filter(isPythonLower);
}

type ListValue = Extract<RawValue, { kind: 'list' }>;

/** Fails when a list is compared with something other than IN / NOT IN. */
export function checkListUse(clause: RawClause, input: string, comparator: Comparator): void {
  const isList = clause.value.kind === 'list';
  const wantsList = comparator === 'IN' || comparator === 'NOT IN';
  if (isList && !wantsList) {
    throw new SearchSyntaxError(
      `A list can only follow IN or NOT IN, not '${comparator}' (${clause.identifier.text} at position ${clause.value.position})`,
      input,
      clause.value.position,
    );
  }
}

/** Python's `str.islower()`: at least one cased character, and every cased character lower-case. */
function isPythonLower(text: string): boolean {
  return text === text.toLowerCase() && text !== text.toUpperCase();
}

function shown(value: RawValue): string {
  switch (value.kind) {
    case 'string':
      return value.quote === 'single' ? `'${value.text}'` : `"${value.text}"`;
    case 'number':
    case 'bareword':
      return value.text;
    case 'list':
      return 'a list';
    case 'null':
      return 'NULL';
  }
}
