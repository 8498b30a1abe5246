import { SearchSyntaxError } from '../errors';
import type { RawClause, RawIdentifier, RawValue } from './filterSyntax';
import { parseFilterSyntax } from './filterSyntax';
import type { EntityType } from '../../../webview/shared/searchWords';
import { DATASET_KEYS, SEARCHABLE_ATTRIBUTES, runEntityOfWord } from '../../../webview/shared/searchWords';

/*
 * MLflow's search filter language (`metrics.loss < 0.2 AND params.optimizer = 'adam'`), parsed
 * and checked exactly as an MLflow 3.5.1 server checks it: what the server rejects is rejected
 * here with a SearchSyntaxError (INVALID_PARAMETER_VALUE) whose `position` points at the
 * offending token. This file holds the comparison types, the rules for run filters and for
 * experiment filters (entity types, attributes, comparators, value types) and the two parse
 * functions; filterSyntax.ts reads the text they apply to.
 */

export type Comparator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN' | 'IS NULL' | 'IS NOT NULL';

export interface Comparison {
  entityType: EntityType;
  /**
   * The key with its quotes removed. Attribute aliases are resolved to MLflow's column names
   * (`created` is `start_time`, `Run Name` is `run_name`).
   */
  key: string;
  comparator: Comparator;
  /**
   * A number for metrics and numeric attributes, a string for the others (its inner text exactly
   * as written between the quotes: MLflow unescapes nothing), a list for IN / NOT IN (only the
   * values MLflow keeps: it drops any that are not lower-case, since run ids are), null for
   * IS [NOT] NULL.
   */
  value: string | number | string[] | null;
  /** offset in the filter string */
  position: number;
}

/** Parses a `runs/search` filter; an empty or blank filter is no comparison at all. Throws SearchSyntaxError. */
export function parseRunFilter(filter: string): Comparison[] {
  return parseFilterSyntax(filter).map((clause) => runComparisonOf(clause, filter));
}

/** Parses an `experiments/search` filter (name, creation_time, last_update_time, tags.<key>). Throws SearchSyntaxError. */
export function parseExperimentFilter(filter: string): Comparison[] {
  return parseFilterSyntax(filter).map((clause) => experimentComparisonOf(clause, filter));
}

/**
 * Checks shared by run and experiment filters: which comparators a kind of field allows, and
 * which kind of value it compares with. Messages name the field and the offending token.
 */
const NUMERIC_COMPARATORS: readonly Comparator[] = ['=', '!=', '<', '<=', '>', '>='];
const STRING_COMPARATORS: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];
const LIST_COMPARATORS: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];

const KNOWN_COMPARATORS = new Set<string>([...NUMERIC_COMPARATORS, ...LIST_COMPARATORS, 'IS NULL', 'IS NOT NULL']);

/** The clause's comparator when `allowed` holds it; otherwise a SearchSyntaxError saying why not. */
function checkComparator(
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
function listValue(clause: RawClause, value: ListValue, input: string): string[] {
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
function checkListUse(clause: RawClause, input: string, comparator: Comparator): void {
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

/** Orderable run attributes: the searchable ones, but of the aliases only `created` / `Created`. */
export const ORDERABLE_ATTRIBUTES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SEARCHABLE_ATTRIBUTES).filter(([name]) => !name.includes(' ')),
);

const NUMERIC_ATTRIBUTES: ReadonlySet<string> = new Set(['start_time', 'end_time']);

/** The entity type an identifier names (`attribute` when it has no `entity.` prefix). */
export function runEntityOf(identifier: RawIdentifier, input: string): EntityType {
  const entity = identifier.entity;
  if (!entity) return 'attribute';
  const type = entity.quote === 'none' || entity.quote === 'backtick' ? runEntityOfWord(entity.text) : undefined;
  if (type === undefined) {
    const written = entity.quote === 'double' ? `"${entity.text}"` : entity.text;
    throw new SearchSyntaxError(
      `Invalid entity type '${written}' at position ${entity.position}. Valid values are metrics, params, tags, attributes, datasets ` +
        '(or metric, param, parameter(s), tag, attribute, attr, run, dataset)',
      input,
      entity.position,
    );
  }
  return type;
}

/** The column an attribute key names, checked against `valid` (searchable or orderable attributes). */
export function runAttributeOf(
  identifier: RawIdentifier,
  input: string,
  valid: Readonly<Record<string, string>>,
): string {
  const { text, position } = identifier.key;
  if (!Object.hasOwn(valid, text)) {
    throw new SearchSyntaxError(
      `Invalid attribute key '${text}' at position ${position}. Valid keys are ${Object.keys(valid).join(', ')}`,
      input,
      position,
    );
  }
  return valid[text]!;
}

/** Checks one parsed clause of a run filter against MLflow's rules and returns it as a Comparison. */
function runComparisonOf(clause: RawClause, input: string): Comparison {
  const entityType = runEntityOf(clause.identifier, input);
  const position = clause.identifier.position;
  switch (entityType) {
    case 'metric': {
      const comparator = checkComparator(clause, input, NUMERIC_COMPARATORS, 'metrics');
      return { entityType, key: clause.identifier.key.text, comparator, value: numberValue(clause, input), position };
    }
    case 'param':
    case 'tag': {
      const comparator = checkComparator(clause, input, STRING_COMPARATORS, entityType === 'param' ? 'params' : 'tags');
      return { entityType, key: clause.identifier.key.text, comparator, value: stringValue(clause, input), position };
    }
    case 'attribute':
      return attributeComparison(clause, input);
    case 'dataset':
      return datasetComparison(clause, input);
  }
}

function attributeComparison(clause: RawClause, input: string): Comparison {
  const key = runAttributeOf(clause.identifier, input, SEARCHABLE_ATTRIBUTES);
  const position = clause.identifier.position;
  if (NUMERIC_ATTRIBUTES.has(key)) {
    const comparator = checkComparator(clause, input, NUMERIC_COMPARATORS, 'numeric attributes');
    return { entityType: 'attribute', key, comparator, value: numberValue(clause, input), position };
  }
  const comparator = checkComparator(clause, input, LIST_COMPARATORS, 'string attributes');
  const value = clause.value;
  if (value.kind !== 'list') {
    return { entityType: 'attribute', key, comparator, value: stringValue(clause, input), position };
  }
  if (key !== 'run_id') {
    throw new SearchSyntaxError(
      `Only the run_id attribute can be compared with a list; ${clause.identifier.text} at position ${value.position} cannot`,
      input,
      value.position,
    );
  }
  checkListUse(clause, input, comparator);
  return { entityType: 'attribute', key, comparator, value: listValue(clause, value, input), position };
}

function datasetComparison(clause: RawClause, input: string): Comparison {
  const { text: key, position: keyPosition } = clause.identifier.key;
  if (!DATASET_KEYS.includes(key)) {
    throw new SearchSyntaxError(
      `Invalid dataset key '${key}' at position ${keyPosition}. Valid keys are ${DATASET_KEYS.join(', ')}`,
      input,
      keyPosition,
    );
  }
  const comparator = checkComparator(clause, input, LIST_COMPARATORS, 'datasets');
  const position = clause.identifier.position;
  const value = clause.value;
  if (value.kind !== 'list') {
    return { entityType: 'dataset', key, comparator, value: stringValue(clause, input), position };
  }
  checkListUse(clause, input, comparator);
  return { entityType: 'dataset', key, comparator, value: listValue(clause, value, input), position };
}

/** Experiment searches know fewer entity types than run searches, and check them before any quote is removed. */
const EXPERIMENT_ENTITIES: Readonly<Record<string, EntityType>> = { attribute: 'attribute', tag: 'tag', tags: 'tag' };

const SEARCHABLE_EXPERIMENT_ATTRIBUTES: ReadonlySet<string> = new Set(['name', 'creation_time', 'last_update_time']);
export const ORDERABLE_EXPERIMENT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'name',
  'experiment_id',
  'creation_time',
  'last_update_time',
]);
const NUMERIC_EXPERIMENT_ATTRIBUTES: ReadonlySet<string> = new Set(['creation_time', 'last_update_time']);

/** The entity type of an experiment filter or order_by identifier: `attribute` or `tag`. */
export function experimentEntityOf(identifier: RawIdentifier, input: string): EntityType {
  const entity = identifier.entity;
  if (!entity) return 'attribute';
  if (entity.quote !== 'none' || !Object.hasOwn(EXPERIMENT_ENTITIES, entity.text)) {
    const written = input.slice(entity.position, identifier.key.position - 1);
    throw new SearchSyntaxError(
      `Invalid entity type '${written}' at position ${entity.position}. Valid entity types for experiments are attribute, tag, tags`,
      input,
      entity.position,
    );
  }
  return EXPERIMENT_ENTITIES[entity.text]!;
}

/** The attribute key of an experiment identifier, checked against `valid`. */
export function experimentAttributeOf(identifier: RawIdentifier, input: string, valid: ReadonlySet<string>): string {
  const { text, position } = identifier.key;
  if (!valid.has(text)) {
    throw new SearchSyntaxError(
      `Invalid attribute key '${text}' at position ${position}. Valid keys are ${[...valid].join(', ')}`,
      input,
      position,
    );
  }
  return text;
}

/** Checks one parsed clause of an experiment filter against MLflow's rules and returns it as a Comparison. */
function experimentComparisonOf(clause: RawClause, input: string): Comparison {
  const entityType = experimentEntityOf(clause.identifier, input);
  checkUpperCaseKeyword(clause, input);
  const position = clause.identifier.position;
  if (entityType === 'tag') {
    const comparator = checkComparator(clause, input, STRING_COMPARATORS, 'experiment tags');
    return { entityType, key: clause.identifier.key.text, comparator, value: stringValue(clause, input), position };
  }
  const key = experimentAttributeOf(clause.identifier, input, SEARCHABLE_EXPERIMENT_ATTRIBUTES);
  if (NUMERIC_EXPERIMENT_ATTRIBUTES.has(key)) {
    const comparator = checkComparator(clause, input, NUMERIC_COMPARATORS, 'numeric attributes');
    return { entityType, key, comparator, value: numberValue(clause, input), position };
  }
  const comparator = checkComparator(clause, input, STRING_COMPARATORS, 'the name');
  return { entityType, key, comparator, value: stringValue(clause, input), position };
}

/**
 * Unlike run searches, MLflow 3.5.1 compares an experiment filter's comparator as written, so
 * `name like 'demo%'` is refused: only `LIKE` / `ILIKE` in capitals are known.
 */
function checkUpperCaseKeyword(clause: RawClause, input: string): void {
  const { text, written, position } = clause.comparator;
  if (written !== text && /^[A-Z ]+$/.test(text)) {
    throw new SearchSyntaxError(
      `Invalid comparator '${written}' at position ${position}: experiment searches need it in capitals, ${text}`,
      input,
      position,
    );
  }
}
